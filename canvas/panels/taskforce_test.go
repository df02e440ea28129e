package panels

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"journeymap/canvas/screentest"
	"journeymap/journey"
	"journeymap/journey/journeytest"
)

// TestTaskForceAcceptsPartOfARebalance proposes a rebalance in the panel, accepts only its
// first move, undoes that as one edit, and finds the store as it was after reopening.
func TestTaskForceAcceptsPartOfARebalance(t *testing.T) {
	d := openDesk(t)
	d.tf.Toggle()
	tf := d.tf
	if !tf.Visible() || !strings.HasPrefix(tf.fairness.Text, "Fairness 0.79: uneven: ") {
		t.Fatalf("Ctrl+T: shown %v, %q", tf.Visible(), tf.fairness.Text)
	}
	before := d.doc.Workspace().Clone()
	tf.target.SetText("0.95")
	tf.Propose()
	tf.working.Wait()
	if len(tf.checks) < 2 {
		t.Fatalf("want a proposal of two moves or more to accept part of: %q", tf.proposal.Text)
	}
	first, second := tf.proposed.Moves[0], tf.proposed.Moves[1]
	tf.checks[1].SetChecked(false)
	test.Tap(tf.accept)
	owner := func(m journey.Move) string {
		j := d.doc.Workspace().Journey(m.Journey)
		return j.PainPoints[journey.Index(j.PainPoints, m.PainPoint)].Owner
	}
	if owner(first) != first.To || owner(second) != second.From {
		t.Fatalf("after accepting the first move only: %s owns the first, %s the second", owner(first), owner(second))
	}
	if label, _ := d.doc.CanUndo(); label != "Rebalance: 1 move" {
		t.Errorf("the edit to undo: %q", label)
	}
	d.undo()
	if owner(first) != first.From {
		t.Fatal("undo did not take the move back")
	}
	d.restart()
	if got := d.doc.Workspace(); got.Fairness() != before.Fairness() || !sameOwners(got, before) {
		t.Error("after reopening, the store is not as it was before the rebalance")
	}
}

func sameOwners(a, b *journey.Workspace) bool {
	for i, j := range a.Journeys {
		for k, p := range j.PainPoints {
			if p.Owner != b.Journeys[i].PainPoints[k].Owner {
				return false
			}
		}
	}
	return true
}

// TestTaskForcePulse enters a pulse through its dialog and finds it stored, anonymous, after
// reopening; with fewer than three answers the panel shows no average.
func TestTaskForcePulse(t *testing.T) {
	d := openDesk(t)
	tf := d.tf
	tf.Now = func() time.Time { return time.Date(2026, 11, 24, 9, 41, 0, 0, time.UTC) }
	tf.Toggle()
	n := len(d.doc.Workspace().Pulses)
	tf.TakePulse()
	for i, g := range tf.pulseAsked {
		g.SetSelected([]string{"4", "2", "5", "3"}[i])
	}
	undoBefore, _ := d.doc.CanUndo()
	tf.pulseForm.Submit()
	if undo, _ := d.doc.CanUndo(); undo != undoBefore || strings.Contains(strings.ToLower(undo), "pulse") {
		t.Errorf("after a pulse answer the edit to undo is %q, want %q as before: the next person could take it back", undo, undoBefore)
	}
	d.restart()
	pulses := d.doc.Workspace().Pulses
	if len(pulses) != n+1 {
		t.Fatalf("%d pulses after reopening, want %d", len(pulses), n+1)
	}
	found := false
	for _, p := range pulses {
		if p.Date == "2026-11-24" && p.Risk == 4 && p.Dialogue == 2 && p.Help == 5 && p.Inclusion == 3 {
			found = true
		}
	}
	if !found {
		t.Errorf("the pulse entered is not in the store: %+v", pulses)
	}
	d.tf.Toggle()
	said := d.tf.pulse.Text
	if s := journey.SummarisePulses(pulses); s.Shown != strings.Contains(said, "of 5") {
		t.Errorf("%d answers; the panel says %q", len(pulses), said)
	}
}

