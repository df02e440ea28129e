package panels

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/form"
	"journeymap/journey"
	"journeymap/storage/document"
)

// PainPointPanel shows one pain point whole beside the map and edits it through the document:
// what it is, how it was discovered, how bad and how big it is, who owns it (the fair
// suggestion first) and its next action, which says as it is typed whether it is specific and
// attainable. A choice from a list is an edit at once; typed text becomes one on Enter, on
// Apply, or when another pain point is picked. Every edit is undoable like any other.
type PainPointPanel struct {
	widget.BaseWidget

	// OnShowHide is called after the panel appeared or went, for its container to lay out
	// the map beside it again.
	OnShowHide func()
	// Finder names the member who uses this desktop, when known: the first guess for who
	// found a pain point switched to unknown.
	Finder func() (string, bool)

	doc     *document.Document
	journey string
	id      string
	draft   journey.PainPoint
	// began is the pain point as stored when the draft was taken from it: the edit changes
	// what the panel changed on that, so that another desk's change meanwhile is merged, or
	// refused when it changed the same field, never lost.
	began   journey.PainPoint
	dirty   bool // typed text not yet made an edit
	loading bool // the widgets are being set from the draft: their callbacks change nothing

	heading    *widget.Label
	title      *panelField
	detail     *form.Text
	stage      *widget.Select
	discovery  *widget.RadioGroup
	source     *widget.Select
	reports    *panelField
	method     *widget.Select
	foundBy    *widget.Select
	foundOn    *panelField
	severity   *widget.RadioGroup
	effort     *widget.RadioGroup
	status     *widget.Select
	owner      *widget.Select
	ownerIDs   []string // the member id of each of owner's options
	ownerWhy   *widget.Label
	action     *panelField
	due        *panelField
	doneWhen   *panelField
	specific   *widget.Label
	attainable *widget.Label
	observed   *panelField
	seen       *panelField
	since      *panelField
	problem    *widget.Label
	apply      *widget.Button
	scroll     *container.Scroll

	// The rows that come and go with the discovery and the status; the others always show.
	sourceRow, reportsRow, methodRow, foundByRow *fieldRow
	evidenceRows                                 []*fieldRow
	form                                         *fyne.Container
}

// Labels of the discovery switch, in the words of the product.
const (
	discoveryKnown   = "Known: customers report it"
	discoveryUnknown = "Unknown: we dug it up"
)

