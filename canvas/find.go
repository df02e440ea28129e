package canvas

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/scene"
	"journeymap/journey"
)

// findBar is the bar Ctrl+F opens above the map: what is typed in it dims every card and pain
// point that doesn't hold it; Enter picks the next match, Escape closes the bar.
type findBar struct {
	widget.Entry
	mw      *MainWindow
	matches []scene.Key
	bar     *fyne.Container
	count   *widget.Label
}

func newFindBar(mw *MainWindow) *findBar {
	f := &findBar{mw: mw, count: widget.NewLabel("")}
	f.SetPlaceHolder("Find cards and pain points")
	f.ExtendBaseWidget(f)
	f.OnChanged = func(string) { f.apply() }
	closeButton := widget.NewButtonWithIcon("", theme.CancelIcon(), f.close)
	closeButton.Importance = widget.LowImportance
	f.bar = container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), container.NewHBox(f.count, closeButton), f)
	f.bar.Hide()
	return f
}

// TypedKey picks the next match on Enter and closes the bar on Escape.
func (f *findBar) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		f.next()
	case fyne.KeyEscape:
		f.close()
	default:
		f.Entry.TypedKey(k)
	}
}

// open shows the bar and gives it the keyboard.
func (f *findBar) open() {
	f.bar.Show()
	f.mw.Canvas().Focus(f)
	f.apply()
}

func (f *findBar) close() {
	f.SetText("")
	f.bar.Hide()
	f.mw.Map.SetMatch(nil)
	f.mw.Map.TakeKeyboard()
}

// apply finds the text in the journey on show, case aside, and dims what doesn't hold it.
func (f *findBar) apply() {
	q := strings.ToLower(strings.TrimSpace(f.Text))
	j := f.mw.doc.Workspace().Journey(f.mw.Map.JourneyID())
	if q == "" || j == nil {
		f.matches = nil
		f.count.SetText("")
		f.mw.Map.SetMatch(nil)
		return
	}
	found := map[scene.Key]bool{}
	for _, c := range j.Cards {
		if strings.Contains(strings.ToLower(c.Text), q) {
			found[scene.Key{Kind: scene.KindCard, ID: c.ID}] = true
		}
	}
	for _, p := range j.PainPoints {
		if painHolds(p, q) {
			found[scene.Key{Kind: scene.KindPain, ID: p.ID}] = true
		}
	}
	f.mw.Map.SetMatch(func(k scene.Key) bool { return found[k] })
	f.matches = slices.DeleteFunc(f.mw.Map.Scene().Order(), func(k scene.Key) bool { return !found[k] })
	f.count.SetText(fmt.Sprintf("%d found", len(f.matches)))
}

// painHolds reports whether a pain point says q anywhere a person would look.
func painHolds(p journey.PainPoint, q string) bool {
	for _, s := range []string{p.Title, p.Detail, p.Action.Text, p.Action.DoneWhen} {
		if strings.Contains(strings.ToLower(s), q) {
			return true
		}
	}
	return false
}

// next picks the match after the one picked, in reading order.
func (f *findBar) next() {
	if len(f.matches) == 0 {
		return
	}
	e := f.mw.Editor
	i := 0
	if sel := e.Selection().Items; len(sel) == 1 {
		if at := slices.Index(f.matches, sel[0]); at >= 0 {
			i = (at + 1) % len(f.matches)
		}
	}
	k := f.matches[i]
	stage, lane, _ := f.mw.Map.Scene().CellOf(k)
	e.selectCell(stage, lane, []scene.Key{k})
	if b, ok := f.mw.Map.Scene().Bounds(k); ok {
		f.mw.Map.ScrollToShow(b)
	}
}

// shortcuts is the sheet F1 shows: every key the window knows.
var shortcuts = [][2]string{
	{"Ctrl+N, Enter, or type", "New card in the selected cell (a pain point in the pain lane)"},
	{"Ctrl+P", "New pain point in the selected stage, its panel open to fill in"},
	{"Click a pain point", "Its panel: discovery, severity, effort, status, owner (fair suggestion first), next action"},
	{"Ctrl+T", "Task force: loads, fairness, members, rebalance, pulse"},
	{"Ctrl+Shift+M", "Add a member to the task force"},
	{"Ctrl+Shift+P", "Take the anonymous pulse (one person's answer)"},
	{"Ctrl+D", "Discovery: known and unknown per stage, digging credit, unknown found per week"},
	{"View → Filter Pain Points", "Show in full only known, unknown, unassigned, mine, overdue or not specific ones"},
	{"Enter, double click", "Edit the picked card; Enter saves, Shift+Enter a new line, Esc cancels"},
	{"Double click a header", "Rename a stage or lane"},
	{"F2, Shift+F2", "Rename the selected cell's stage, its lane"},
	{"Ctrl+Shift+→, Ctrl+Shift+←", "Add a stage after, before the selected cell's, and name it"},
	{"Right click", "Menu of the card, cell, stage or lane under the pointer"},
	{"Arrows", "Select the cell beside"},
	{"Enter on the emotion lane", "Pick the stage's point: Up/Down change its score, Left/Right the next stage's"},
	{"Tab, Shift+Tab", "Next, previous card"},
	{"Click, Ctrl+click, Shift+click", "Pick a card; pick several"},
	{"Drag", "Move a card, pain point (all those picked), emotion score, stage or lane; drag in the emotion lane to draw the curve"},
	{"Delete", "Delete the picked cards"},
	{"Ctrl+X, Ctrl+C, Ctrl+V", "Cut, copy, paste cards (also as text to other apps)"},
	{"Ctrl+Z", "Undo"},
	{"Ctrl+Shift+Z, Ctrl+Y", "Redo"},
	{"Ctrl+F", "Find cards and pain points; Enter for the next"},
	{"Ctrl+Shift+N", "New journey"},
	{"Ctrl+= or Ctrl++, Ctrl+-, Ctrl+0", "Zoom in, out, back to 100 %"},
	{"Ctrl+scroll, Shift+scroll", "Zoom at the pointer; pan across"},
	{"F5", "Present: full screen; ←/→ step through stages, Home all, B backstage, P pain points only, Esc leaves"},
	{"F1", "This sheet"},
	{"Ctrl+Q", "Quit"},
}

// ShowShortcuts shows the sheet of every shortcut. Cmd stands for Ctrl on macOS.
func (mw *MainWindow) ShowShortcuts() {
	grid := container.New(layout.NewFormLayout())
	for _, s := range shortcuts {
		grid.Add(widget.NewLabelWithStyle(s[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(s[1]))
	}
	note := widget.NewLabel("On macOS, Cmd instead of Ctrl.")
	// It scrolls: the sheet is taller than a 1440×900 screen.
	body := container.NewVScroll(container.NewVBox(grid, note))
	d := dialog.NewCustom("Keyboard shortcuts", "Close", body, mw)
	d.Resize(fyne.NewSize(min(760, mw.Canvas().Size().Width-40), max(300, mw.Canvas().Size().Height-80)))
	d.SetOnClosed(func() { mw.sheet = nil; mw.keysToMap() })
	mw.sheet = d
	d.Show()
}