// TestTaskForceRemoveMember: a member's pain points go back to unassigned, and undo brings
// the member and their pain points back.
func TestTaskForceRemoveMember(t *testing.T) {
	d := openDesk(t)
	tf := d.tf
	tf.Toggle()
	// A new member, who found nothing, takes over a known pain point.
	gus := journey.Member{ID: "m-gus", Name: "Gus", Department: "Finance", Capacity: 6}
	d.do(journey.Put(d.doc.Workspace(), "", gus, -1))
	j := d.journey()
	i := slices.IndexFunc(j.PainPoints, func(p journey.PainPoint) bool { return p.Discovery == journey.Known && p.Active() })
	taken := j.PainPoints[i]
	taken.Owner = gus.ID
	d.do(journey.Put(d.doc.Workspace(), j.ID, taken, -1))
	w, id := d.doc.Workspace(), gus.ID
	before := w.Clone()
	tf.RemoveMember(id)
	if _, ok := d.doc.Workspace().Member(id); ok || d.doc.Workspace().Tallies()[id].Open != 0 {
		t.Fatal("the member is still there, or still owns pain points")
	}
	if !strings.Contains(tf.unassigned.Text, "no owner") {
		t.Errorf("unassigned: %q", tf.unassigned.Text)
	}
	d.undo()
	if !sameOwners(d.doc.Workspace(), before) || len(d.doc.Workspace().Members) != len(before.Members) {
		t.Error("undo did not bring the member and their pain points back")
	}
}

// TestTaskForceMemberDialog adds a member through the dialog, is refused a capacity that is
// no number without anything changing, edits the department and capacity, and finds the
// member as edited after reopening; undo takes the edit back.
func TestTaskForceMemberDialog(t *testing.T) {
	d := openDesk(t)
	tf := d.tf
	tf.Toggle()
	n := len(d.doc.Workspace().Members)
	fill := func(name, dept, capacity string) {
		for i, s := range []string{name, dept, capacity} {
			tf.memberAsk[i].SetText("")
			test.Type(tf.memberAsk[i], s)
		}
		tf.memberForm.Submit()
	}
	tf.EditMember("")
	fill("Gus Moreau", "Finance", "6")
	members := d.doc.Workspace().Members
	if len(members) != n+1 {
		t.Fatalf("%d members after adding one, want %d", len(members), n+1)
	}
	gus := members[n]
	if gus.Name != "Gus Moreau" || gus.Department != "Finance" || gus.Capacity != 6 {
		t.Fatalf("added %+v", gus)
	}
	if !slices.ContainsFunc(tf.members.Objects, func(o fyne.CanvasObject) bool { return holdsText(o, "Gus Moreau") }) {
		t.Error("the panel does not list the new member")
	}

	var said string
	tf.OnMessage = func(s string) { said = s }
	tf.EditMember(gus.ID)
	fill("Gus Moreau", "Finance", "six")
	if m, _ := d.doc.Workspace().Member(gus.ID); m != gus || !strings.Contains(said, `"six" is not a whole number`) {
		t.Errorf("a capacity of six: member %+v, message %q", m, said)
	}
	tf.EditMember(gus.ID)
	if tf.memberAsk[0].Text != gus.Name || tf.memberAsk[2].Text != "6" {
		t.Errorf("the dialog opens with %q, capacity %q", tf.memberAsk[0].Text, tf.memberAsk[2].Text)
	}
	fill("Gus Moreau", "Logistics", "4")
	d.restart()
	if m, _ := d.doc.Workspace().Member(gus.ID); m.Department != "Logistics" || m.Capacity != 4 {
		t.Fatalf("after reopening: %+v", m)
	}
	d.undo()
	if m, _ := d.doc.Workspace().Member(gus.ID); m != gus {
		t.Errorf("undo: %+v, want %+v", m, gus)
	}
}

