package canvas

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/mapview"
	"journeymap/canvas/panels"
	"journeymap/canvas/scene"
	"journeymap/journey"
	"journeymap/storage/document"
)

// MainWindow is Journeymap's window: the journeys in a sidebar, the chosen one's map with a
// toolbar above it and its figures in a status bar below.
type MainWindow struct {
	fyne.Window
	app  fyne.App
	loop uiLoop
	doc  *document.Document
	list *widget.List
	// sidebarAside is set while the journey list has stepped aside for a panel on a small
	// screen, to come back when the panel goes.
	sidebarAside bool
	Map          *mapview.Map
	viewport     fyne.CanvasObject
	Editor       *Editor
	status       *widget.Label
	message      *widget.Label
	zoomLabel    *widget.Label
	mainMenu     *fyne.MainMenu
	find         *findBar
	filter       *filterBar
	filterMenu   *fyne.MenuItem     // View → Filter Pain Points, its ways checked
	whoAmI       *dialog.FormDialog // the question of who uses this desktop, while it is open
	whoAmIPick   *widget.Select     // its list of members
	exporting    sync.WaitGroup     // exports still drawing, for tests to wait on
	exports      int                // exports under way, counted on the UI goroutine
	quitting     bool               // Quit waits for the exports to end
	// sharingSaid says where the desk stands with its shared workspace, first in the status
	// bar; "" for a workspace of its own.
	sharingSaid string
	stopSharing func()
	presenting  *presenter // presenter mode, while it is on
	sidebar     *fyne.Container
	split       *container.Split
	undo        *fyne.MenuItem
	redo        *fyne.MenuItem
	// PainPanel shows the pain point picked on the map, whole, and edits it.
	PainPanel *panels.PainPointPanel
	// TaskForce shows the members' loads, fairness, rebalance and pulse (Ctrl+T).
	TaskForce *panels.TaskForcePanel
	// Discovery shows how the journey's pain points came to light (Ctrl+D).
	Discovery *panels.DiscoveryPanel
	// OnOpenSample opens the sample workspace in a window of its own (File → Open Sample…);
	// nil where there is none to open.
	OnOpenSample func() error
	welcome      fyne.CanvasObject  // in the map's place while there is no journey
	journeyForm  *dialog.FormDialog // the journey's title, persona and vision, while asked for
	sheet        dialog.Dialog      // the shortcut sheet, or another dialog no field takes keys in, while shown
	sharingShown func()             // fills the Shared Workspace dialog again, while shown
	banner       fyne.CanvasObject  // says so across the window's top
	quitItem     *fyne.MenuItem     // File → Quit, which closes the sample's window
	memory       *memory            // what the window remembers on this desk
	keepFailed   bool               // a failure to keep it has been said
}

