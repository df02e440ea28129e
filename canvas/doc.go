// Package canvas holds Journeymap's Fyne user interface: the main window, the journey map
// widget and the panels around it. Import it as mapcanvas beside Fyne's own canvas package.
package canvas
