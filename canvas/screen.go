package canvas

import (
	"math"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// workArea is the primary screen's room for windows, in pixels (less the panels a desktop
// keeps), and whether it is known: Fyne tells a window nothing of the screen it opens on.
// Only once the real driver runs, on the UI thread.
func workArea() (width, height int, ok bool) {
	defer func() {
		if recover() != nil { // GLFW not started, or no monitor: the size stays as it was
			ok = false
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0, false
	}
	_, _, width, height = m.GetWorkarea()
	return width, height, width > 0 && height > 0
}

// Sizes a window opens at before the screen is known: the default, and the most a size
// remembered in the preferences may ask for. X refuses a window much bigger than any screen,
// and the start would end in an X error; the window is fitted to the screen once it shows.
const (
	defaultWidth, defaultHeight = 1440, 900
	largestSide                 = 8192
)

// rememberedSize is the size the preferences remember for the window, as wh says it, made
// sane: the default for what is not a size, and no side over largestSide.
func rememberedSize(wh []float64) fyne.Size {
	if len(wh) != 2 || !(wh[0] >= 1 && wh[1] >= 1) || math.IsInf(wh[0], 0) || math.IsInf(wh[1], 0) {
		return fyne.NewSize(defaultWidth, defaultHeight)
	}
	return fyne.NewSize(float32(min(wh[0], largestSide)), float32(min(wh[1], largestSide)))
}

// fitted is size made to fit a work area of the pixels given at the canvas's scale, with a
// margin for the window's frame: the default 1440×900, or a size remembered on a bigger
// screen, would open partly off a 1024×768 one.
func fitted(size fyne.Size, width, height int, scale float32) fyne.Size {
	const frame = 48 // pixels for a title bar and borders
	if scale <= 0 {
		scale = 1
	}
	return fyne.NewSize(min(size.Width, float32(width)/scale), min(size.Height, float32(height-frame)/scale))
}