// NewPainPointPanel makes an empty panel; Open puts a pain point in it.
func NewPainPointPanel(doc *document.Document) *PainPointPanel {
	p := &PainPointPanel{doc: doc, OnShowHide: func() {}}
	p.ExtendBaseWidget(p)
	typed := func(placeholder string) *panelField {
		e := &panelField{inView: p.keepInView, left: p.Apply}
		e.ExtendBaseWidget(e)
		e.SetPlaceHolder(placeholder)
		e.OnChanged = func(string) { p.typed() }
		e.OnSubmitted = func(string) { p.Apply() }
		return e
	}
	p.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.heading.Wrapping = fyne.TextWrapWord
	p.title = typed("")
	p.detail = form.NewText(3)
	p.detail.OnChanged = func(string) { p.typed() }
	p.stage = widget.NewSelect(nil, func(string) { p.chose() })
	p.discovery = widget.NewRadioGroup([]string{discoveryKnown, discoveryUnknown}, func(string) { p.chose() })
	p.discovery.Required = true
	p.source = widget.NewSelect(names(journey.Sources), func(string) { p.chose() })
	p.reports = typed("")
	p.method = widget.NewSelect(names(journey.Methods), func(string) { p.chose() })
	p.foundBy = widget.NewSelect(nil, func(string) { p.chose() })
	p.source.PlaceHolder = "(where customers report it)"
	p.method.PlaceHolder = "(how we found it)"
	p.foundBy.PlaceHolder = "(who dug it up)"
	p.foundOn = typed("YYYY-MM-DD")
	p.severity = widget.NewRadioGroup([]string{"1", "2", "3", "4", "5"}, func(string) { p.chose() })
	p.severity.Horizontal, p.severity.Required = true, true
	efforts := make([]string, len(journey.Efforts))
	for i, e := range journey.Efforts {
		efforts[i] = strconv.Itoa(e)
	}
	p.effort = widget.NewRadioGroup(efforts, func(string) { p.chose() })
	p.effort.Horizontal, p.effort.Required = true, true
	p.status = widget.NewSelect(names(journey.Statuses), func(string) { p.chose() })
	p.owner = widget.NewSelect(nil, func(string) { p.chose() })
	p.ownerWhy = wrapped()
	p.action = typed("Start with a verb: Add…, Call…, Refund…")
	p.due = typed("YYYY-MM-DD")
	p.doneWhen = typed("How anyone can tell it is done")
	p.specific = wrapped()
	p.attainable = wrapped()
	p.observed = typed("What customers showed after the fix")
	p.seen = typed("YYYY-MM-DD")
	p.since = typed("Reports since the fix, if counted")
	p.problem = wrapped()
	p.problem.Importance = widget.DangerImportance
	p.problem.Hide()
	p.apply = widget.NewButton("Apply", p.Apply)
	p.apply.Importance = widget.HighImportance

	p.sourceRow = newFieldRow("Source", p.source, "")
	p.reportsRow = newFieldRow("Reports", p.reports, "")
	p.methodRow = newFieldRow("Method", p.method, "")
	p.foundByRow = newFieldRow("Found by", p.foundBy, "who dug it up")
	p.evidenceRows = []*fieldRow{
		newFieldRow("Evidence", p.observed, "what customers showed"),
		newFieldRow("Observed on", p.seen, ""),
		newFieldRow("Reports since", p.since, ""),
	}
	rows := []*fieldRow{
		newFieldRow("Title", p.title, ""),
		newFieldRow("Detail", p.detail, ""),
		newFieldRow("Stage", p.stage, ""),
		newFieldRow("Discovery", p.discovery, ""),
		p.sourceRow, p.methodRow, p.foundByRow, p.reportsRow,
		newFieldRow("Found on", p.foundOn, "when it came to light"),
		newFieldRow("Severity", p.severity, "1 a little … 5 a lot"),
		newFieldRow("Effort", p.effort, "points of work to fix it"),
		newFieldRow("Status", p.status, ""),
		newFieldRow("Owner", container.NewVBox(p.owner, p.ownerWhy), ""),
		newFieldRow("Next action", p.action, ""),
		newFieldRow("Due", p.due, ""),
		newFieldRow("Done when", p.doneWhen, ""),
		newFieldRow("", container.NewVBox(p.specific, p.attainable), ""),
	}
	p.form = fieldGrid(append(rows, p.evidenceRows...)...)
	p.Hide()
	return p
}

// CreateRenderer implements fyne.Widget.
func (p *PainPointPanel) CreateRenderer() fyne.WidgetRenderer {
	buttons := container.NewHBox(p.apply, widget.NewButton("Revert", p.Revert))
	// What stops an edit is said at the top, in view, not under a form taller than the screen.
	body := panelBody(p.heading, p.problem, p.form, buttons)
	p.scroll = container.NewVScroll(container.NewPadded(body))
	return NewRenderer(p.scroll)
}

// MinSize keeps the panel wide enough for its form beside the map, and no wider: a long
// title scrolls in its field rather than widening the panel.
func (p *PainPointPanel) MinSize() fyne.Size {
	return fyne.NewSize(Width, p.BaseWidget.MinSize().Height)
}

// Showing is the journey and id of the pain point in the panel, "" when none.
func (p *PainPointPanel) Showing() (journeyID, id string) { return p.journey, p.id }

// Open puts the pain point of the journey in the panel; what was typed for another one is
// applied first. An id that is not there empties and hides the panel.
func (p *PainPointPanel) Open(journeyID, id string) {
	if journeyID == p.journey && id == p.id && p.Visible() {
		return
	}
	p.Apply()
	p.journey, p.id = journeyID, id
	p.load()
}

// Close applies what was typed and empties the panel.
func (p *PainPointPanel) Close() { p.Open("", "") }

// Changed follows a change of the document: the pain point is read again unless text typed
// for it is waiting (an edit made here, or another desk's change), and the loads and the
// suggestion are worked out afresh either way.
func (p *PainPointPanel) Changed(c document.Change) {
	if p.id == "" {
		return
	}
	if !p.dirty || (c.Kind != document.Did && c.Kind != document.Received) {
		p.load()
		return
	}
	p.fill() // members or other pain points may have changed: loads, suggestion, messages
}