// NewMainWindow builds the window for a document, restoring the size, theme and journey
// shown last time. Every change the document makes is drawn as it is made.
func NewMainWindow(a fyne.App, doc *document.Document) *MainWindow {
	w := doc.Workspace()
	mw := &MainWindow{Window: a.NewWindow("Journeymap"), app: a, doc: doc}
	mw.memory = recall(a)
	mw.applyTheme(mw.memory.now.Theme)

	mw.Map = mapview.NewMap(w, "")
	mw.viewport = mapview.NewMapScroll(mw.Map)
	mw.status = widget.NewLabel("")
	mw.message = widget.NewLabel("")
	mw.message.Truncation = fyne.TextTruncateEllipsis
	mw.zoomLabel = widget.NewLabel("100 %")
	mw.Map.OnZoomChanged = func(z float32) { mw.zoomLabel.SetText(fmt.Sprintf("%.0f %%", z*100)) }
	// The zoom last used, if the preferences hold a sane one (SetZoom keeps it in range).
	if z := mw.memory.now.Zoom; z > 0 && z < math.MaxFloat32 {
		mw.Map.SetZoom(float32(z))
	}
	mw.list = NewJourneyList(w, mw.moveJourneyTo)
	mw.list.OnSelected = func(i widget.ListItemID) { mw.show(i) }

	toolbar := widget.NewToolbar(
		widget.NewToolbarAction(theme.MenuIcon(), mw.ToggleSidebar),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ZoomOutIcon(), mw.Map.ZoomOut),
		widget.NewToolbarAction(theme.ZoomInIcon(), mw.Map.ZoomIn),
		widget.NewToolbarAction(theme.ZoomFitIcon(), mw.fit),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ColorPaletteIcon(), mw.ToggleTheme),
	)
	var filterButton *widget.Button
	filterButton = widget.NewButtonWithIcon("Filter", theme.VisibilityIcon(), func() {
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(filterButton)
		mw.showFilterMenu(at.AddXY(0, filterButton.Size().Height))
	})
	filterButton.Importance = widget.LowImportance
	top := container.NewBorder(nil, nil, nil, container.NewHBox(filterButton, mw.zoomLabel), toolbar)
	// The figures and the last message share the bar and shorten with an ellipsis before
	// anything overlaps, down to a projector's 1024 pixels.
	mw.status.Truncation = fyne.TextTruncateEllipsis
	mw.message.Hide()
	bottom := container.NewBorder(nil, nil, nil, newLegend(), container.NewStack(mw.status, mw.message))
	mw.find = newFindBar(mw)
	mw.filter = newFilterBar(mw)
	mw.PainPanel = panels.NewPainPointPanel(doc)
	mw.PainPanel.Finder = func() (string, bool) { m, ok := mw.me(); return m.ID, ok }
	mw.TaskForce = panels.NewTaskForcePanel(doc)
	mw.TaskForce.Do = mw.loop.Do
	mw.TaskForce.OnMessage = mw.say
	mw.TaskForce.Window = mw
	mw.TaskForce.OnDialogClosed = mw.keysToMap
	mw.Discovery = panels.NewDiscoveryPanel(doc)
	mw.Discovery.JourneyID = mw.Map.JourneyID
	// One panel at a time beside the map: the one that appears takes the place of the one
	// shown (a pain point's is closed, applying what was typed in it).
	side := container.NewStack(mw.PainPanel, mw.TaskForce, mw.Discovery)
	mw.welcome = newWelcome(mw)
	if len(w.Journeys) > 0 {
		mw.welcome.Hide()
	}
	mw.banner = newSampleBanner()
	content := container.NewBorder(container.NewVBox(top, mw.find.bar, mw.filter.bar), bottom, nil, side, container.NewStack(mw.viewport, mw.welcome))
	// The side is hidden with every panel, so that the map keeps the whole width.
	side.Hide()
	sides := []fyne.CanvasObject{mw.PainPanel, mw.TaskForce, mw.Discovery}
	was := make([]bool, len(sides))
	shown := func(shown fyne.CanvasObject) {
		if shown.Visible() {
			if shown != mw.PainPanel {
				mw.PainPanel.Close()
			}
			for _, other := range []fyne.CanvasObject{mw.TaskForce, mw.Discovery} {
				if other != shown {
					other.Hide()
				}
			}
		}
		side.Hidden = !mw.PainPanel.Visible() && !mw.TaskForce.Visible() && !mw.Discovery.Visible()
		mw.roomForPanel(!side.Hidden)
		content.Refresh()
		// A panel that went may have held the keyboard: its hidden field would take what is
		// typed next, F5 and Esc included. The keys go back to the map.
		for i, p := range sides {
			if was[i] && !p.Visible() && mw.Canvas().Focused() != nil {
				mw.Canvas().Focus(mw.Map)
			}
			was[i] = p.Visible()
		}
	}
	mw.PainPanel.OnShowHide = func() { shown(mw.PainPanel) }
	mw.TaskForce.OnShowHide = func() { shown(mw.TaskForce) }
	mw.Discovery.OnShowHide = func() { shown(mw.Discovery) }
	newJourney := widget.NewButtonWithIcon("New journey", theme.ContentAddIcon(), func() { mw.NewJourney() })
	mw.sidebar = container.NewBorder(nil, newJourney, nil, nil, mw.list)
	mw.split = container.NewHSplit(mw.sidebar, content)
	mw.showSidebar(!mw.memory.now.SidebarHidden)
	mw.SetContent(container.NewBorder(mw.banner, nil, nil, nil, mw.split))
	// The map draws a change before the editor looks at the selection it leaves.
	mw.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if mw.presenting != nil {
			mw.presenting.TypedKey(k)
			return
		}
		switch k.Name {
		case fyne.KeyF1:
			mw.ShowShortcuts()
		case fyne.KeyF5:
			mw.Present()
		case fyne.KeyEscape:
			// A dialog with no field to take the key, as the shortcut sheet: Esc closes it.
			if mw.sheet != nil {
				mw.sheet.Hide()
			}
		}
	})
	stop := doc.Watch(mw.changed)
	doc.OnLost = mw.storeLost
	mw.Map.OnSelect = mw.selected
	mw.Editor = NewEditor(doc, mw.Map)
	mw.SetOnClosed(func() {
		mw.PainPanel.Close()
		mw.Editor.Close()
		stop()
		if mw.stopSharing != nil {
			mw.stopSharing()
		}
	})
	mw.Editor.OnMessage = mw.say
	mw.Editor.OnStepRefused = mw.refreshEdit
	mw.Editor.Window = mw
	mw.Editor.OnHelp = mw.ShowShortcuts
	mw.Editor.OnPresent = mw.Present
	mw.mainMenu = mw.menu()
	mw.SetMainMenu(mw.mainMenu)
	mw.addShortcuts()
	mw.refreshEdit()
	if mw.memory.problem != "" {
		mw.say(mw.memory.problem)
	}

	mw.Resize(rememberedSize(mw.memory.now.Size))
	mw.SetCloseIntercept(mw.Quit)
	mw.SetMaster()

	first := 0
	for i, j := range w.Journeys {
		if j.ID == mw.memory.now.LastJourney {
			first = i
		}
	}
	if len(w.Journeys) > 0 {
		mw.list.Select(first)
	} else {
		mw.show(-1)
	}
	return mw
}

