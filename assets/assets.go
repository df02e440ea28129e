package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

// SampleWorkspace is the workspace file a new store is filled with on first run: an online
// homeware shop's task force with two journeys (a late parcel, a returned gift).
//
//go:embed sample.journeymap.json
var SampleWorkspace []byte

//go:embed Icon.png
var iconPNG []byte

// Icon is the app icon: an emotion curve through a journey, with one pain point marked.
var Icon = fyne.NewStaticResource("Icon.png", iconPNG)
