package panels

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"journeymap/canvas/screentest"
	"journeymap/journey"
)

// TestPainPanelAssignsTheFairSuggestion adds a pain point as Ctrl+P does, names it and sizes it
// in its panel, and gives it the owner the picker suggests: the suggestion comes first, says
// why, is not the finder pre-selected, and the owner is in the store after reopening.
func TestPainPanelAssignsTheFairSuggestion(t *testing.T) {
	d := openDesk(t)
	p := d.pain
	n := len(d.journey().PainPoints)
	d.newPainPoint()
	if len(d.journey().PainPoints) != n+1 || !p.Visible() {
		t.Fatalf("a new pain point: %d pain points (want %d), panel shown %v", len(d.journey().PainPoints), n+1, p.Visible())
	}
	if d.w.Canvas().Focused() != p.title {
		t.Error("the new pain point's title is not ready to type")
	}
	test.Type(p.title, "Courier never rings") // over "New pain point", all of it selected
	p.title.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	p.discovery.SetSelected(discoveryUnknown)
	p.method.SetSelected(string(journey.MethodShadowing))
	w := d.doc.Workspace()
	finder := w.Members[0]
	p.foundBy.SetSelected(finder.Name)
	p.effort.SetSelected("3")

	id := d.journey().PainPoints[n].ID
	stored := d.journey().PainPoints[n]
	if stored.Title != "Courier never rings" || stored.Discovery != journey.Unknown || stored.FoundBy != finder.ID || stored.Effort != 3 {
		t.Fatalf("the panel's edits did not reach the pain point: %+v", stored)
	}
	if stored.Owner != "" || p.owner.Selected != "Unassigned" {
		t.Fatalf("owner %q, picker on %q: nothing must be chosen for the user, least of all the finder", stored.Owner, p.owner.Selected)
	}
	want, _ := w.Suggest(d.journey().ID, stored)
	first := p.owner.Options[0]
	if !strings.HasPrefix(first, "★ "+want.Member.Name+": suggested") || !strings.Contains(p.ownerWhy.Text, "lowest load after this") {
		t.Fatalf("the picker's first option is %q; want the fair suggestion, %s, with its reason", first, want.Member.Name)
	}
	p.owner.SetSelectedIndex(0)
	if got := d.journey().PainPoints[n].Owner; got != want.Member.ID {
		t.Fatalf("owner after picking the suggestion: %q, want %q", got, want.Member.ID)
	}
	if !strings.Contains(p.attainable.Text, "Attainable") {
		t.Errorf("attainable says %q", p.attainable.Text)
	}
	test.Type(p.action, "Improve deliveries")
	if !strings.Contains(p.specific.Text, `"improve"`) || !strings.Contains(p.specific.Text, "a due date") {
		t.Errorf("a vague action with no due date: %q", p.specific.Text)
	}
	p.action.SetText("Ring the courier's depot when a parcel is 2 days late")
	p.due.SetText("2027-01-15")
	test.Type(p.doneWhen, "Depot calls logged for every late parcel")
	if p.specific.Text != "✓ Specific" {
		t.Errorf("a specific action: %q", p.specific.Text)
	}
	p.doneWhen.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})

	d.restart()
	j := d.journey()
	got := j.PainPoints[journey.Index(j.PainPoints, id)]
	if got.Owner != want.Member.ID || got.Title != "Courier never rings" || got.Action.Due != "2027-01-15" || !got.Specificity().Specific() {
		t.Errorf("after reopening the store: %+v", got)
	}
}

