package panels

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/form"
	"journeymap/journey"
	"journeymap/storage/document"
)

// TaskForcePanel shows the task force beside the map: each member's load (a bar, in a warning
// colour above capacity, and in words), their open pain points, and their digging credit
// beside it, never mixed in; the pain points nobody owns; the fairness index in plain words;
// a rebalance to accept in whole, in part or not at all; and the team's pulse. Members are
// added, edited and removed here, each an undoable edit.
type TaskForcePanel struct {
	// OnDialogClosed, if set, is called as a dialog of the panel closes.
	OnDialogClosed func()
	sidePanel

	// Window is where the member and pulse dialogs open.
	Window fyne.Window
	// OnMessage shows a line in the status bar.
	OnMessage func(string)
	// Now is the clock a pulse is dated by.
	Now func() time.Time
	// Do runs what the panel works out off the UI goroutine back on it (the window's, which
	// drops it once the window has quit).
	Do func(func())

	doc        *document.Document
	fairness   *widget.Label
	members    *fyne.Container
	unassigned *widget.Label
	target     *widget.Entry
	proposal   *widget.Label
	moves      *fyne.Container
	checks     []*widget.Check
	proposed   journey.Proposal
	propose    *widget.Button
	asked      int            // counts proposals asked for and changes since: a late answer is dropped
	working    sync.WaitGroup // rebalances being worked out, for tests
	accept     *widget.Button
	pulse      *widget.Label
	memberForm *dialog.FormDialog // the member dialog while it is open
	memberAsk  [3]*widget.Entry   // its name, department and capacity
	pulseForm  *dialog.FormDialog // the pulse dialog while it is open
	pulseAsked []*scale           // its four questions
}

// NewTaskForcePanel makes the panel, hidden until Toggle shows it.
func NewTaskForcePanel(doc *document.Document) *TaskForcePanel {
	p := &TaskForcePanel{doc: doc, OnMessage: func(string) {}, Now: time.Now, Do: fyne.Do}
	p.OnShowHide, p.fill = func() {}, p.draw
	p.ExtendBaseWidget(p)
	p.fairness = wrapped()
	p.fairness.TextStyle.Bold = true
	p.members = container.NewVBox()
	p.unassigned = wrapped()
	p.target = widget.NewEntry()
	p.target.SetText(strconv.FormatFloat(journey.DefaultTarget, 'f', -1, 64))
	p.target.OnSubmitted = func(string) { p.Propose() }
	p.proposal = wrapped()
	p.proposal.Hide() // until there is something to say: an empty line is a gap
	p.moves = container.NewVBox()
	p.propose = widget.NewButton("Propose moves", p.Propose)
	p.accept = widget.NewButton("Accept checked moves", p.AcceptChecked)
	p.accept.Importance = widget.HighImportance
	p.accept.Hide()
	p.pulse = wrapped()
	p.Hide()
	return p
}

// CreateRenderer implements fyne.Widget.
func (p *TaskForcePanel) CreateRenderer() fyne.WidgetRenderer {
	addMember := widget.NewButtonWithIcon("Add member", theme.ContentAddIcon(), func() { p.EditMember("") })
	rebalance := container.NewBorder(nil, nil, widget.NewLabel("Target fairness"), p.propose, p.target)
	takePulse := widget.NewButton("Take the pulse…", p.TakePulse)
	targetSaid := explained("Fairness runs from 1 ÷ the number of members (one carries all the work) to 1 " +
		"(everyone at the same share of their capacity). Propose finds the fewest moves of open work that reach " +
		"the target, with nobody ending above capacity; nothing changes until you accept.")
	return p.render(
		sectionHeading("Task force"), p.fairness, p.members, addMember, p.unassigned,
		widget.NewSeparator(),
		sectionHeading("Rebalance"), rebalance, targetSaid, p.proposal, p.moves, p.accept,
		widget.NewSeparator(),
		sectionHeading("Pulse: psychological safety, anonymous"), p.pulse, takePulse,
		explained("Each answer is anonymous and final: it is kept out of the undo history, so whoever "+
			"answers next on this computer can't take it back, replay it or work it out from the averages."),
	)
}

