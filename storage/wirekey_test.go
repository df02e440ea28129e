package storage

import (
	"regexp"
	"strings"
	"testing"

	"journeymap/journey"
)

// natsKey is what a NATS Key-Value key may hold: these bytes, in parts no dot leaves empty.
var natsKey = regexp.MustCompile(`^[-/_=a-zA-Z0-9]+(\.[-/_=a-zA-Z0-9]+)*$`)

func TestWireKeys(t *testing.T) {
	tests := []struct {
		ref  journey.Ref
		want string
	}{
		{journey.Ref{Kind: journey.RefWorkspace}, "ws"},
		{journey.Ref{Kind: journey.RefMember, ID: "m-ana"}, "m.m-ana"},
		{journey.Ref{Kind: journey.RefPulse, ID: "pulse-0a1b"}, "pulse.pulse-0a1b"},
		{journey.Ref{Kind: journey.RefJourney, ID: "j-returns"}, "j.j-returns"},
		{journey.Ref{Kind: journey.RefCard, Journey: "j-1", ID: "c-9"}, "j.j-1.card.c-9"},
		{journey.Ref{Kind: journey.RefPainPoint, Journey: "j-1", ID: "p.2"}, "j.j-1.pain._cC4y"},
		{journey.Ref{Kind: journey.RefCard, Journey: "j/1", ID: ""}, "j._ai8x.card._"},
		{journey.Ref{Kind: journey.RefMember, ID: "-x"}, "m._LXg"},
		{journey.Ref{Kind: journey.RefMember, ID: "Ana Ruiz ñ"}, "m._QW5hIFJ1aXogw7E"},
	}
	for _, tt := range tests {
		got, err := WireKey(tt.ref)
		if err != nil || got != tt.want {
			t.Errorf("WireKey(%+v): got %q, %v; want %q", tt.ref, got, err, tt.want)
			continue
		}
		if back, err := ParseWireKey(got); err != nil || back != tt.ref {
			t.Errorf("ParseWireKey(%q): got %+v, %v; want %+v", got, back, err, tt.ref)
		}
	}
	for _, bad := range []string{"", "ws.x", "m", "m.", "m._!!", "m._YWI" /* "ab", plain, written long */, "j.a.note.b", "x.y", "j.a.card"} {
		if r, err := ParseWireKey(bad); err == nil {
			t.Errorf("ParseWireKey(%q) = %+v; want it refused", bad, r)
		}
	}
}

// FuzzWireKey: every id has a key NATS takes, that names it and nothing else; every key that
// parses is the one key of what it names.
func FuzzWireKey(f *testing.F) {
	f.Add("card", "j-1", "c-1")
	f.Add("painPoint", "j/ä", "_x")
	f.Add("member", "", "a.b")
	kinds := []journey.RefKind{journey.RefMember, journey.RefPulse, journey.RefJourney, journey.RefCard, journey.RefPainPoint}
	f.Fuzz(func(t *testing.T, kind, journeyID, id string) {
		for _, k := range kinds {
			r := journey.Ref{Kind: k, ID: id}
			if k == journey.RefCard || k == journey.RefPainPoint {
				r.Journey = journeyID
			}
			key, err := WireKey(r)
			if err != nil {
				t.Fatal(err)
			}
			if !natsKey.MatchString(key) {
				t.Fatalf("%+v: %q is no NATS key", r, key)
			}
			if back, err := ParseWireKey(key); err != nil || back != r {
				t.Fatalf("%+v: %q parses as %+v, %v", r, key, back, err)
			}
		}
		key := strings.Join([]string{kind, journeyID, id}, ".")
		if r, err := ParseWireKey(key); err == nil {
			if again, _ := WireKey(r); again != key {
				t.Fatalf("%q names %+v, whose key is %q: two keys for one record", key, r, again)
			}
		}
	})
}

// TestRecordKeys: the key of every kind of record names that record again.
func TestRecordKeys(t *testing.T) {
	for _, r := range []journey.Ref{{Kind: journey.RefWorkspace}, {Kind: journey.RefMember, ID: "m/1"}, {Kind: journey.RefPulse, ID: "p"},
		{Kind: journey.RefJourney, ID: "j 1"}, {Kind: journey.RefCard, Journey: "j", ID: "c/1"}, {Kind: journey.RefPainPoint, Journey: "j%", ID: "p"}} {
		k, err := recordKey(r)
		if err != nil {
			t.Fatal(err)
		}
		if back, ok := refOf(k); !ok || back != r {
			t.Errorf("%+v: key %q names %+v (%v)", r, k, back, ok)
		}
	}
	for _, k := range []string{"meta/schema", "hist/u/0000000000000001", "j/a/card", "j/a/x/b", "sync/out/ws"} {
		if r, ok := refOf([]byte(k)); ok {
			t.Errorf("%q names %+v; want no record", k, r)
		}
	}
}
