// Package fonts embeds Noto Sans, the face Fyne's default theme draws text in, and the Inter
// symbols Fyne falls back to for what Noto lacks (the minus sign), so that code without Fyne
// (the scene, the PNG export) measures and draws text exactly as the window does. The fonts
// are under the SIL Open Font License (OFL.txt, OFL-Inter.txt).
package fonts

import _ "embed"

// The styles the map uses, as TrueType files.
var (
	//go:embed NotoSans-Regular.ttf
	Regular []byte
	//go:embed NotoSans-Bold.ttf
	Bold []byte
	//go:embed NotoSans-Italic.ttf
	Italic []byte
	//go:embed InterSymbols-Regular.ttf
	Symbols []byte
)
