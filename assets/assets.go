package assets

import _ "embed"

// SampleWorkspace is the workspace file a new store is filled with on first run: an online
// homeware shop's task force with two journeys (a late parcel, a returned gift).
//
//go:embed sample.journeymap.json
var SampleWorkspace []byte
