// Package canvas holds Journeymap's Fyne user interface around the map: the main window, its
// menus and dialogs, the editor that turns what is done on the map (canvas/mapview) into
// edits of the document (storage/document), presenter mode, and the place beside the map
// where the side panels (canvas/panels) take turns. Import it as mapcanvas beside Fyne's own
// canvas package.
package canvas
