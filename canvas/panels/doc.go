// Package panels holds the side panels beside Journeymap's map: a pain point's whole record
// (PainPointPanel), the task force with its loads, fairness, rebalance and pulse
// (TaskForcePanel), and how the journey's pain points came to light (DiscoveryPanel). Each
// reads the workspace from, and edits it through, a storage/document; none knows the window.
package panels
