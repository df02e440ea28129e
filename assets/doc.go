// Package assets holds what Journeymap embeds in its binary: the app icon and the sample
// workspace a new store starts with.
package assets
