package storage

import (
	"encoding/base64"
	"errors"
	"fmt"
	"journeymap/journey"
	"net/url"
	"strings"
)

// Every key is built here. Ids are path-escaped so that an id holding "/" can't reach into
// another record's key space.

const (
	keySchema     = "meta/schema"
	keyIncomplete = "meta/incomplete" // set while a write too big for one transaction runs
	keyWorkspace  = "ws"
	prefixMember  = "m/"
	prefixPulse   = "pulse/"
	prefixJourney = "j/"
	prefixUndo    = "hist/u/"
	prefixRedo    = "hist/r/"
)

func esc(id string) string { return url.PathEscape(id) }

func memberKey(id string) []byte { return []byte(prefixMember + esc(id)) }

// pulseKey keys a pulse by its random id, so that the order pulses are stored in tells
// nothing of who answered first.
func pulseKey(id string) []byte { return []byte(prefixPulse + esc(id)) }

func journeyKey(id string) []byte { return []byte(prefixJourney + esc(id)) }

// journeyChildren is the prefix of every card and pain point of a journey; the trailing "/"
// keeps journey "a" from matching the records of journey "ab".
func journeyChildren(id string) []byte { return []byte(prefixJourney + esc(id) + "/") }

func cardPrefix(journey string) []byte { return []byte(prefixJourney + esc(journey) + "/card/") }

func cardKey(journey, id string) []byte { return append(cardPrefix(journey), esc(id)...) }

func painPrefix(journey string) []byte { return []byte(prefixJourney + esc(journey) + "/pain/") }

func painKey(journey, id string) []byte { return append(painPrefix(journey), esc(id)...) }

// undoKey and redoKey keep history entries in the order they were made: the sequence number
// in fixed-width hex sorts as the number does.
func undoKey(seq uint64) []byte { return fmt.Appendf(nil, "%s%016x", prefixUndo, seq) }

func redoKey(seq uint64) []byte { return fmt.Appendf(nil, "%s%016x", prefixRedo, seq) }

// recordKey is the key of the record r names.
func recordKey(r journey.Ref) ([]byte, error) {
	switch r.Kind {
	case journey.RefWorkspace:
		return []byte(keyWorkspace), nil
	case journey.RefMember:
		return memberKey(r.ID), nil
	case journey.RefPulse:
		return pulseKey(r.ID), nil
	case journey.RefJourney:
		return journeyKey(r.ID), nil
	case journey.RefCard:
		return cardKey(r.Journey, r.ID), nil
	case journey.RefPainPoint:
		return painKey(r.Journey, r.ID), nil
	}
	return nil, fmt.Errorf("a %q record: unknown kind", r.Kind)
}

// refOf is the record a key holds; ok is false for a key that holds none (the schema, the
// undo history, what sharing keeps).
func refOf(key []byte) (r journey.Ref, ok bool) {
	parts := strings.Split(string(key), "/")
	id := func(s string) (string, bool) {
		v, err := url.PathUnescape(s)
		return v, err == nil && esc(v) == s
	}
	var good bool
	switch {
	case len(parts) == 1 && parts[0] == keyWorkspace:
		return journey.Ref{Kind: journey.RefWorkspace}, true
	case len(parts) == 2 && parts[0]+"/" == prefixMember:
		r.Kind = journey.RefMember
		r.ID, good = id(parts[1])
	case len(parts) == 2 && parts[0]+"/" == prefixPulse:
		r.Kind = journey.RefPulse
		r.ID, good = id(parts[1])
	case len(parts) == 2 && parts[0]+"/" == prefixJourney:
		r.Kind = journey.RefJourney
		r.ID, good = id(parts[1])
	case len(parts) == 4 && parts[0]+"/" == prefixJourney && (parts[2] == "card" || parts[2] == "pain"):
		r.Kind = journey.RefCard
		if parts[2] == "pain" {
			r.Kind = journey.RefPainPoint
		}
		var jok bool
		r.Journey, jok = id(parts[1])
		r.ID, good = id(parts[3])
		good = good && jok
	}
	return r, good
}

// A shared workspace's bucket holds one key per record, its parts joined by dots, which NATS
// keys take ([-/_=.a-zA-Z0-9], no empty part): "ws", "m.<id>", "pulse.<id>", "j.<id>",
// "j.<id>.card.<id>", "j.<id>.pain.<id>". An id made of letters, digits and dashes only, not
// starting with a dash, stands as it is; any other id (and the empty one) is "_" and its
// bytes in unpadded URL-safe base64, so that every id has a key and no two ids share one.