// Changed follows a change of the document while the panel is shown; a proposal made before
// it may no longer fit, so it goes.
func (p *TaskForcePanel) Changed(document.Change) {
	if p.Visible() {
		p.clearProposal()
		p.draw()
	}
}

// draw draws the members, the unassigned count, the fairness and the pulse from the workspace.
func (p *TaskForcePanel) draw() {
	w := p.doc.Workspace()
	p.fairness.SetText(fmt.Sprintf("Fairness %.2f: %s", w.Fairness(), w.FairnessSaid()))
	tallies := w.Tallies()
	rows := make([]fyne.CanvasObject, 0, len(w.Members))
	for _, m := range w.Members {
		rows = append(rows, p.memberRow(m, tallies[m.ID]))
	}
	if len(rows) == 0 {
		rows = append(rows, widget.NewLabel("No members yet: add the people who share the work."))
	}
	p.members.Objects = rows
	p.members.Refresh()
	open := 0
	for i := range w.Journeys {
		open += w.Journeys[i].UnassignedCount()
	}
	switch open {
	case 0:
		p.unassigned.SetText("Every open pain point has an owner.")
	case 1:
		p.unassigned.SetText("1 open pain point has no owner.")
	default:
		p.unassigned.SetText(fmt.Sprintf("%d open pain points have no owner.", open))
	}
	p.pulse.SetText(strings.Join(journey.SummarisePulses(w.Pulses).Said(), "\n"))
	p.relayout()
}

// memberRow is one member: name and department, their load as a bar and in words, open pain
// points, and apart from the load, the unknown pain points they found.
func (p *TaskForcePanel) memberRow(m journey.Member, t journey.Tally) fyne.CanvasObject {
	load := t.Load(m)
	share := fmt.Sprintf("%.0f %% of capacity", 100*load)
	if load > 1 {
		share = fmt.Sprintf("over capacity: %.0f %%", 100*load)
	}
	detail := widget.NewLabel(fmt.Sprintf("%s (%d of %d points), %s open", share, t.Points, m.Capacity, journey.Plural(t.Open, "pain point")))
	detail.Wrapping = fyne.TextWrapWord
	if load > 1 {
		detail.Importance = widget.WarningImportance
	}
	name := widget.NewLabelWithStyle(m.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	dept := widget.NewLabel(m.Department)
	credit := widget.NewLabel(fmt.Sprintf("◆ found %d", t.Found))
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { p.EditMember(m.ID) })
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { p.RemoveMember(m.ID) })
	top := container.NewBorder(nil, nil, container.NewHBox(name, dept), container.NewHBox(credit, edit, remove))
	return container.NewVBox(top, newLoadBar(load), detail)
}

// newLoadBar draws a load as a bar: its length the load up to twice capacity, a mark at
// capacity, in the primary colour within capacity and the warning colour above.
func newLoadBar(load float64) fyne.CanvasObject {
	track := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	fill := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	if load > 1 {
		fill.FillColor = theme.Color(theme.ColorNameWarning)
	}
	mark := canvas.NewRectangle(theme.Color(theme.ColorNameForeground))
	return container.New(&loadBarLayout{load: min(load, 2)}, track, fill, mark)
}

// loadBarLayout places a load bar's track, fill and capacity mark: the track stands for twice
// capacity, so that an overload shows by how much.
type loadBarLayout struct{ load float64 }

func (l *loadBarLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Resize(size)
	objs[1].Resize(fyne.NewSize(size.Width*float32(l.load/2), size.Height))
	objs[2].Move(fyne.NewPos(size.Width/2-1, 0))
	objs[2].Resize(fyne.NewSize(2, size.Height))
}

func (l *loadBarLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(100, 10) }