// stored is the pain point as the workspace has it, and whether it is there.
func (p *PainPointPanel) stored() (journey.PainPoint, *journey.Journey, bool) {
	j := p.doc.Workspace().Journey(p.journey)
	if j == nil {
		return journey.PainPoint{}, nil, false
	}
	i := journey.Index(j.PainPoints, p.id)
	if i < 0 {
		return journey.PainPoint{}, j, false
	}
	return j.PainPoints[i], j, true
}

func (p *PainPointPanel) load() {
	pp, _, ok := p.stored()
	if !ok {
		p.journey, p.id, p.dirty = "", "", false
		if p.Visible() {
			p.Hide()
			p.OnShowHide()
		}
		return
	}
	other := pp.ID != p.draft.ID || !p.Visible()
	p.draft, p.began, p.dirty = pp, pp, false
	p.tell("")
	p.fill()
	if other && p.scroll != nil {
		p.scroll.ScrollToTop() // another pain point is read from its title down
	}
	if !p.Visible() {
		p.Show()
		p.OnShowHide()
	}
}

// fill sets every widget from the draft, and the lists from the workspace.
func (p *PainPointPanel) fill() {
	p.loading = true
	defer func() { p.loading = false }()
	w := p.doc.Workspace()
	_, j, ok := p.stored()
	if !ok {
		return
	}
	d := p.draft
	p.heading.SetText(fmt.Sprintf("Pain point in %q", j.Title))
	setText(&p.title.Entry, d.Title)
	setText(&p.detail.Entry, d.Detail)
	stages := make([]string, len(j.Stages))
	for i, s := range j.Stages {
		stages[i] = s.Name
	}
	p.stage.SetOptions(stages)
	if i := journey.Index(j.Stages, d.Stage); i >= 0 {
		p.stage.SetSelectedIndex(i)
	}
	if d.Discovery == journey.Unknown {
		p.discovery.SetSelected(discoveryUnknown)
	} else {
		p.discovery.SetSelected(discoveryKnown)
	}
	choose(p.source, string(d.Source))
	setText(&p.reports.Entry, strconv.Itoa(d.Reports))
	setText(&p.foundOn.Entry, d.FoundOn)
	choose(p.method, string(d.Method))
	members := make([]string, len(w.Members))
	for i, m := range w.Members {
		members[i] = m.Name
	}
	p.foundBy.SetOptions(members)
	p.foundBy.ClearSelected()
	if i := journey.Index(w.Members, d.FoundBy); i >= 0 {
		p.foundBy.SetSelectedIndex(i)
	}
	p.severity.SetSelected(strconv.Itoa(d.Severity))
	p.effort.SetSelected(strconv.Itoa(d.Effort))
	choose(p.status, string(d.Status))
	setText(&p.action.Entry, d.Action.Text)
	setText(&p.due.Entry, d.Action.Due)
	setText(&p.doneWhen.Entry, d.Action.DoneWhen)
	setText(&p.observed.Entry, d.Evidence.Note)
	setText(&p.seen.Entry, d.Evidence.Date)
	since := ""
	if d.Evidence.Reports.Set {
		since = strconv.Itoa(d.Evidence.Reports.N)
	}
	setText(&p.since.Entry, since)
	p.fillOwners()
	p.arrange()
	p.judge()
}

// fillOwners lists who may own the pain point: the fair suggestion first, labelled with why,
// then unassigned, then every member with their load now. The finder is never chosen for the
// user; the list shows the owner the pain point has.
func (p *PainPointPanel) fillOwners() {
	w := p.doc.Workspace()
	tallies := w.Tallies()
	var opts []string
	p.ownerIDs = p.ownerIDs[:0]
	s, ok := w.Suggest(p.journey, p.draft)
	if ok {
		opts = append(opts, fmt.Sprintf("★ %s: suggested, %.0f %% after this", s.Member.Name, 100*s.LoadAfter))
		p.ownerIDs = append(p.ownerIDs, s.Member.ID)
		p.ownerWhy.SetText(fmt.Sprintf("Fair suggestion: %s, %s.", s.Member.Name, s.Reason))
	} else {
		p.ownerWhy.SetText("Add members in the task force panel to assign pain points.")
	}
	opts = append(opts, "Unassigned")
	p.ownerIDs = append(p.ownerIDs, "")
	for _, m := range w.Members {
		opts = append(opts, fmt.Sprintf("%s: %.0f %% now", m.Name, 100*tallies[m.ID].Load(m)))
		p.ownerIDs = append(p.ownerIDs, m.ID)
	}
	p.owner.SetOptions(opts)
	// The owner's own line, with their load now, also when they are the one suggested: once
	// picked, the suggestion is their load, not a suggestion any more.
	p.owner.SetSelectedIndex(slices.Index(p.ownerIDs[1:], p.draft.Owner) + 1)
}

