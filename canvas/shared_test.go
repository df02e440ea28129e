package canvas

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"journeymap/canvas/scene"
	"journeymap/canvas/screentest"
	"journeymap/journey"
	"journeymap/storage"
	"journeymap/storage/sharing"
	"journeymap/storage/sharing/natstest"
)

// TestAnotherDesksCardIsDrawn: a window on a shared store draws a card another desk changed
// as it arrives, keeping what is picked on the map; its status bar says the desk is synced,
// and "Offline since" with the changes kept once the server is gone.
func TestAnotherDesksCardIsDrawn(t *testing.T) {
	ns := natstest.Start(t)
	ctx := context.Background()

	ed := openEditing(t)
	s := ed.doc.Store()
	if err := sharing.Share(ctx, s, storage.Share{Server: ns.ClientURL(), Bucket: "returns", Member: "m-ana"}); err != nil {
		t.Fatal(err)
	}
	// Fyne's test driver runs fyne.Do at once on the calling goroutine (here nats's and
	// Live's): what they hand the window is run on the test's, as the app's loop would.
	ed.mw.loop.queue = make(chan func(), 4096)
	ed.mw.FollowShared()
	statusSays := func(what string) bool { return strings.HasPrefix(ed.mw.status.Text, what) }
	ed.waitFor("the status bar to say Synced", func() bool { return statusSays("Synced · ") })

	other, e := otherDesk(t, ns.ClientURL())

	j := ed.journey()
	picked := j.PainPoints[0]
	ed.pick(scene.Key{Kind: scene.KindPain, ID: picked.ID})
	card := j.Cards[0].ID
	// bens types on Ben's desk, and sends it.
	bens := func(text string) {
		t.Helper()
		w, err := other.Load()
		if err != nil {
			t.Fatal(err)
		}
		cs := w.Journey(j.ID).Cards
		c := cs[journey.Index(cs, card)]
		c.Text = text
		edit, err := journey.Put(w, j.ID, c, -1)
		if err == nil {
			err = edit.Apply(w)
		}
		if err == nil {
			err = other.Commit(w, edit.Touches(), storage.HistoryStep{})
		}
		if err == nil {
			_, err = e.SyncOnce(ctx)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	bens("Typed on Ben's desk")
	ed.waitFor("the map to draw Ben's card", func() bool { return screentest.HasText(ed.mw.Map, "Typed on Ben's desk") })
	if sel := ed.mw.Editor.Selection(); len(sel.Items) != 1 || sel.Items[0].ID != picked.ID {
		t.Errorf("after another desk's change the map has %+v picked; want %q as before", sel.Items, picked.ID)
	}

	// Typing here while another desk's change comes: the typing goes on.
	ed.key(fyne.KeyEscape)
	ed.ctrl(fyne.KeyN)
	test.Type(ed.text(), "Half typed")
	bens("Ben again")
	ed.waitFor("the map to draw Ben's second change", func() bool { return screentest.HasText(ed.mw.Map, "Ben again") })
	if !ed.mw.Editor.Editing() || ed.text().Text != "Half typed" {
		t.Fatalf("another desk's change while typing: editing %v; want the text being typed left as it was", ed.mw.Editor.Editing())
	}
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	// Typed in the pain points' lane, where the pick was, it is a pain point.
	if !slices.ContainsFunc(ed.journey().PainPoints, func(p journey.PainPoint) bool { return p.Title == "Half typed" }) {
		t.Errorf("what was typed while another desk's change came was not kept; the window says %q", ed.mw.message.Text)
	}

	ns.Shutdown()
	ed.waitFor("the status bar to say offline", func() bool { return statusSays("Offline since ") })
	ed.key(fyne.KeyEscape)
	ed.ctrl(fyne.KeyN)
	test.Type(ed.text(), "Typed offline")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ed.waitFor("the status bar to keep the change", func() bool { return strings.Contains(ed.mw.status.Text, "changes kept)") })
}

// waitFor waits up to ten seconds for ok, running what other goroutines handed the window
// meanwhile, and fails the test with what it waited for.
func (ed *editing) waitFor(what string, ok func() bool) {
	ed.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		for ran := true; ran; {
			select {
			case f := <-ed.mw.loop.queue:
				f()
			default:
				ran = false
			}
		}
		if ok() {
			return
		}
		if time.Now().After(deadline) {
			ed.t.Fatalf("after ten seconds still waiting for %s", what)
		}
	}
}

// TestTheSharedWorkspaceDialogNamesConflicts: File → Shared Workspace… says where the workspace
// is shared and names a field two desks changed both ways: the card, the field, each value with
// who wrote it; a workspace of its own is told how to share.
func TestTheSharedWorkspaceDialogNamesConflicts(t *testing.T) {
	ed := openEditing(t)
	ed.mw.ShowSharing()
	if top := ed.mw.Canvas().Overlays().Top(); top == nil || !strings.Contains(labelsIn(top), "journeymap share -store "+ed.doc.Dir()+" -server URL") {
		t.Fatal("a workspace of its own: the dialog does not say how to share it, from this store")
	}
	ed.mw.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ed.mw.Canvas().Overlays().Top() != nil {
		t.Fatal("Esc did not close the Shared Workspace dialog")
	}

	ns := natstest.Start(t)
	ctx := context.Background()
	s := ed.doc.Store()
	if err := sharing.Share(ctx, s, storage.Share{Server: ns.ClientURL(), Bucket: "returns", Member: "m-ana"}); err != nil {
		t.Fatal(err)
	}
	mine, err := sharing.Connect(ctx, s, ed.doc.Receive)
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Close()
	if _, err := mine.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	other, theirs := otherDesk(t, ns.ClientURL())

	j := ed.journey()
	c := j.Cards[0]
	c.Text = "Ana's words"
	if err := ed.doc.Do(mustEdit(t)(journey.Put(ed.doc.Workspace(), j.ID, c, -1))); err != nil {
		t.Fatal(err)
	}
	w, _ := other.Load()
	c.Text = "Ben's words"
	edit := mustEdit(t)(journey.Put(w, j.ID, c, -1))
	if err := edit.Apply(w); err != nil {
		t.Fatal(err)
	}
	if err := other.Commit(w, edit.Touches(), storage.HistoryStep{}); err != nil {
		t.Fatal(err)
	}
	if _, err := theirs.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := mine.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	ed.mw.ShowSharing()
	ed.mw.sharingSaid = "Synced · 1 conflict"
	ed.mw.sharingShown()
	if said := labelsIn(ed.mw.Canvas().Overlays().Top()); !strings.Contains(said, "Synced · 1 conflict.") {
		t.Errorf("the open dialog does not follow the desk's state: %s", said)
	}
	if dir := os.Getenv("JOURNEYMAP_SHOTS"); dir != "" {
		f, err := os.Create(filepath.Join(dir, "shared-workspace.png"))
		if err == nil {
			png.Encode(f, ed.mw.Canvas().Capture())
			f.Close()
		}
	}
	said := labelsIn(ed.mw.Canvas().Overlays().Top())
	for _, want := range []string{`Shared as "returns" on ` + ns.ClientURL() + ", as Ana Ruiz.", "Conflict in card “Ben's words”, text:",
		"“Ana's words” (Ana Ruiz", "“Ben's words” (Ben Okafor"} {
		if !strings.Contains(said, want) {
			t.Errorf("the dialog says:\n%s\nwant %q in it", said, want)
		}
	}

	// Saying who uses this desk names what it sends from then on, without a restart.
	ed.mw.AskWhoIAm(nil)
	ben := ed.doc.Workspace().Members[1]
	ed.mw.whoAmIPick.SetSelected(ben.Name)
	ed.mw.whoAmI.Submit()
	if sh, _, _ := s.Sharing(); sh.Member != ben.ID {
		t.Errorf("after Who Am I… %s, the desk sends as %q", ben.Name, sh.Member)
	}
}

// TestTypingMeetsAChangeMadeMeanwhile: a card's text typed over while the card changes
// elsewhere (another desk's change arriving): a change of another field is kept beside what
// was typed; a change of the text itself is said, with what the card now reads, the typing
// kept open, and a second Enter puts it in place. A pain point's panel does the same.
func TestTypingMeetsAChangeMadeMeanwhile(t *testing.T) {
	ed := openEditing(t)
	j := ed.journey()
	card := j.Cards[0]
	meanwhile := func(f func(*journey.Card)) {
		t.Helper()
		cs := ed.journey().Cards
		c := cs[journey.Index(cs, card.ID)]
		f(&c)
		if err := ed.doc.Do(mustEdit(t)(journey.Put(ed.doc.Workspace(), j.ID, c, -1))); err != nil {
			t.Fatal(err)
		}
	}
	now := func() journey.Card { c, _ := find(ed.journey().Cards, card.ID); return c }
	ed.pick(scene.Key{Kind: scene.KindCard, ID: card.ID})

	ed.key(fyne.KeyReturn)
	ed.text().SetText("Typed here")
	meanwhile(func(c *journey.Card) { c.Color = "red" })
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := now(); got.Text != "Typed here" || got.Color != "red" {
		t.Fatalf("typed over a card recoloured meanwhile: %+v; want the text typed and the colour kept", got)
	}

	ed.key(fyne.KeyReturn)
	ed.text().SetText("Mine")
	meanwhile(func(c *journey.Card) { c.Text = "Theirs" })
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := now(); got.Text != "Theirs" || !ed.mw.Editor.Editing() || ed.text().Text != "Mine" {
		t.Fatalf("typed over a text changed meanwhile: the card reads %q, editing %v; want theirs kept and the typing open", got.Text, ed.mw.Editor.Editing())
	}
	if !strings.Contains(ed.mw.message.Text, "changed it while you typed: it now reads “Theirs”") {
		t.Errorf("the window says %q", ed.mw.message.Text)
	}
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := now(); got.Text != "Mine" {
		t.Errorf("Enter again: the card reads %q, want what was typed", got.Text)
	}

	// The pain point's panel: the title typed, the severity changed meanwhile.
	pp := j.PainPoints[0]
	ed.pick(scene.Key{Kind: scene.KindPain, ID: pp.ID})
	ed.mw.PainPanel.FocusTitle(ed.mw.Canvas())
	title := ed.mw.Canvas().Focused()
	title.(interface{ SetText(string) }).SetText("Typed in the panel")
	changed := pp
	changed.Severity = 1 + pp.Severity%5
	if err := ed.doc.Do(mustEdit(t)(journey.Put(ed.doc.Workspace(), j.ID, changed, -1))); err != nil {
		t.Fatal(err)
	}
	ed.mw.PainPanel.Apply()
	ps := ed.journey().PainPoints
	got := ps[journey.Index(ps, pp.ID)]
	if got.Title != "Typed in the panel" || got.Severity != changed.Severity {
		t.Errorf("the panel's title over a severity changed meanwhile: %q, severity %d; want both", got.Title, got.Severity)
	}
}

// otherDesk is Ben's desk: a store joined to the bucket "returns" on the server, with the
// workspace taken in, and its engine; both closed when the test ends.
func otherDesk(t *testing.T, server string) (*storage.Store, *sharing.Engine) {
	t.Helper()
	ctx := context.Background()
	other, err := storage.Open(filepath.Join(t.TempDir(), "other"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	if err := sharing.Join(ctx, other, storage.Share{Server: server, Bucket: "returns", Member: "m-ben"}); err != nil {
		t.Fatal(err)
	}
	e, err := sharing.Connect(ctx, other, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	if _, err := e.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	return other, e
}