// EditMember opens a dialog to add a member ("" for a new one) or change one's name,
// department and capacity.
func (p *TaskForcePanel) EditMember(id string) {
	w := p.doc.Workspace()
	m, ok := w.Member(id)
	if !ok {
		m = journey.Member{ID: journey.NewID("m"), Capacity: 8}
	}
	name, dept, capacity := form.NewField(), form.NewField(), form.NewField()
	name.SetText(m.Name)
	dept.SetText(m.Department)
	capacity.SetText(strconv.Itoa(m.Capacity))
	title := "Add member"
	if ok {
		title = "Edit member"
	}
	items := []*widget.FormItem{
		widget.NewFormItem("Name", name),
		widget.NewFormItem("Department", dept),
		{Text: "Capacity", Widget: capacity, HintText: "effort points per cycle"},
		{Widget: explained("How many effort points of pain-point work this member can take on in a cycle " +
			"(a sprint, a month: the team's rhythm). A pain point's effort is 1, 2, 3, 5 or 8 points; the member's " +
			"load is the effort of what they own that is open or doing, against this.")},
	}
	d := dialog.NewForm(title, "Save", "Cancel", items, func(save bool) {
		if !save {
			return
		}
		c, err := strconv.Atoi(strings.TrimSpace(capacity.Text))
		if err != nil {
			p.OnMessage(fmt.Sprintf("Not changed: the capacity %q is not a whole number.", capacity.Text))
			return
		}
		m.Name, m.Department, m.Capacity = strings.TrimSpace(name.Text), strings.TrimSpace(dept.Text), c
		document.Attempt(p.OnMessage, p.doc.Do)(journey.Put(p.doc.Workspace(), "", m, -1))
	}, p.Window)
	form.EnterSubmits(d, &name.Entry, &dept.Entry, &capacity.Entry)
	form.EscapeCancels(d.Hide, name, dept, capacity)
	d.Resize(fyne.NewSize(480, 380))
	if p.OnDialogClosed != nil {
		d.SetOnClosed(p.OnDialogClosed)
	}
	p.memberForm, p.memberAsk = d, [3]*widget.Entry{&name.Entry, &dept.Entry, &capacity.Entry}
	d.Show()
	p.Window.Canvas().Focus(name)
}

// RemoveMember removes a member; their pain points go back to unassigned, in one edit.
func (p *TaskForcePanel) RemoveMember(id string) {
	document.Attempt(p.OnMessage, p.doc.Do)(journey.RemoveMember(p.doc.Workspace(), id))
}

// sayProposal says what the rebalance found, or nothing, which takes no room.
func (p *TaskForcePanel) sayProposal(msg string) {
	p.proposal.SetText(msg)
	p.proposal.Hidden = msg == ""
	p.proposal.Refresh()
}

// Propose works out a rebalance to the target and lists its moves, each checked. The search
// may take up to a second, so it runs on a copy of the workspace away from the window, which
// stays live; a change made meanwhile drops the answer, which no longer fits.
func (p *TaskForcePanel) Propose() {
	target, err := strconv.ParseFloat(strings.TrimSpace(p.target.Text), 64)
	if err != nil || target <= 0 || target > 1 {
		p.sayProposal(fmt.Sprintf("The target must be a number above 0 and at most 1, such as 0.9; %q is not.", p.target.Text))
		return
	}
	p.clearProposal()
	p.asked++
	asked, w := p.asked, p.doc.Workspace().Clone()
	p.sayProposal("Looking for the fewest moves…")
	p.propose.Disable()
	p.working.Add(1)
	go func() {
		defer p.working.Done()
		pr := w.Rebalance(target, journey.RebalanceBudget)
		p.Do(func() {
			if asked != p.asked {
				return
			}
			p.propose.Enable()
			p.show(pr)
		})
	}()
}

func (p *TaskForcePanel) show(pr journey.Proposal) {
	w := p.doc.Workspace()
	p.proposed = pr
	p.sayProposal(pr.Said())
	p.checks = p.checks[:0]
	p.moves.Objects = nil
	for _, m := range pr.Moves {
		c := widget.NewCheck("", nil)
		c.SetChecked(true)
		p.checks = append(p.checks, c)
		said := widget.NewLabel("Move " + w.MoveSaid(m))
		said.Wrapping = fyne.TextWrapWord
		p.moves.Add(container.NewBorder(nil, nil, c, nil, said))
	}
	p.moves.Refresh()
	if len(pr.Moves) > 0 {
		p.accept.Show()
	} else {
		p.accept.Hide()
	}
	p.relayout()
	// What was found is said where it can be read: a proposal below the fold looked like
	// nothing happening.
	to := fyne.CanvasObject(p.proposal)
	if len(pr.Moves) > 0 {
		to = p.accept
	}
	keepInView(p.scroll, p.proposal, to)
}

