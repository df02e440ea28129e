// Package journey is the domain of Journeymap: workspaces, journeys and pain points, their rules,
// and the figures derived from them (load, fairness, specificity), with no user interface or storage.
package journey