// selectJourney selects journey i in the list and shows it, also when the list already had
// that row selected (another journey may have moved into it).
func (mw *MainWindow) selectJourney(i int) {
	mw.list.Select(i)
	if w := mw.doc.Workspace(); i < len(w.Journeys) && mw.Map.JourneyID() != w.Journeys[i].ID {
		mw.show(i)
	}
}

// show puts journey i on the map; -1 shows none.
func (mw *MainWindow) show(i int) {
	if mw.Editor != nil {
		mw.Editor.Commit() // what is being typed belongs to the journey on show until now
	}
	id := ""
	if w := mw.doc.Workspace(); i >= 0 && i < len(w.Journeys) {
		id = w.Journeys[i].ID
		mw.keep(func(r *remembered) { r.LastJourney = id })
	}
	mw.Map.SetJourney(id)
	if mw.Editor != nil {
		mw.Editor.JourneyShown()
	}
	if mw.find != nil && mw.find.bar.Visible() {
		mw.find.apply()
	}
	if mw.filter != nil {
		mw.refreshFilter()
	}
	if mw.Discovery != nil {
		mw.Discovery.Refresh()
	}
	mw.refreshStatus()
}

// changed draws a change the document made: the map redraws what it touched, the journey
// list and the status bar are read again.
func (mw *MainWindow) changed(c document.Change) {
	if c.Kind == document.Replaced {
		mw.replaced()
		return
	}
	// An undo or redo in another journey shows that journey, so that what it did is seen.
	if ids := c.Journeys(); (c.Kind == document.Undid || c.Kind == document.Redid) && len(ids) == 1 && ids[0] != mw.Map.JourneyID() {
		if i := mw.journeyIndex(ids[0]); i >= 0 {
			mw.selectJourney(i)
		}
	}
	// The journey on show went (its adding undone, say): another is shown, not an empty map.
	if w := mw.doc.Workspace(); w.Journey(mw.Map.JourneyID()) == nil && len(w.Journeys) > 0 {
		mw.selectJourney(0)
	}
	mw.Map.Update(c.Refs)
	mw.PainPanel.Changed(c)
	mw.TaskForce.Changed(c)
	mw.Discovery.Changed(c)
	if c.Workspace() {
		mw.list.Refresh()
	} else {
		for _, id := range c.Journeys() {
			if i := mw.journeyIndex(id); i >= 0 {
				mw.list.RefreshItem(i)
			}
		}
	}
	if mw.find.bar.Visible() {
		mw.find.apply()
	}
	mw.refreshFilter()
	mw.refreshStatus()
	mw.refreshEdit()
	mw.refreshWelcome()
}

