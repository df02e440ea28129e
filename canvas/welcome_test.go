package canvas

import (
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"journeymap/canvas/screentest"
	"journeymap/storage"
	"journeymap/storage/document"
)

// TestWelcomeOnAnEmptyWorkspace opens a window on a new store: the welcome stands in the map's
// place with the map's own empty message covered, offers the sample (asking the app to open
// it, and saying why when it can't), and goes once a journey is added.
func TestWelcomeOnAnEmptyWorkspace(t *testing.T) {
	newApp(t)
	doc := emptyDocument(t)
	mw := NewMainWindow(fyne.CurrentApp(), doc)
	t.Cleanup(mw.Close)
	mw.Resize(fyne.NewSize(1024, 768))
	root := mw.Canvas().Content()

	heading := screentest.LabelsOf(root, "Welcome to Journeymap")
	if len(heading) != 1 {
		t.Fatalf("the welcome heading is drawn %d times on a new store", len(heading))
	}
	if at, ok := screentest.DrawnAs(root, mw.viewport); !ok || heading[0].Pos.X < at.Pos.X || heading[0].Pos.X > at.Pos.X+at.Size.Width {
		t.Errorf("the welcome %v is not in the map's place %v", heading[0], at)
	}
	opened := 0
	mw.OnOpenSample = func() error { opened++; return nil }
	test.Tap(screentest.Button(t, root, "Look at the Sample…"))
	if opened != 1 || !strings.Contains(mw.message.Text, "window of its own") {
		t.Errorf("the sample button asked %d times, and the window says %q", opened, mw.message.Text)
	}
	mw.OnOpenSample = func() error { return errors.New("it is already open in another window") }
	test.Tap(screentest.Button(t, root, "Look at the Sample…"))
	if mw.message.Text != "Can't open the sample: it is already open in another window." {
		t.Errorf("a sample that can't open: %q", mw.message.Text)
	}
	if len(doc.Workspace().Journeys) != 0 || len(doc.Workspace().Members) != 0 {
		t.Fatal("asking for the sample changed the user's workspace")
	}

	test.Tap(screentest.Button(t, root, "New Journey"))
	if len(doc.Workspace().Journeys) != 1 {
		t.Fatalf("New Journey in the welcome: %d journeys", len(doc.Workspace().Journeys))
	}
	if got := screentest.LabelsOf(root, "Welcome to Journeymap"); len(got) != 0 {
		t.Error("the welcome stays over the new journey's map")
	}
	mw.Editor.Undo()
	if got := screentest.LabelsOf(root, "Welcome to Journeymap"); len(got) != 1 {
		t.Error("the welcome is not back once the only journey is undone")
	}
}

// emptyDocument opens a document on a new store, as a first start does.
func emptyDocument(t *testing.T) *document.Document {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "store"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := document.New(s)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { doc.Close() })
	return doc
}

// TestSampleWindowSaysSo: the sample's window says, in its status bar and title, that it is
// the sample; and Esc closes the shortcut sheet, which has no field to take it.
func TestSampleWindowSaysSo(t *testing.T) {
	ed := openEditing(t)
	ed.mw.ShowSample()
	ed.mw.Resize(fyne.NewSize(1440, 900))
	// A banner across the top, above the toolbar, says so; File → Quit closes the sample.
	var banner []screentest.Drawn
	top := float32(900)
	for _, d := range screentest.TextsDrawn(ed.mw.Content()) {
		if strings.HasPrefix(d.Object.(*canvas.Text).Text, "The sample workspace: a made-up task force") {
			banner = append(banner, d)
		} else {
			top = min(top, d.Pos.Y)
		}
	}
	if len(banner) != 1 || banner[0].Pos.X > 20 || banner[0].Pos.Y+banner[0].Size.Height > top ||
		ed.mw.Title() != "Journeymap: the sample workspace" {
		t.Errorf("the sample's window: its banner drawn %v, above everything else (from %v)? Titled %q", banner, top, ed.mw.Title())
	}
	if ed.mw.mainMenu.Items[0].Items[len(ed.mw.mainMenu.Items[0].Items)-1].Label != "Close the Sample" {
		t.Error("the sample's File menu does not end in Close the Sample")
	}
	ed.mw.ShowShortcuts()
	if ed.mw.Canvas().Overlays().Top() == nil {
		t.Fatal("F1 showed no sheet")
	}
	ed.mw.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ed.mw.Canvas().Overlays().Top() != nil {
		t.Error("Esc did not close the shortcut sheet")
	}
}

// TestTheWindowFitsTheScreen: the window's first size is made to fit the screen's work area,
// at the canvas's scale and with room for a frame; a screen with room leaves it as it was.
func TestTheWindowFitsTheScreen(t *testing.T) {
	for _, tt := range []struct {
		size          fyne.Size
		width, height int
		scale         float32
		want          fyne.Size
	}{
		{fyne.NewSize(1440, 900), 1024, 768, 1, fyne.NewSize(1024, 720)},
		{fyne.NewSize(1440, 900), 1920, 1080, 1, fyne.NewSize(1440, 900)},
		{fyne.NewSize(1440, 900), 2880, 1800, 2, fyne.NewSize(1440, 876)},
		{fyne.NewSize(800, 600), 1024, 768, 0, fyne.NewSize(800, 600)},
	} {
		if got := fitted(tt.size, tt.width, tt.height, tt.scale); got != tt.want {
			t.Errorf("%v on %d×%d at scale %v: %v, want %v", tt.size, tt.width, tt.height, tt.scale, got, tt.want)
		}
	}
}

// TestARememberedSizeIsMadeSane: what the preferences remember as the window's size is taken
// as a size only when it is one, and never bigger than X takes before the screen is known: a
// hostile or broken preferences file must not end every start in an X error.
func TestARememberedSizeIsMadeSane(t *testing.T) {
	for _, tt := range []struct {
		wh   []float64
		want fyne.Size
	}{
		{[]float64{1200, 800}, fyne.NewSize(1200, 800)},
		{[]float64{100000, 100000}, fyne.NewSize(largestSide, largestSide)},
		{[]float64{3000, 1e30}, fyne.NewSize(3000, largestSide)},
		{[]float64{math.Inf(1), 800}, fyne.NewSize(defaultWidth, defaultHeight)},
		{[]float64{math.NaN(), 800}, fyne.NewSize(defaultWidth, defaultHeight)},
		{[]float64{-5, 800}, fyne.NewSize(defaultWidth, defaultHeight)},
		{[]float64{800}, fyne.NewSize(defaultWidth, defaultHeight)},
		{nil, fyne.NewSize(defaultWidth, defaultHeight)},
	} {
		if got := rememberedSize(tt.wh); got != tt.want {
			t.Errorf("remembered %v: %v, want %v", tt.wh, got, tt.want)
		}
	}
}
