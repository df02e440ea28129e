// Package mapview is the journey map widget: a journey's scene (canvas/scene) drawn with Fyne
// objects it reuses from a pool, redrawing only what an edit changed and only near the view;
// its stage and lane names pinned to the view's edges; and the input it hands on, in map
// coordinates, to whoever edits or presents the map (Input). It imports Fyne, the scene and
// the domain, never the window, the editor or the document.
package mapview