// TestFairnessIsSaidWithOverload opens the panel on task forces whose work is even but too
// much, uneven within capacity, and even within capacity: it says overload beside evenness,
// never "even" alone while members are over capacity.
func TestFairnessIsSaidWithOverload(t *testing.T) {
	tests := []struct {
		name    string
		efforts []int // each member's one open pain point, capacity 4 each
		panel   string
	}{
		{"even and overloaded", []int{5, 5, 5, 3},
			"Fairness 0.96: even, but 3 of 4 members are over capacity: the task force has more work than time"},
		{"uneven within capacity", []int{3, 1, 1, 1}, "Fairness 0.75: uneven: Ana is at 75 % of capacity, Ben at 25 %"},
		{"even within capacity", []int{3, 3, 3, 2}, "Fairness 0.98: even: every member is within capacity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := openDeskOn(t, journeytest.Loaded(tt.efforts...))
			d.tf.Toggle()
			if got := d.tf.fairness.Text; got != tt.panel {
				t.Errorf("the panel says %q, want %q", got, tt.panel)
			}
			if len(screentest.LabelsOf(d.root(), "Fairness 0.98: even")) > 0 {
				t.Error("the panel draws evenness alone")
			}
		})
	}
}

// TestTaskForcePanelScrollsToItsEnd opens the task force panel at 1440×900 with six members and
// turns the mouse wheel over the middle of it until it stops: "Take the pulse…" must be drawn
// inside the panel's visible part, and still after a pulse answer and a member more have
// changed the rows above it. (A field passing under the pointer took the wheel's turns for
// itself, and the panel stopped half way.)
func TestTaskForcePanelScrollsToItsEnd(t *testing.T) {
	d := openDesk(t)
	tf := d.tf
	d.do(journey.Put(d.doc.Workspace(), "", journey.Member{ID: "m-six", Name: "Sam Sixth", Department: "Web", Capacity: 5}, -1))
	d.tf.Toggle()
	root := d.root()
	reachable := func(when string) {
		t.Helper()
		tf.scroll.ScrollToTop()
		v, _ := screentest.DrawnAs(root, tf.scroll)
		for range 200 {
			test.Scroll(d.w.Canvas(), v.Pos.Add(fyne.NewPos(v.Size.Width/2, v.Size.Height/2)), 0, -10)
		}
		button := screentest.Button(t, root, "Take the pulse…")
		b, ok := screentest.DrawnAs(root, button)
		if !ok || b.Pos.Y < v.Pos.Y || b.Pos.Y+b.Size.Height > v.Pos.Y+v.Size.Height+0.5 {
			t.Errorf("%s: scrolled to the end, \"Take the pulse…\" is drawn %v, outside the panel's visible part %v", when, b, v)
		}
	}
	reachable("six members")
	tf.TakePulse()
	for _, g := range tf.pulseAsked {
		g.SetSelected("4")
	}
	tf.pulseForm.Submit()
	reachable("after a pulse answer")
	d.do(journey.Put(d.doc.Workspace(), "", journey.Member{ID: "m-seven", Name: "Sia Seventh", Department: "Sales", Capacity: 5}, -1))
	reachable("seven members")
}

// TestHalfAPulseComesBack: a pulse sent with a question unanswered is not stored, and the
// questions come back with the answers given, for the last one to be added.
func TestHalfAPulseComesBack(t *testing.T) {
	d := openDesk(t)
	tf := d.tf
	n := len(d.doc.Workspace().Pulses)
	tf.TakePulse()
	for i, g := range tf.pulseAsked[:3] {
		g.SetSelected([]string{"4", "2", "5"}[i])
	}
	tf.pulseForm.Submit()
	// Said in the dialog, which is in front of everything else, with the question missing
	// holding the keyboard.
	said := screentest.LabelsOf(d.w.Canvas().Overlays().Top(), `Not stored yet: "Inclusivity" has no score. Every question takes one.`)
	if len(d.doc.Workspace().Pulses) != n || len(said) != 1 || d.w.Canvas().Focused() != tf.pulseAsked[3] {
		t.Fatalf("half a pulse: %d pulses (want %d), the dialog says so %d times, the keyboard is with %T",
			len(d.doc.Workspace().Pulses), n, len(said), d.w.Canvas().Focused())
	}
	for i, want := range []string{"4", "2", "5", ""} {
		if got := tf.pulseAsked[i].Selected; got != want {
			t.Errorf("question %d comes back with %q, want %q", i+1, got, want)
		}
	}
	tf.pulseAsked[3].SetSelected("3")
	tf.pulseForm.Submit()
	if len(d.doc.Workspace().Pulses) != n+1 {
		t.Error("the pulse finished is not stored")
	}
}

