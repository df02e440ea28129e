// Package scene turns a journey into the geometry of its map — rectangles, lines, markers and
// wrapped text measured with the real font — without Fyne, so that the map widget, the PNG
// export and tests without a window all draw the same thing. Sizes are Fyne units at 100 %.
package scene
