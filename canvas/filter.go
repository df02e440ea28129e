package canvas

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"journeymap/journey"
)

// filterLabels are the filter's ways as a menu names them.
var filterLabels = map[journey.Show]string{
	journey.ShowKnown:       "Known: customers report them",
	journey.ShowUnknown:     "Unknown: we dug them up",
	journey.ShowUnassigned:  "Unassigned",
	journey.ShowMine:        "Mine",
	journey.ShowOverdue:     "Overdue",
	journey.ShowNotSpecific: "Next action not specific",
}

// filterBar says above the map which pain points the filter shows, with a button to show
// all again; it is hidden while the filter shows all.
type filterBar struct {
	said *widget.Label
	bar  *fyne.Container
}

func newFilterBar(mw *MainWindow) *filterBar {
	f := &filterBar{said: widget.NewLabel("")}
	f.said.Truncation = fyne.TextTruncateEllipsis
	all := widget.NewButtonWithIcon("Show all", theme.CancelIcon(), func() { mw.SetFilter(journey.Filter{}) })
	all.Importance = widget.LowImportance
	f.bar = container.NewBorder(nil, nil, widget.NewIcon(theme.VisibilityIcon()), all, f.said)
	f.bar.Hide()
	return f
}

// filterItems are the menu of the filter: each way, checked when on, then showing all and
// saying who "mine" is.
func (mw *MainWindow) filterItems() []*fyne.MenuItem {
	f := mw.Map.Filter()
	items := make([]*fyne.MenuItem, 0, len(journey.Shows)+3)
	for _, s := range journey.Shows {
		label := filterLabels[s]
		if s == journey.ShowMine {
			if me, ok := mw.me(); ok {
				label = "Mine: " + me.Name + "'s"
			} else {
				label = "Mine… (say who you are)"
			}
		}
		it := fyne.NewMenuItem(label, func() { mw.ToggleFilter(s) })
		it.Checked = f.On(s)
		items = append(items, it)
	}
	all := fyne.NewMenuItem("All Pain Points", func() { mw.SetFilter(journey.Filter{}) })
	all.Disabled = len(f.Only) == 0
	return append(items, fyne.NewMenuItemSeparator(), all, fyne.NewMenuItem("Who Am I…", func() { mw.AskWhoIAm(nil) }))
}

// showFilterMenu pops the filter's menu up at a place on the window.
func (mw *MainWindow) showFilterMenu(at fyne.Position) {
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", mw.filterItems()...), mw.Canvas(), at)
}

// ToggleFilter turns a way of the filter on or off. "Mine" asks first who uses this desktop,
// if nobody said or the member is gone.
func (mw *MainWindow) ToggleFilter(s journey.Show) {
	if _, known := mw.me(); s == journey.ShowMine && !known && !mw.Map.Filter().On(s) {
		mw.AskWhoIAm(func() { mw.ToggleFilter(s) })
		return
	}
	mw.SetFilter(mw.Map.Filter().Toggle(s))
}

// SetFilter shows in full the pain points the filter holds for and dims the others.
func (mw *MainWindow) SetFilter(f journey.Filter) {
	f.Me = ""
	if me, ok := mw.me(); ok {
		f.Me = me.ID
	}
	mw.Map.SetFilter(f)
	mw.refreshFilter()
}

// refreshFilter says what the filter shows of the journey on show, counted afresh, and
// checks its ways in the View menu.
func (mw *MainWindow) refreshFilter() {
	said := mw.Map.Filter().Said(mw.doc.Workspace().Journey(mw.Map.JourneyID()))
	mw.filter.said.SetText("Showing " + said)
	mw.filter.bar.Hidden = said == ""
	mw.filter.bar.Refresh()
	if mw.filterMenu != nil {
		mw.filterMenu.ChildMenu.Items = mw.filterItems()
		mw.mainMenu.Refresh()
	}
}

// me is the member who uses this desktop, if they said and are still a member.
func (mw *MainWindow) me() (journey.Member, bool) {
	return mw.doc.Workspace().Member(mw.memory.now.Me)
}

// AskWhoIAm asks which member uses this desktop and remembers it there; then, if given, runs
// once they said.
func (mw *MainWindow) AskWhoIAm(then func()) {
	members := mw.doc.Workspace().Members
	if len(members) == 0 {
		mw.say("Add members in the task force panel (Ctrl+T) first: \"mine\" means the pain points a member owns.")
		return
	}
	names := make([]string, len(members))
	for i, m := range members {
		names[i] = m.Name
	}
	pick := widget.NewSelect(names, nil)
	if me, ok := mw.me(); ok {
		pick.SetSelected(me.Name)
	}
	items := []*widget.FormItem{{Text: "I am", Widget: pick, HintText: "kept on this desktop only: the filter \"mine\", and your name on what you change in a shared workspace"}}
	d := dialog.NewForm("Who are you?", "Remember", "Cancel", items, func(ok bool) {
		i := pick.SelectedIndex()
		if !ok || i < 0 {
			return
		}
		mw.keep(func(r *remembered) { r.Me = members[i].ID })
		mw.nameSharer()
		mw.SetFilter(mw.Map.Filter())
		if then != nil {
			then()
		}
	}, mw)
	mw.whoAmI, mw.whoAmIPick = d, pick
	d.Show()
}