// TestPainPanelVerifiedTakesEvidence: choosing verified waits for evidence; with it, one edit.
func TestPainPanelVerifiedTakesEvidence(t *testing.T) {
	d := openDesk(t)
	j := d.journey()
	var target journey.PainPoint
	for _, pp := range j.PainPoints {
		if pp.Status != journey.StatusVerified {
			target = pp
			break
		}
	}
	d.pick(target.ID)
	p := d.pain
	if _, id := p.Showing(); id != target.ID || !p.Visible() {
		t.Fatalf("clicking a pain point shows %q in the panel, want %q", id, target.ID)
	}
	p.status.SetSelected(string(journey.StatusVerified))
	if d.journey().PainPoints[journey.Index(d.journey().PainPoints, target.ID)].Status == journey.StatusVerified {
		t.Fatal("verified without evidence was stored")
	}
	if !strings.Contains(p.problem.Text, "evidence") {
		t.Errorf("the panel says %q; want it to ask for evidence", p.problem.Text)
	}
	test.Type(p.observed, "No complaints in the 3 weeks since")
	test.Type(p.seen, "2026-11-20")
	test.Type(p.since, "0")
	test.Tap(p.apply)
	got := d.journey().PainPoints[journey.Index(d.journey().PainPoints, target.ID)]
	want := journey.Evidence{Note: "No complaints in the 3 weeks since", Date: "2026-11-20", Reports: journey.Some(0)}
	if got.Status != journey.StatusVerified || got.Evidence != want {
		t.Fatalf("after Apply: %s, %+v", got.Status, got.Evidence)
	}
	d.undo()
	if got := d.journey().PainPoints[journey.Index(d.journey().PainPoints, target.ID)]; got != target {
		t.Errorf("undo: %+v, want it as it was", got)
	}
}

// TestPainPanelLabelsStayBesideTheirFields opens an unknown pain point, then a known one, then
// switches the known one to unknown and back, at 1440×900 and 1024×768, and checks what the
// screen shows: each label drawn once beside its own field, the other discovery's rows gone,
// each list offering its own kind's values with the pain point's own chosen (never the last
// one shown), and an unknown pain point kept only once it says how it was found and by whom.
func TestPainPanelLabelsStayBesideTheirFields(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1440, Height: 900}, {Width: 1024, Height: 768}} {
		t.Run(fmt.Sprintf("%.0fx%.0f", size.Width, size.Height), func(t *testing.T) {
			d := openDesk(t)
			d.resize(size)
			p := d.pain
			root := d.root()
			var known, unknown journey.PainPoint
			for _, pp := range d.journey().PainPoints {
				if pp.Discovery == journey.Known && known.ID == "" {
					known = pp
				}
				if pp.Discovery == journey.Unknown && unknown.ID == "" {
					unknown = pp
				}
			}
			if known.ID == "" || unknown.ID == "" {
				t.Fatal("the sample journey needs a known and an unknown pain point")
			}
			common := func() {
				t.Helper()
				for label, field := range map[string]fyne.CanvasObject{
					"Title": p.title, "Detail": p.detail, "Stage": p.stage, "Discovery": p.discovery,
					"Found on": p.foundOn, "Severity": p.severity, "Effort": p.effort, "Status": p.status,
					"Owner": p.owner, "Next action": p.action, "Due": p.due, "Done when": p.doneWhen,
				} {
					screentest.AssertBeside(t, root, label, field)
				}
			}
			knownRows := func(source string) {
				t.Helper()
				common()
				screentest.AssertBeside(t, root, "Source", p.source)
				screentest.AssertBeside(t, root, "Reports", p.reports)
				for _, gone := range []string{"Method", "Found by", "Reported since"} {
					screentest.AssertNotDrawn(t, root, gone)
				}
				if !slices.Equal(p.source.Options, names(journey.Sources)) || p.source.Selected != source {
					t.Errorf("Source offers %v with %q chosen; want the sources with %q", p.source.Options, p.source.Selected, source)
				}
			}
			unknownRows := func(method, finder string) {
				t.Helper()
				common()
				screentest.AssertBeside(t, root, "Method", p.method)
				screentest.AssertBeside(t, root, "Found by", p.foundBy)
				screentest.AssertBeside(t, root, "Reported since", p.reports)
				for _, gone := range []string{"Source", "Reports"} {
					screentest.AssertNotDrawn(t, root, gone)
				}
				if !slices.Equal(p.method.Options, names(journey.Methods)) || p.method.Selected != method {
					t.Errorf("Method offers %v with %q chosen; want the methods with %q", p.method.Options, p.method.Selected, method)
				}
				if p.foundBy.Selected != finder {
					t.Errorf("Found by shows %q, want %q", p.foundBy.Selected, finder)
				}
			}
			w := d.doc.Workspace()
			name := func(id string) string { m, _ := w.Member(id); return m.Name }

			d.pick(unknown.ID)
			unknownRows(string(unknown.Method), name(unknown.FoundBy))
			d.pick(known.ID)
			knownRows(string(known.Source))

			p.discovery.SetSelected(discoveryUnknown)
			unknownRows("", "")
			stored := func() journey.PainPoint {
				return d.journey().PainPoints[journey.Index(d.journey().PainPoints, known.ID)]
			}
			if stored().Discovery != journey.Known || !strings.Contains(p.problem.Text, "Method") || !strings.Contains(p.problem.Text, "Found by") {
				t.Errorf("switched to unknown with no method or finder: stored %s, the panel says %q", stored().Discovery, p.problem.Text)
			}
			finder := w.Members[len(w.Members)-1]
			p.method.SetSelected(string(journey.MethodData))
			p.foundBy.SetSelected(finder.Name)
			if got := stored(); got.Discovery != journey.Unknown || got.Method != journey.MethodData || got.FoundBy != finder.ID || got.Source != "" {
				t.Fatalf("after picking method and finder: %s %q %q %q", got.Discovery, got.Method, got.FoundBy, got.Source)
			}
			unknownRows(string(journey.MethodData), finder.Name)
			if p.problem.Text != "" {
				t.Errorf("the panel still says %q", p.problem.Text)
			}

			p.discovery.SetSelected(discoveryKnown)
			knownRows("")
			p.source.SetSelected(string(journey.SourceReview))
			if got := stored(); got.Discovery != journey.Known || got.Source != journey.SourceReview || got.Method != "" {
				t.Fatalf("back to known: %s %q %q", got.Discovery, got.Source, got.Method)
			}
			knownRows(string(journey.SourceReview))
		})
	}
}

