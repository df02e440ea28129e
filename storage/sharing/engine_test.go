package sharing

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"

	"journeymap/journey"
	"journeymap/journey/journeytest"
	"journeymap/storage"
	"journeymap/storage/document"
	"journeymap/storage/sharing/natstest"
	"journeymap/storage/transfer"
)

// benchServer starts a NATS server for a benchmark and returns its URL.
func benchServer(b *testing.B) string { return natstest.Start(b).ClientURL() }

// startServer starts a NATS server for a test, known by its URL to serverOf.
func startServer(t *testing.T) *server.Server {
	t.Helper()
	ns := natstest.Start(t)
	servers.Store(ns.ClientURL(), ns)
	return ns
}

// servers are the servers started, by their URL.
var servers sync.Map

// desk is one desktop's store and its engine.
type desk struct {
	t     *testing.T
	store *storage.Store
	e     *Engine
}

func openStore(t *testing.T) *storage.Store {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "store"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func (d *desk) connect() {
	d.t.Helper()
	e, err := Connect(context.Background(), d.store, nil)
	if err != nil {
		d.t.Fatal(err)
	}
	d.t.Cleanup(e.Close)
	d.e = e
}

// sharedDesks is a desk that shared the sample and n more that joined it, each synced once.
func sharedDesks(t *testing.T, n int) []*desk {
	t.Helper()
	ns := startServer(t)
	ctx := context.Background()
	first := &desk{t: t, store: openStore(t)}
	if err := first.store.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	if err := Share(ctx, first.store, storage.Share{Server: ns.ClientURL(), Bucket: "returns", Member: "m-ana"}); err != nil {
		t.Fatal(err)
	}
	first.connect()
	first.sync()
	desks := []*desk{first}
	for i := range n {
		d := &desk{t: t, store: openStore(t)}
		if err := Join(ctx, d.store, storage.Share{Server: ns.ClientURL(), Bucket: "returns", Member: []string{"m-ben", "m-chen"}[i]}); err != nil {
			t.Fatal(err)
		}
		d.connect()
		d.sync()
		desks = append(desks, d)
	}
	return desks
}

// restart closes the desk's store and opens it again, as quitting and starting the app does.
func (d *desk) restart() {
	d.t.Helper()
	dir := d.store.Dir()
	d.e.Close()
	if err := d.store.Close(); err != nil {
		d.t.Fatal(err)
	}
	s, err := storage.Open(dir)
	if err != nil {
		d.t.Fatal(err)
	}
	d.t.Cleanup(func() { s.Close() })
	d.store = s
	d.connect()
}

func (d *desk) sync() Status {
	d.t.Helper()
	st, err := d.e.SyncOnce(context.Background())
	if err != nil {
		d.t.Fatal(err)
	}
	return st
}

func (d *desk) workspace() *journey.Workspace {
	d.t.Helper()
	w, err := d.store.Load()
	if err != nil {
		d.t.Fatal(err)
	}
	return w
}

// edit makes an edit on the desk's store, as its document does.
func (d *desk) edit(make func(w *journey.Workspace) (journey.Edit, error)) {
	d.t.Helper()
	w := d.workspace()
	e, err := make(w)
	if err == nil {
		err = e.Apply(w)
	}
	if err == nil {
		err = d.store.Commit(w, e.Touches(), storage.HistoryStep{})
	}
	if err != nil {
		d.t.Fatal(err)
	}
}

func sameEverywhere(t *testing.T, desks []*desk) {
	t.Helper()
	want := journeytest.File(t, desks[0].workspace())
	for i, d := range desks[1:] {
		if got := journeytest.File(t, d.workspace()); !bytes.Equal(got, want) {
			t.Fatalf("desk %d holds another workspace than desk 0", i+1)
		}
	}
}

// TestAJoinedDeskHoldsTheSharedWorkspace: a desk that joins holds the workspace the first
// shared, whole.
func TestAJoinedDeskHoldsTheSharedWorkspace(t *testing.T) {
	desks := sharedDesks(t, 1)
	sameEverywhere(t, desks)
	if len(desks[1].workspace().Journeys) == 0 {
		t.Fatal("the joined desk holds no journey")
	}
}

// TestEditsMeetAndMerge: a card changed on one desk reaches the other; the same card changed
// on both, in different fields, keeps both changes on both desks; the same field changed both
// ways stands as the same provisional value on both, in conflict.
func TestEditsMeetAndMerge(t *testing.T) {
	desks := sharedDesks(t, 1)
	ana, ben := desks[0], desks[1]
	j := ana.workspace().Journeys[0]
	c := j.Cards[0]
	setCard := func(f func(*journey.Card)) func(w *journey.Workspace) (journey.Edit, error) {
		return func(w *journey.Workspace) (journey.Edit, error) {
			cs := w.Journey(j.ID).Cards
			card := cs[journey.Index(cs, c.ID)]
			f(&card)
			return journey.Put(w, j.ID, card, -1)
		}
	}
	cardOn := func(d *desk) journey.Card {
		cs := d.workspace().Journey(j.ID).Cards
		return cs[journey.Index(cs, c.ID)]
	}

	ana.edit(setCard(func(c *journey.Card) { c.Text = "Typed by Ana" }))
	ana.sync()
	ben.sync()
	if got := cardOn(ben).Text; got != "Typed by Ana" {
		t.Fatalf("Ben's desk reads %q", got)
	}

	ana.edit(setCard(func(c *journey.Card) { c.Text = "Ana again" }))
	ben.edit(setCard(func(c *journey.Card) { c.Color = "red" }))
	ana.sync()
	ben.sync() // Ben's send finds Ana's change, merges, sends the merged card
	ana.sync()
	for _, d := range desks {
		if got := cardOn(d); got.Text != "Ana again" || got.Color != "red" {
			t.Errorf("after both changed the card: %+v; want Ana's text and Ben's colour", got)
		}
	}
	sameEverywhere(t, desks)

	ana.edit(setCard(func(c *journey.Card) { c.Text = "Ana's words" }))
	ben.edit(setCard(func(c *journey.Card) { c.Text = "Ben's words" }))
	ana.sync()
	ben.sync()
	ana.sync()
	sameEverywhere(t, desks)
	if got := cardOn(ana).Text; got != "Ben's words" {
		t.Errorf("the provisional text is %q", got)
	}
}

// TestAnotherDesksChangeReachesTheDocument: a desk whose document takes the bucket's changes
// tells its watchers, as for an edit made there, and reads the change in its workspace; its
// own undo history is left as it was.
func TestAnotherDesksChangeReachesTheDocument(t *testing.T) {
	desks := sharedDesks(t, 1)
	ana, ben := desks[0], desks[1]
	doc, err := document.New(ben.store)
	if err != nil {
		t.Fatal(err)
	}
	ben.e.Close()
	e, err := Connect(context.Background(), ben.store, doc.Receive)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	ben.e = e
	var told []document.Change
	doc.Watch(func(c document.Change) { told = append(told, c) })
	undo, _ := doc.CanUndo()

	j := ana.workspace().Journeys[0]
	c := j.Cards[0]
	c.Text = "From Ana's desk"
	ana.edit(func(w *journey.Workspace) (journey.Edit, error) { return journey.Put(w, j.ID, c, -1) })
	ana.sync()
	ben.sync()
	if len(told) != 1 || told[0].Kind != document.Received || !told[0].Touches(journey.RefCard, j.ID, c.ID) {
		t.Fatalf("the document told %+v; want one change received, of the card", told)
	}
	cs := doc.Workspace().Journey(j.ID).Cards
	if cs[journey.Index(cs, c.ID)].Text != "From Ana's desk" {
		t.Error("the document's workspace does not read Ana's change")
	}
	if after, _ := doc.CanUndo(); after != undo {
		t.Errorf("the edit to undo is %q, was %q: another desk's change is not this desk's to undo", after, undo)
	}
}

// TestAReplaceOnASharedStoreReachesEveryDesk: importing a file with -replace (or restoring a
// backup) on a shared store keeps it shared, and the other desks come to hold the file's
// workspace, records it lacks deleted there too.
func TestAReplaceOnASharedStoreReachesEveryDesk(t *testing.T) {
	desks := sharedDesks(t, 1)
	ana, ben := desks[0], desks[1]
	w := ana.workspace()
	gone := w.Journeys[1].ID
	w.Journeys = w.Journeys[:1]
	w.Name = "Replaced from a file"
	dir := ana.store.Dir()
	ana.e.Close()
	ana.store.Close()
	if _, err := transfer.Import(dir, w, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	s, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ana.store = s
	if _, shared, _ := s.Sharing(); !shared {
		t.Fatal("the store no longer follows the shared workspace after the replace")
	}
	ana.connect()
	ana.sync()
	ben.sync()
	got := ben.workspace()
	if got.Name != "Replaced from a file" || got.Journey(gone) != nil {
		t.Errorf("Ben's desk holds %q with %d journeys; want the file's workspace", got.Name, len(got.Journeys))
	}
	sameEverywhere(t, desks)
}

// TestUndoMeetsAnotherDesksChange: undoing an edit of a card another desk has changed since
// takes back this desk's change only, keeping the other's; where the other desk changed the
// same field, the undo is refused, naming who changed it.
func TestUndoMeetsAnotherDesksChange(t *testing.T) {
	desks := sharedDesks(t, 1)
	ana, ben := desks[0], desks[1]
	doc, err := document.New(ana.store)
	if err != nil {
		t.Fatal(err)
	}
	ana.e.Close()
	if ana.e, err = Connect(context.Background(), ana.store, doc.Receive); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ana.e.Close)
	j := doc.Workspace().Journeys[0]
	c := j.Cards[0]
	setOn := func(w *journey.Workspace, f func(*journey.Card)) journey.Edit {
		cs := w.Journey(j.ID).Cards
		card := cs[journey.Index(cs, c.ID)]
		f(&card)
		e, err := journey.Put(w, j.ID, card, -1)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	cardOn := func(w *journey.Workspace) journey.Card {
		cs := w.Journey(j.ID).Cards
		return cs[journey.Index(cs, c.ID)]
	}

	if err := doc.Do(setOn(doc.Workspace(), func(c *journey.Card) { c.Text = "Ana's text" })); err != nil {
		t.Fatal(err)
	}
	ana.sync()
	ben.sync()
	ben.edit(func(w *journey.Workspace) (journey.Edit, error) {
		return setOn(w, func(c *journey.Card) { c.Color = "red" }), nil
	})
	ben.sync()
	ana.sync()
	if _, err := doc.Undo(); err != nil {
		t.Fatalf("undo after Ben's change of another field: %v", err)
	}
	if got := cardOn(doc.Workspace()); got.Text != c.Text || got.Color != "red" {
		t.Fatalf("after the undo: %+v; want the text as it was and Ben's colour", got)
	}
	ana.sync()
	ben.sync()
	sameEverywhere(t, desks)

	if err := doc.Do(setOn(doc.Workspace(), func(c *journey.Card) { c.Text = "Ana again" })); err != nil {
		t.Fatal(err)
	}
	ana.sync()
	ben.sync()
	ben.edit(func(w *journey.Workspace) (journey.Edit, error) {
		return setOn(w, func(c *journey.Card) { c.Text = "Ben's text" }), nil
	})
	ben.sync()
	ana.sync()
	_, err = doc.Undo()
	if err == nil || !strings.Contains(err.Error(), "Ben Okafor changed it since") {
		t.Fatalf("undo of a text Ben changed since: %v; want it refused, naming Ben", err)
	}
	if got := cardOn(doc.Workspace()); got.Text != "Ben's text" {
		t.Errorf("the refused undo left %q", got.Text)
	}
}

// TestAViewerFollowsButCantChange: a login the server lets read the bucket but not publish to
// it joins view only: it takes the workspace and its changes in, and every edit on its desk
// is refused, saying so, with nothing queued that could never be sent.
func TestAViewerFollowsButCantChange(t *testing.T) {
	dir := t.TempDir()
	pw := func(name, secret string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(secret+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ns := natstest.Start(t,
		&server.User{Username: "ana", Password: "editor-secret"},
		&server.User{Username: "ben", Password: "editor-secret", Permissions: documented("returns", true)},
		&server.User{Username: "vic", Password: "viewer-secret", Permissions: documented("returns", false)})
	ctx := context.Background()
	ana := &desk{t: t, store: openStore(t)}
	if err := ana.store.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	if err := Share(ctx, ana.store, storage.Share{Server: ns.ClientURL(), Bucket: "returns", User: "ana", PasswordFile: pw("ana", "editor-secret")}); err != nil {
		t.Fatal(err)
	}
	ana.connect()
	ana.sync()

	ben := &desk{t: t, store: openStore(t)}
	if err := Join(ctx, ben.store, storage.Share{Server: ns.ClientURL(), Bucket: "returns", User: "ben", PasswordFile: pw("ben", "editor-secret")}); err != nil {
		t.Fatal(err)
	}
	if sh, _, _ := ben.store.Sharing(); sh.ViewOnly {
		t.Fatal("an editor with the README's permissions joined view only")
	}
	ben.connect()
	ben.sync()
	ben.edit(func(w *journey.Workspace) (journey.Edit, error) {
		return journey.RenameWorkspace{Before: w.Name, After: "Named by Ben"}, nil
	})
	ben.sync()
	ana.sync()
	if got := ana.workspace().Name; got != "Named by Ben" {
		t.Fatalf("an editor with the README's permissions: Ana's desk reads %q", got)
	}

	vic := &desk{t: t, store: openStore(t)}
	if err := Join(ctx, vic.store, storage.Share{Server: ns.ClientURL(), Bucket: "returns", User: "vic", PasswordFile: pw("vic", "viewer-secret")}); err != nil {
		t.Fatal(err)
	}
	if sh, _, _ := vic.store.Sharing(); !sh.ViewOnly {
		t.Fatal("the viewer joined as an editor")
	}
	vic.connect()
	vic.sync()
	sameEverywhere(t, []*desk{ana, ben, vic})

	w := vic.workspace()
	e, err := journey.Put(w, "", journey.Member{ID: "m-vic", Name: "Vic", Capacity: 2}, -1)
	if err == nil {
		err = e.Apply(w)
	}
	if err == nil {
		err = vic.store.Commit(w, e.Touches(), storage.HistoryStep{})
	}
	if !errors.Is(err, storage.ErrViewOnly) {
		t.Fatalf("an edit on the viewer's desk: %v; want it refused as view only", err)
	}
	if waiting, _, _ := vic.store.ShareState(); waiting != 0 {
		t.Errorf("%d changes wait on the viewer's desk", waiting)
	}

	ana.edit(func(w *journey.Workspace) (journey.Edit, error) {
		return journey.RenameWorkspace{Before: w.Name, After: "Seen by Vic"}, nil
	})
	ana.sync()
	vic.sync()
	if got := vic.workspace().Name; got != "Seen by Vic" {
		t.Errorf("the viewer's desk reads %q", got)
	}
}

// documented is the permissions the README gives an editor (write) or a viewer of a bucket.
func documented(bucket string, write bool) *server.Permissions {
	pub := []string{"$JS.API.INFO", "$JS.API.STREAM.INFO.KV_" + bucket, "$JS.API.DIRECT.GET.KV_" + bucket + ".>",
		"$JS.API.CONSUMER.CREATE.KV_" + bucket + ".>", "$JS.API.CONSUMER.DELETE.KV_" + bucket + ".>", "$JS.FC.KV_" + bucket + ".>"}
	if write {
		pub = append(pub, "$KV."+bucket+".>")
	}
	return &server.Permissions{Publish: &server.SubjectPermission{Allow: pub}, Subscribe: &server.SubjectPermission{Allow: []string{"_INBOX.>"}}}
}

// TestABadValueFromTheNetworkIsSetAside: a value a buggy or hostile client put into the bucket
// is set aside and named, and a good change sent after it is still taken in.
func TestABadValueFromTheNetworkIsSetAside(t *testing.T) {
	desks := sharedDesks(t, 1)
	ana, ben := desks[0], desks[1]
	j := ana.workspace().Journeys[0]
	key, _ := storage.WireKey(journey.Ref{Kind: journey.RefCard, Journey: j.ID, ID: j.Cards[0].ID})
	if _, err := ana.e.kv.Put(context.Background(), key, []byte(`{"record":{"schema":99,"id":"x"}}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := ana.e.kv.Put(context.Background(), "j.nope.widget.x", []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	ana.edit(func(w *journey.Workspace) (journey.Edit, error) {
		return journey.RenameWorkspace{Before: w.Name, After: "After the bad values"}, nil
	})
	ana.sync()
	before := ben.workspace().Journey(j.ID).Cards[0]
	ben.sync()
	aside, err := ben.store.SetAside()
	if err != nil || len(aside) != 2 || !strings.Contains(strings.Join(aside, "\n"), key) || !strings.Contains(strings.Join(aside, "\n"), "newer Journeymap") {
		t.Fatalf("set aside: %q, %v; want the card's bad value, named as a newer Journeymap's, and the key naming nothing", aside, err)
	}
	got := ben.workspace()
	if got.Name != "After the bad values" || got.Journey(j.ID).Cards[0] != before {
		t.Errorf("after the bad values: %q, the card %+v; want the good change taken and the card as it was", got.Name, got.Journey(j.ID).Cards[0])
	}
}

// TestABucketStartedAnewIsFilledAgain: a server that lost its data (its bucket made anew,
// empty) gets the workspace back from the desks, each desk's unsent change with it, and the
// desks converge again.
func TestABucketStartedAnewIsFilledAgain(t *testing.T) {
	desks := sharedDesks(t, 1)
	ana, ben := desks[0], desks[1]
	ctx := context.Background()
	js, err := jetstream.New(ana.e.nc)
	if err != nil {
		t.Fatal(err)
	}
	if err := js.DeleteKeyValue(ctx, "returns"); err != nil {
		t.Fatal(err)
	}
	if _, err := js.CreateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: "returns", History: History}); err != nil {
		t.Fatal(err)
	}
	ben.edit(func(w *journey.Workspace) (journey.Edit, error) {
		return journey.RenameWorkspace{Before: w.Name, After: "Kept through the loss"}, nil
	})
	for _, d := range desks {
		d.restart() // a new connection to the new bucket
	}
	ana.edit(func(w *journey.Workspace) (journey.Edit, error) {
		j := w.Journeys[0]
		return journey.Put(w, j.ID, journey.Card{ID: "c-after", Stage: j.Stages[0].ID, Lane: j.Lanes[0].ID, Text: "After the loss"}, -1)
	})
	for range 3 {
		ana.sync()
		ben.sync()
	}
	sameEverywhere(t, desks)
	w := ana.workspace()
	if w.Name != "Kept through the loss" || journey.Index(w.Journeys[0].Cards, "c-after") < 0 {
		t.Errorf("after the bucket was made anew: %q, the card typed after it there %v", w.Name, journey.Index(w.Journeys[0].Cards, "c-after") >= 0)
	}
}