// TestPulseFromTheKeyboard: the pulse dialog opens with its first question's scale holding the
// keyboard; a digit picks a score, Tab goes on to the next question, Enter sends. Each scale
// draws its five points left to right, each number beside its own circle, the picked one
// marked; and Esc cancels the dialog, storing nothing.
func TestPulseFromTheKeyboard(t *testing.T) {
	d := openDesk(t)
	d.resize(fyne.NewSize(1440, 900))
	tf := d.tf
	n := len(d.doc.Workspace().Pulses)
	c := d.w.Canvas()

	tf.TakePulse()
	if c.Focused() != tf.pulseAsked[0] {
		t.Fatalf("the pulse dialog opens with %T holding the keyboard, want the first question", c.Focused())
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil || len(d.doc.Workspace().Pulses) != n {
		t.Fatal("Esc did not cancel the pulse dialog, or stored an answer")
	}

	tf.TakePulse()
	root := c.Overlays().Top()
	for i, score := range []rune{'4', '2', '5', '3'} {
		s, ok := c.Focused().(*scale)
		if !ok || s != tf.pulseAsked[i] {
			t.Fatalf("question %d: the keyboard is with %T, not its scale", i+1, c.Focused())
		}
		s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyName(score)})
		s.TypedRune(score)
		r := test.WidgetRenderer(s).(*scaleRenderer)
		at, _ := screentest.DrawnAs(root, s)
		for p := range scalePoints {
			icon, _ := screentest.DrawnAs(root, r.icons[p])
			label := screentest.LabelsOf(s, fmt.Sprint(p+1))
			if len(label) != 1 {
				t.Fatalf("question %d: %d is drawn %d times", i+1, p+1, len(label))
			}
			l := label[0]
			l.Pos = l.Pos.Add(at.Pos)
			if icon.Pos.X+icon.Size.Width > l.Pos.X || l.Pos.X-icon.Pos.X > 3*theme.IconInlineSize() ||
				icon.Pos.X < at.Pos.X+float32(p)*at.Size.Width/scalePoints-0.5 {
				t.Errorf("question %d: point %d's circle %v and number %v are not side by side in their fifth of %v", i+1, p+1, icon, l, at)
			}
			if checked := strings.Contains(r.icons[p].Resource.Name(), "checked"); checked != (p+1 == int(score-'0')) {
				t.Errorf("question %d, score %c: point %d drawn checked %v", i+1, score, p+1, checked)
			}
		}
		c.FocusNext()
	}
	tf.pulseAsked[3].TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	tf.pulseAsked[3].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	pulses := d.doc.Workspace().Pulses
	if len(pulses) != n+1 {
		t.Fatalf("Enter stored %d pulses, want 1", len(pulses)-n)
	}
	if p := pulses[len(pulses)-1]; p.Risk != 4 || p.Dialogue != 2 || p.Help != 5 || p.Inclusion != 4 {
		t.Errorf("stored %+v, want 4, 2, 5 and 3 moved right to 4", p)
	}
}

// TestAProposalIsShownWhereItCanBeRead: Propose moves scrolls the panel to what it found, the
// moves and the button that accepts them, at 1440×900 with the sample's five members.
func TestAProposalIsShownWhereItCanBeRead(t *testing.T) {
	d := openDesk(t)
	d.resize(fyne.NewSize(1440, 900))
	tf := d.tf
	d.tf.Toggle()
	tf.scroll.ScrollToTop()
	tf.Propose()
	tf.working.Wait()
	root := d.root()
	v, _ := screentest.DrawnAs(root, tf.scroll)
	for _, o := range []fyne.CanvasObject{tf.proposal, tf.accept} {
		d, ok := screentest.DrawnAs(root, o)
		if !ok || d.Pos.Y < v.Pos.Y || d.Pos.Y+d.Size.Height > v.Pos.Y+v.Size.Height+0.5 {
			t.Errorf("after Propose moves, %T is drawn %v (shown %v), outside the panel's visible part %v", o, d, ok, v)
		}
	}
}