// keysToMap gives the keyboard back to the map, as a dialog closes: the dialog's button,
// pressed with Space, kept it otherwise.
func (mw *MainWindow) keysToMap() {
	if mw.presenting == nil {
		mw.Canvas().Focus(mw.Map)
	}
}

// refreshWelcome shows the welcome in the map's place when the workspace has no journey left.
func (mw *MainWindow) refreshWelcome() {
	switch none := len(mw.doc.Workspace().Journeys) == 0; {
	case none && !mw.welcome.Visible():
		mw.welcome.Show()
	case !none && mw.welcome.Visible():
		mw.welcome.Hide()
	}
}

// selected opens the pain-point panel on a pain point picked alone on the map, and closes it
// when something else is picked (what was typed in it is applied).
func (mw *MainWindow) selected(sel mapview.Selection) {
	if len(sel.Items) == 1 && sel.Items[0].Kind == scene.KindPain {
		mw.PainPanel.Open(mw.Map.JourneyID(), sel.Items[0].ID)
		return
	}
	if j, _ := mw.PainPanel.Showing(); j != "" {
		mw.PainPanel.Close()
	}
}

// NewPainPoint adds a pain point in the selected stage of the journey on show, picks it, and
// opens its panel with the title ready to type over (Ctrl+P).
func (mw *MainWindow) NewPainPoint() {
	w := mw.doc.Workspace()
	j := w.Journey(mw.Map.JourneyID())
	if j == nil || len(j.Stages) == 0 {
		mw.say("Add a journey with a stage first: a pain point happens at a stage.")
		return
	}
	lane, ok := j.PainLane()
	if !ok {
		mw.say("This journey has no pain-point lane: add a lane and set its kind to pain (right click a lane header).")
		return
	}
	stage := mw.Editor.Selection().Stage
	if _, ok := j.Stage(stage); !ok {
		stage = j.Stages[0].ID
	}
	p := journey.NewPainPoint(stage, "New pain point", time.Now())
	if !document.Attempt(mw.say, mw.doc.Do)(journey.Put(w, j.ID, p, -1)) {
		return
	}
	mw.Editor.selectCell(stage, lane.ID, []scene.Key{{Kind: scene.KindPain, ID: p.ID}})
	mw.PainPanel.FocusTitle(mw.Canvas())
}

// replaced draws a workspace put in place of the one there was: the journey on show stays
// on show when the new workspace has it, else the first one is shown.
func (mw *MainWindow) replaced() {
	mw.list.UnselectAll()
	mw.list.Refresh()
	i := mw.journeyIndex(mw.Map.JourneyID())
	if i < 0 && len(mw.doc.Workspace().Journeys) > 0 {
		i = 0
	}
	if i >= 0 {
		mw.list.Select(i) // shows it, drawn anew: the same id may hold other content now
	} else {
		mw.show(-1)
	}
	mw.refreshEdit()
	mw.refreshWelcome()
}

// refreshEdit names in the Edit menu what Undo and Redo would do.
func (mw *MainWindow) refreshEdit() {
	if mw.undo == nil {
		return
	}
	label, ok := mw.doc.CanUndo()
	mw.undo.Label, mw.undo.Disabled = strings.TrimSpace("Undo "+label), !ok
	label, ok = mw.doc.CanRedo()
	mw.redo.Label, mw.redo.Disabled = strings.TrimSpace("Redo "+label), !ok
	mw.mainMenu.Refresh()
}

