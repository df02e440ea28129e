package assets

import _ "embed"

// SampleWorkspace is the workspace file a new store is filled with on first run: an online
// homeware shop's task force with two journeys (a late parcel, a returned gift).
//
//go:embed sample.journeymap.json
var SampleWorkspace []byte

// IconPNG is the app icon, as a PNG: an emotion curve through a journey, with one pain point
// marked. Bytes, so that nothing that only needs the sample pulls in Fyne.
//
//go:embed Icon.png
var IconPNG []byte