// arrange shows the rows the discovery and status ask for: a known pain point's source and
// report count, or an unknown one's method, finder and the reports since it was found; the
// customer evidence once it is verified or has some.
func (p *PainPointPanel) arrange() {
	unknown := p.draft.Discovery == journey.Unknown
	p.sourceRow.show(!unknown)
	p.methodRow.show(unknown)
	p.foundByRow.show(unknown)
	if unknown {
		p.reportsRow.relabel("Reported since", "reports after we found it")
	} else {
		p.reportsRow.relabel("Reports", "")
	}
	evidence := p.draft.Status == journey.StatusVerified || p.draft.Evidence.Given()
	for _, r := range p.evidenceRows {
		r.show(evidence)
	}
	p.form.Refresh()
}

// judge says whether the next action is specific and attainable, in whole words.
func (p *PainPointPanel) judge() {
	if s := p.draft.Specificity(); s.Specific() {
		p.specific.SetText("✓ Specific")
		p.specific.Importance = widget.SuccessImportance
	} else {
		p.specific.SetText("Not specific yet: needs " + strings.Join(s.Missing, ", "))
		p.specific.Importance = widget.WarningImportance
	}
	p.specific.Refresh()
	if ok, why := p.doc.Workspace().Attainable(p.journey, p.draft); ok {
		p.attainable.SetText("✓ Attainable within the owner's capacity")
		p.attainable.Importance = widget.SuccessImportance
	} else {
		p.attainable.SetText("Not attainable: " + why)
		p.attainable.Importance = widget.WarningImportance
	}
	p.attainable.Refresh()
}

// read takes the widgets' values into the draft; it returns what can't be read.
func (p *PainPointPanel) read() string {
	w := p.doc.Workspace()
	_, j, ok := p.stored()
	if !ok {
		return ""
	}
	d := &p.draft
	d.Title, d.Detail = p.title.Text, p.detail.Text
	if i := p.stage.SelectedIndex(); i >= 0 && i < len(j.Stages) {
		d.Stage = j.Stages[i].ID
	}
	to := journey.Known
	if p.discovery.Selected == discoveryUnknown {
		to = journey.Unknown
	}
	if i := p.foundBy.SelectedIndex(); i >= 0 && i < len(w.Members) {
		d.FoundBy = w.Members[i].ID
	}
	if to != d.Discovery {
		me := ""
		if p.Finder != nil {
			me, _ = p.Finder()
		}
		*d = d.Discovered(to, me)
		// The lists show what the switch left: the other kind's empty, the finder picked.
		p.loading = true
		p.source.ClearSelected()
		p.method.ClearSelected()
		if i := journey.Index(w.Members, d.FoundBy); i >= 0 {
			p.foundBy.SetSelectedIndex(i)
		}
		p.loading = false
	}
	if d.Discovery == journey.Known {
		d.Method, d.Source = "", journey.Source(p.source.Selected)
	} else {
		d.Source, d.Method = "", journey.Method(p.method.Selected)
	}
	d.Severity, _ = strconv.Atoi(p.severity.Selected)
	d.Effort, _ = strconv.Atoi(p.effort.Selected)
	d.Status = journey.Status(p.status.Selected)
	if i := p.owner.SelectedIndex(); i >= 0 && i < len(p.ownerIDs) {
		d.Owner = p.ownerIDs[i]
	}
	d.FoundOn = strings.TrimSpace(p.foundOn.Text)
	d.Action = journey.Action{Text: p.action.Text, Due: strings.TrimSpace(p.due.Text), DoneWhen: p.doneWhen.Text}
	d.Evidence = journey.Evidence{Note: p.observed.Text, Date: strings.TrimSpace(p.seen.Text)}
	var problems []string
	for _, f := range []struct {
		what, text string
		limit      int
	}{
		{"the title", d.Title, journey.MaxNameRunes}, {"the detail", d.Detail, journey.MaxTextRunes},
		{"the next action", d.Action.Text, journey.MaxTextRunes}, {"done when", d.Action.DoneWhen, journey.MaxTextRunes},
		{"the evidence", d.Evidence.Note, journey.MaxTextRunes},
	} {
		if err := form.Limit(f.what, f.limit, false)(f.text); err != nil {
			problems = append(problems, err.Error())
		}
	}
	if n, err := journey.ReadOptional(p.reports.Text); err != nil {
		problems = append(problems, "reports: "+err.Error())
	} else {
		d.Reports = n.N
	}
	if n, err := journey.ReadOptional(p.since.Text); err != nil {
		problems = append(problems, "reports since the fix: "+err.Error())
	} else {
		d.Evidence.Reports = n
	}
	return strings.Join(problems, "; ")
}