// WireKey is the key of the record r names in a shared workspace's bucket.
func WireKey(r journey.Ref) (string, error) {
	switch r.Kind {
	case journey.RefWorkspace:
		return "ws", nil
	case journey.RefMember:
		return "m." + wireID(r.ID), nil
	case journey.RefPulse:
		return "pulse." + wireID(r.ID), nil
	case journey.RefJourney:
		return "j." + wireID(r.ID), nil
	case journey.RefCard:
		return "j." + wireID(r.Journey) + ".card." + wireID(r.ID), nil
	case journey.RefPainPoint:
		return "j." + wireID(r.Journey) + ".pain." + wireID(r.ID), nil
	}
	return "", fmt.Errorf("a %q record: unknown kind", r.Kind)
}

// ParseWireKey is the record a bucket's key names, or an error naming a key that names none.
func ParseWireKey(key string) (journey.Ref, error) {
	parts := strings.Split(key, ".")
	bad := fmt.Errorf("%w: %q names no record of a workspace", ErrNotAWireKey, key)
	ids := make([]string, len(parts))
	for i, p := range parts {
		var ok bool
		if ids[i], ok = unwireID(p); !ok && i%2 == 1 {
			return journey.Ref{}, bad
		}
	}
	switch {
	case len(parts) == 1 && parts[0] == "ws":
		return journey.Ref{Kind: journey.RefWorkspace}, nil
	case len(parts) == 2 && parts[0] == "m":
		return journey.Ref{Kind: journey.RefMember, ID: ids[1]}, nil
	case len(parts) == 2 && parts[0] == "pulse":
		return journey.Ref{Kind: journey.RefPulse, ID: ids[1]}, nil
	case len(parts) == 2 && parts[0] == "j":
		return journey.Ref{Kind: journey.RefJourney, ID: ids[1]}, nil
	case len(parts) == 4 && parts[0] == "j" && parts[2] == "card":
		return journey.Ref{Kind: journey.RefCard, Journey: ids[1], ID: ids[3]}, nil
	case len(parts) == 4 && parts[0] == "j" && parts[2] == "pain":
		return journey.Ref{Kind: journey.RefPainPoint, Journey: ids[1], ID: ids[3]}, nil
	}
	return journey.Ref{}, bad
}

// ErrNotAWireKey is returned for a bucket's key that names no record of a workspace.
var ErrNotAWireKey = errors.New("not a workspace's key")

func wireID(id string) string {
	if plainID(id) {
		return id
	}
	return "_" + base64.RawURLEncoding.EncodeToString([]byte(id))
}

func unwireID(s string) (string, bool) {
	if plainID(s) {
		return s, true
	}
	if !strings.HasPrefix(s, "_") {
		return "", false
	}
	b, err := base64.RawURLEncoding.DecodeString(s[1:])
	// Only the encoding wireID writes: a plain id written the long way would be a second key
	// for the same record.
	if err != nil || plainID(string(b)) || base64.RawURLEncoding.EncodeToString(b) != s[1:] {
		return "", false
	}
	return string(b), true
}

func plainID(id string) bool {
	if id == "" || id[0] == '-' {
		return false
	}
	for _, c := range []byte(id) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// What a shared store keeps of the sharing lives under meta/share/, out of the workspace's
// key space: Replace and a restore leave it, and no backup or export holds it.
const (
	keyShare       = "meta/share/config"
	keyShareLast   = "meta/share/last"
	prefixShare    = "meta/share/"
	prefixOutbox   = "meta/share/out/"
	prefixSeen     = "meta/share/seen/"
	prefixConflict = "meta/share/conflict/"
	prefixSetAside = "meta/share/aside/"
	// keyUnrepaired lists what changes taken in touched since the store last caught up with
	// the bucket, to check then for what they point at (see repair).
	keyUnrepaired = "meta/share/unrepaired"
)

// outboxKey marks the record at key as changed here and not yet sent.
func outboxKey(key []byte) []byte { return append([]byte(prefixOutbox), key...) }

// seenKey holds the last version of the record at key that this store and the bucket agreed
// on, with its revision.
func seenKey(key []byte) []byte { return append([]byte(prefixSeen), key...) }

// conflictKey holds the fields of the record at key in conflict.
func conflictKey(key []byte) []byte { return append([]byte(prefixConflict), key...) }

// setAsideKey holds a value of the bucket that could not be taken, under its key there.
func setAsideKey(wireKey string) []byte { return []byte(prefixSetAside + wireKey) }
