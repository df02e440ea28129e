package storage

import (
	"fmt"
	"net/url"
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