func (p *TaskForcePanel) clearProposal() {
	p.asked++
	p.propose.Enable()
	p.proposed = journey.Proposal{}
	p.checks = nil
	p.moves.Objects = nil
	p.moves.Refresh()
	p.sayProposal("")
	p.accept.Hide()
	p.relayout()
}

// AcceptChecked makes the checked moves of the proposal, as one undoable edit.
func (p *TaskForcePanel) AcceptChecked() {
	var moves []journey.Move
	for i, c := range p.checks {
		if c.Checked {
			moves = append(moves, p.proposed.Moves[i])
		}
	}
	if len(moves) == 0 {
		p.OnMessage("No move checked: nothing changed.")
		return
	}
	document.Attempt(p.OnMessage, p.doc.Do)(p.doc.Workspace().AcceptMoves(moves))
}

// TakePulse asks for the four scores in a dialog, and stores them as an anonymous entry.
func (p *TaskForcePanel) TakePulse() { p.askPulse([4]string{}, -1) }

// askPulse asks the four questions, with the scores given already chosen: an answer sent
// with a question left out comes back to be finished, not thrown away, saying so at its top
// and with that question (missing, or -1) holding the keyboard.
func (p *TaskForcePanel) askPulse(given [4]string, missing int) {
	groups := make([]*scale, len(journey.PulseDomains))
	items := []*widget.FormItem{}
	if missing >= 0 {
		problem := widget.NewLabel(fmt.Sprintf("Not stored yet: %q has no score. Every question takes one.", journey.PulseDomains[missing].Name()))
		problem.Importance = widget.DangerImportance
		problem.Wrapping = fyne.TextWrapWord
		items = append(items, widget.NewFormItem("", problem))
	}
	for i, d := range journey.PulseDomains {
		groups[i] = newScale(given[i])
		items = append(items, &widget.FormItem{Text: d.Name(), Widget: groups[i], HintText: d.Question()})
	}
	note := widget.NewLabel("1 = not at all, 5 = fully: click, or Tab to a question and type its score; Enter sends. " +
		"Anonymous: stored with today's date only, no name, in no order. " +
		"An answer given is final: it is not in the undo history, so the next person at this computer can't take it back or see it.")
	note.Wrapping = fyne.TextWrapWord
	items = append(items, widget.NewFormItem("", note))
	d := dialog.NewForm("Pulse", "Submit", "Cancel", items, func(submit bool) {
		if !submit {
			return
		}
		var scores [4]int
		var chosen [4]string
		for i, g := range groups {
			chosen[i] = g.Selected
			scores[i], _ = strconv.Atoi(g.Selected)
		}
		for i, s := range scores {
			if s == 0 {
				p.askPulse(chosen, i)
				return
			}
		}
		pulse := journey.NewPulse(p.Now(), scores)
		// Kept out of the undo history, so that the next person can't take it back, replay it
		// or read it off the averages.
		if document.Attempt(p.OnMessage, p.doc.Keep)(journey.Put(p.doc.Workspace(), "", pulse, -1)) {
			p.OnMessage("Thank you: your pulse is stored, without your name, and can't be undone.")
		}
	}, p.Window)
	for _, g := range groups {
		g.onEscape, g.onEnter = d.Hide, d.Submit
	}
	d.Resize(fyne.NewSize(720, 520))
	if p.OnDialogClosed != nil {
		d.SetOnClosed(p.OnDialogClosed)
	}
	d.Show()
	p.Window.Canvas().Focus(groups[max(missing, 0)])
	p.pulseForm, p.pulseAsked = d, groups
}