func (mw *MainWindow) refreshStatus() {
	w := mw.doc.Workspace()
	said := statusText(w, w.Journey(mw.Map.JourneyID()))
	if mw.sharingSaid != "" {
		said = mw.sharingSaid + " · " + said
	}
	mw.status.SetText(said)
}

// ShowSample marks the window as the sample's: its title and a banner across its top say so,
// and File → Quit reads "Close the Sample", so that nobody takes its made-up team for their own.
func (mw *MainWindow) ShowSample() {
	mw.SetTitle("Journeymap: the sample workspace")
	mw.banner.Show()
	mw.Content().Refresh()
	mw.quitItem.Label = "Close the Sample"
	mw.mainMenu.Refresh()
}

// newSampleBanner is the strip across the sample's window that says, above everything, whose
// workspace it is not: the sample looks like one's own, and opens on top of it.
func newSampleBanner() fyne.CanvasObject {
	say := widget.NewLabelWithStyle("The sample workspace: a made-up task force to try things on, apart from yours. "+
		"File → Close the Sample goes back to yours.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	say.Importance = widget.WarningImportance
	say.Truncation = fyne.TextTruncateEllipsis
	b := container.NewStack(canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)), say)
	b.Hide()
	return b
}

// statusText gives the journey's pain points, its discovery rate and the task force's fairness.
func statusText(w *journey.Workspace, j *journey.Journey) string {
	r := w.ReadFairness()
	fair := fmt.Sprintf("fairness %.2f: %s", r.Index, r.Short())
	if len(w.Members) == 0 { // no one to share among: an index would mean nothing
		fair = r.Short()
	}
	if j == nil {
		return fair
	}
	d := j.Discovered()
	return fmt.Sprintf("%s pain point%s (%s known, %s unknown) · discovery rate %.0f %% · %s",
		grouped(d.All()), plural(d.All()), grouped(d.Known), grouped(d.Unknown), d.Rate()*100, fair)
}

func (mw *MainWindow) fit() { mw.Map.FitTo(mw.Map.Scroll().Size()) }

// SayNoBackup says in the status bar that the backup made on start-up failed, and why; from
// any goroutine. Edits are saved as ever: only the file beside the store is missing.
func (mw *MainWindow) SayNoBackup(why string) {
	mw.loop.Do(func() {
		mw.say("No backup was made on start-up: " + why + ". Your edits are saved as ever; File → Backups… backs up now.")
	})
}

// messageTime is how long a message stands in the status bar in place of the figures.
const messageTime = 6 * time.Second