// TestANewPainPointOpensInView: a pain point added as Ctrl+P adds it opens with its title in
// view, however far the panel was scrolled; the owner picked from the suggestion is shown as
// that member with their load, not as a suggestion still.
func TestANewPainPointOpensInView(t *testing.T) {
	d := openDesk(t)
	p := d.pain
	d.pick(d.journey().PainPoints[0].ID)
	p.scroll.ScrollToBottom()
	d.newPainPoint()
	title, _ := screentest.DrawnAs(d.root(), p.title)
	view, _ := screentest.DrawnAs(d.root(), p.scroll)
	if title.Pos.Y < view.Pos.Y || title.Pos.Y+title.Size.Height > view.Pos.Y+view.Size.Height {
		t.Errorf("the new pain point's title %v is out of the panel's view %v", title, view)
	}
	p.owner.SetSelectedIndex(0) // the fair suggestion
	if strings.Contains(p.owner.Selected, "suggested") {
		t.Errorf("after picking the suggested owner the box says %q", p.owner.Selected)
	}
}

// TestPanelFollowsTheKeyboard: a field given the keyboard below the panel's fold (as Tab
// gives it) is scrolled into view, and one above it when going back.
func TestPanelFollowsTheKeyboard(t *testing.T) {
	d := openDesk(t)
	d.resize(fyne.NewSize(1024, 768))
	d.pick(d.journey().PainPoints[0].ID)
	p := d.pain
	root := d.root()
	inView := func(o fyne.CanvasObject, name string) {
		t.Helper()
		f, _ := screentest.DrawnAs(root, o)
		v, _ := screentest.DrawnAs(root, p.scroll)
		if f.Pos.Y < v.Pos.Y || f.Pos.Y+f.Size.Height > v.Pos.Y+v.Size.Height {
			t.Errorf("%s has the keyboard at %v, out of the panel's view %v", name, f, v)
		}
	}
	// The next action's fields keep the lines that judge it in view, as they change with
	// what is typed.
	for _, f := range []*panelField{p.action, p.due} {
		d.w.Canvas().Focus(p.title)
		d.w.Canvas().Focus(f)
		inView(f, "a field of the next action")
		inView(p.attainable, "whether the next action is attainable, with a field of it being typed in,")
	}
	d.w.Canvas().Focus(p.doneWhen)
	inView(p.doneWhen, "done when")
	d.w.Canvas().Focus(p.title)
	inView(p.title, "the title")
}

// TestTooLongATitleIsSaidWhileTyping: a title typed past its limit is said in the panel as it
// is typed, not first when it is applied.
func TestTooLongATitleIsSaidWhileTyping(t *testing.T) {
	d := openDesk(t)
	d.newPainPoint()
	p := d.pain
	test.Type(p.title, strings.Repeat("t", journey.MaxNameRunes+2))
	if !strings.Contains(p.problem.Text, "the title holds at most 200 characters: 2 too many") {
		t.Errorf("a pain point's title past its limit: the panel says %q", p.problem.Text)
	}
}
