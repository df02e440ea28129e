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
)

func esc(id string) string { return url.PathEscape(id) }

func memberKey(id string) []byte { return []byte(prefixMember + esc(id)) }

// pulseKey pads the sequence number so that keys sort in the order pulses were entered.
func pulseKey(seq int) []byte { return fmt.Appendf(nil, "%s%08d", prefixPulse, seq) }

func journeyKey(id string) []byte { return []byte(prefixJourney + esc(id)) }

// journeyChildren is the prefix of every card and pain point of a journey; the trailing "/"
// keeps journey "a" from matching the records of journey "ab".
func journeyChildren(id string) []byte { return []byte(prefixJourney + esc(id) + "/") }

func cardPrefix(journey string) []byte { return []byte(prefixJourney + esc(journey) + "/card/") }

func cardKey(journey, id string) []byte { return append(cardPrefix(journey), esc(id)...) }

func painPrefix(journey string) []byte { return []byte(prefixJourney + esc(journey) + "/pain/") }

func painKey(journey, id string) []byte { return append(painPrefix(journey), esc(id)...) }