// tell says what stops an edit, at the top of the panel; nothing takes no room.
func (p *PainPointPanel) tell(msg string) {
	p.problem.SetText(msg)
	p.problem.Hidden = msg == ""
	p.problem.Refresh()
}

// incomplete says what the draft's discovery still needs before it can be kept: the source
// of a known pain point; how an unknown one was found and who dug it up. "" when nothing.
func (p *PainPointPanel) incomplete() string {
	d := p.draft
	var need []string
	switch {
	case d.Discovery == journey.Known && d.Source == "":
		need = append(need, "where customers report it (Source)")
	case d.Discovery == journey.Unknown:
		if d.Method == "" {
			need = append(need, "how it was found (Method)")
		}
		if d.FoundBy == "" {
			need = append(need, "who dug it up (Found by)")
		}
	}
	if len(need) == 0 {
		return ""
	}
	return "Pick " + strings.Join(need, " and ") + "; the pain point is saved then."
}

// typed follows text typed in a field: the draft and its messages change, the document not yet.
func (p *PainPointPanel) typed() {
	if p.loading || p.id == "" {
		return
	}
	p.dirty = true
	p.tell(p.read())
	p.judge()
}

// chose follows a choice from a list or a switch: an edit at once, with what was typed.
// Becoming verified waits for the evidence that it takes.
func (p *PainPointPanel) chose() {
	if p.loading || p.id == "" {
		return
	}
	p.dirty = true
	p.read()
	p.loading = true
	p.fillOwners() // effort and finder change the suggestion
	p.loading = false
	p.arrange()
	p.judge()
	if wait := p.incomplete(); wait != "" {
		p.tell(wait)
		return
	}
	if p.draft.Status == journey.StatusVerified && !p.draft.Evidence.Given() {
		if stored, _, _ := p.stored(); stored.Status != journey.StatusVerified {
			p.tell("Verified needs customer evidence that the fix worked: say what customers showed and when, then Apply.")
			return
		}
	}
	p.Apply()
}

// Apply makes what the panel holds an edit of the pain point, if it differs from the stored
// one; a refusal is said in the panel and the draft stays for the user to put right.
func (p *PainPointPanel) Apply() {
	if p.id == "" || !p.dirty {
		return
	}
	if problem := p.read(); problem != "" {
		p.tell("Not changed: " + problem + ".")
		return
	}
	if wait := p.incomplete(); wait != "" {
		p.tell("Not changed yet: " + wait)
		return
	}
	stored, _, ok := p.stored()
	if !ok {
		return
	}
	if stored == p.draft {
		p.dirty = false
		p.tell("")
		return
	}
	edit, err := journey.Put(p.doc.Workspace(), p.journey, p.draft, -1)
	if err == nil && stored != p.began {
		began := p.began
		edit.Before = &began
	}
	p.dirty = false // the document's change reloads the panel
	if err == nil {
		err = p.doc.Do(edit)
	}
	if errors.Is(err, journey.ErrConflict) && stored != p.began {
		// Another desk changed a field this panel changed too: said, the draft kept; Apply
		// again puts it in place of theirs.
		who := p.doc.ChangedBy(edit.Touches())
		if who == "" {
			who = "Someone"
		}
		p.began, p.dirty = stored, true
		p.tell(who + " changed this pain point while you edited it, in a field you changed too. Apply puts yours in place of theirs; Revert shows theirs.")
		return
	}
	if err != nil {
		p.tell(document.Refusal(err))
		p.dirty = true
		return
	}
	p.tell("")
}

// Revert drops what was typed and shows the pain point as stored.
func (p *PainPointPanel) Revert() {
	p.dirty = false
	p.load()
}

// FocusTitle puts the cursor in the title, all of it selected, for a pain point just added.
func (p *PainPointPanel) FocusTitle(c fyne.Canvas) {
	c.Focus(p.title)
	p.title.TypedShortcut(&fyne.ShortcutSelectAll{})
}