// say shows a message in the status bar for a while, then the journey's figures again.
// storeLost offers, once the store's folder has gone from under the app, to save what the
// window still holds as a workspace file: for a folder deleted, it is the only copy left.
func (mw *MainWindow) storeLost(error) {
	msg := widget.NewLabel(fmt.Sprintf("Journeymap can't save your changes any more: the store's folder, %s, was deleted, moved or replaced while the app ran.\n\n"+
		"The map still shows everything that was saved. Save it as a workspace file to keep it; "+
		"journeymap import FILE puts it in a store again.", mw.doc.Dir()))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("The store is gone", "Save as a Workspace File…", "Not Now", msg, func(save bool) {
		if save {
			mw.ExportWorkspaceFile()
		}
	}, mw)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// keep changes what the window remembers on this desk, saying once if it can't be kept.
func (mw *MainWindow) keep(change func(*remembered)) {
	if err := mw.memory.keep(change); err != nil && !mw.keepFailed {
		mw.keepFailed = true
		mw.say(fmt.Sprintf("The window's settings could not be kept for next time: %s.", err))
	}
}

func (mw *MainWindow) say(msg string) {
	mw.message.SetText(msg)
	mw.message.Show()
	mw.status.Hide()
	time.AfterFunc(messageTime, func() {
		mw.loop.Do(func() {
			if mw.message.Text == msg {
				mw.message.Hide()
				mw.status.Show()
			}
		})
	})
}

// roomForPanel keeps the map usable beside a panel on a small screen: while a panel is open
// in a window too narrow for the journey list, the panel and a map of leastMapWidth, the list
// steps aside, and it comes back with the panel's going. What the user chose with Ctrl+B
// stays as it was.
func (mw *MainWindow) roomForPanel(open bool) {
	const leastMapWidth = 560
	switch width := mw.Canvas().Size().Width; {
	case open && mw.sidebar.Visible() && width > 0 && width*float32(1-mw.split.Offset) < panels.Width+leastMapWidth:
		mw.sidebarAside = true
		mw.showSidebar(false)
	case !open && mw.sidebarAside:
		mw.sidebarAside = false
		mw.showSidebar(true)
	}
}

// showSidebar shows the journey list in a fifth of the window, or hides it, the map taking
// all of the width.
func (mw *MainWindow) showSidebar(on bool) {
	mw.sidebar.Hidden = !on
	mw.split.Offset = 0
	if on {
		mw.split.Offset = 0.2
	}
	mw.split.Refresh()
}

// ToggleSidebar hides or shows the journey list, giving a small screen to the map, and
// remembers the choice.
func (mw *MainWindow) ToggleSidebar() {
	mw.sidebarAside = false
	hidden := mw.sidebar.Visible()
	mw.showSidebar(!hidden)
	mw.keep(func(r *remembered) { r.SidebarHidden = hidden })
}

// ToggleTheme switches between the light and dark theme and remembers the choice.
func (mw *MainWindow) ToggleTheme() {
	next := "dark"
	if mapview.ThemePalette() == "dark" {
		next = "light"
	}
	mw.keep(func(r *remembered) { r.Theme = next })
	mw.applyTheme(next)
}

func (mw *MainWindow) applyTheme(name string) {
	switch name {
	case "light":
		mw.app.Settings().SetTheme(NewVariantTheme(theme.VariantLight))
	case "dark":
		mw.app.Settings().SetTheme(NewVariantTheme(theme.VariantDark))
	}
}

// ShowAndRun shows the window and runs the app. The window's first frame is painted without
// the map, whose hundreds of texts are most of the cost of a frame; the map is drawn in the
// frame after, so the window appears as soon as a bare one would and fills in at once.
func (mw *MainWindow) ShowAndRun() {
	mw.viewport.Hide()
	mw.app.Lifecycle().SetOnStarted(func() {
		if w, h, ok := workArea(); ok {
			if size := fitted(mw.Canvas().Size(), w, h, mw.Canvas().Scale()); size != mw.Canvas().Size() {
				mw.Resize(size)
			}
		}
		mw.viewport.Show()
		// Through the window's canvas: the map, hidden for the first frame, is not yet known
		// to the driver as on any canvas, so asking the driver for its canvas finds none and
		// the window would open taking no keys.
		mw.Canvas().Focus(mw.Map)
		mw.quitOnSignal()
	})
	mw.Window.ShowAndRun()
}

// Quit remembers the window's size and quits. Every way out comes here, on the UI thread:
// Fyne's own stop hook runs too late to be sure a preference written in it reaches the disk.
// An export under way is let finish first, the window still answering: one stopped half way
// would leave its temporary file behind.
func (mw *MainWindow) Quit() {
	if mw.exports > 0 {
		mw.quitting = true
		mw.say("Quitting once the export is written…")
		return
	}
	mw.quitNow()
}

// quitNow remembers the window's size and ends the app, an export under way or not.
func (mw *MainWindow) quitNow() {
	mw.remember()
	mw.loop.end()
	mw.app.Quit()
}

func (mw *MainWindow) remember() {
	size := mw.Canvas().Size()
	if size.Width < 1 || size.Height < 1 {
		return
	}
	mw.keep(func(r *remembered) {
		r.Size = []float64{float64(size.Width), float64(size.Height)}
		r.Zoom = float64(mw.Map.Zoom())
	})
}

// SetReadOnly says in the title, and for a while in the status bar, that the workspace is
// open read-only and why; changes are then refused by the store with a message of their own.
func (mw *MainWindow) SetReadOnly(reason string) {
	mw.SetTitle("Journeymap (read-only)")
	mw.say("Read-only: " + reason)
}
