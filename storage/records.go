package storage

import (
	"bytes"
	"encoding/json"
	"fmt"

	"journeymap/journey"
)

// SchemaVersion is the shape of the records this build writes. Each record carries the
// version it was written with, and meta/schema the store's, so a newer store is refused
// rather than misread and an older one is migrated (migrate.go).
//
//	1: the first stores
//	2: pulses keyed by a random id instead of a sequence number; undo history records
const SchemaVersion = 2

type schemaRecord struct {
	Schema int `json:"schema"`
}

// workspaceRecord holds the workspace's own fields and the order of its members and
// journeys, which Badger's sorted keys can't keep.
type workspaceRecord struct {
	Schema   int      `json:"schema"`
	Name     string   `json:"name"`
	Members  []string `json:"members"`
	Journeys []string `json:"journeys"`
}

type memberRecord struct {
	Schema int `json:"schema"`
	journey.Member
}

type pulseRecord struct {
	Schema int `json:"schema"`
	journey.Pulse
}

// journeyRecord holds a journey's fields and small lists; cards and pain points have records
// of their own so that an edit of one writes one small value.
type journeyRecord struct {
	Schema     int               `json:"schema"`
	ID         string            `json:"id"`
	Title      string            `json:"title"`
	Persona    string            `json:"persona"`
	Vision     string            `json:"vision"`
	Stages     []journey.Stage   `json:"stages"`
	Lanes      []journey.Lane    `json:"lanes"`
	Emotions   []journey.Emotion `json:"emotions"`
	Cards      []string          `json:"cards"`
	PainPoints []string          `json:"painPoints"`
}

type cardRecord struct {
	Schema int `json:"schema"`
	journey.Card
}

type painRecord struct {
	Schema int `json:"schema"`
	journey.PainPoint
}

func newWorkspaceRecord(w *journey.Workspace) workspaceRecord {
	r := workspaceRecord{Schema: SchemaVersion, Name: w.Name,
		Members: make([]string, len(w.Members)), Journeys: make([]string, len(w.Journeys))}
	for i, m := range w.Members {
		r.Members[i] = m.ID
	}
	for i, j := range w.Journeys {
		r.Journeys[i] = j.ID
	}
	return r
}

func newJourneyRecord(j *journey.Journey) journeyRecord {
	r := journeyRecord{Schema: SchemaVersion, ID: j.ID, Title: j.Title, Persona: j.Persona, Vision: j.Vision,
		Stages: j.Stages, Lanes: j.Lanes, Emotions: j.Emotions,
		Cards: make([]string, len(j.Cards)), PainPoints: make([]string, len(j.PainPoints))}
	for i, c := range j.Cards {
		r.Cards[i] = c.ID
	}
	for i, p := range j.PainPoints {
		r.PainPoints[i] = p.ID
	}
	return r
}

func encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding a record: %w", err)
	}
	return b, nil
}

// decodeRecord decodes a value into v after checking the schema version it was written with.
func decodeRecord(key, value []byte, v any) error {
	s, ok := leadingSchema(value)
	if !ok {
		if err := json.Unmarshal(value, &s); err != nil {
			return fmt.Errorf("record %q is damaged: %w", key, err)
		}
	}
	if s.Schema > SchemaVersion {
		return fmt.Errorf("record %q has schema %d: %w", key, s.Schema, ErrNewerSchema)
	}
	if s.Schema < 1 {
		return fmt.Errorf("record %q has no schema version: %w", key, ErrDamaged)
	}
	if err := json.Unmarshal(value, v); err != nil {
		return fmt.Errorf("record %q is damaged: %w", key, err)
	}
	return nil
}

// leadingSchema reads the schema version from the start of a record as this package writes
// it, `{"schema":N,`, sparing a second decoding of every record on load; anything else is
// left to the full decoder.
func leadingSchema(value []byte) (schemaRecord, bool) {
	rest, ok := bytes.CutPrefix(value, []byte(`{"schema":`))
	if !ok {
		return schemaRecord{}, false
	}
	n := 0
	for i, c := range rest {
		switch {
		case c >= '0' && c <= '9' && i < 6:
			n = n*10 + int(c-'0')
		case (c == ',' || c == '}') && i > 0:
			return schemaRecord{Schema: n}, true
		default:
			return schemaRecord{}, false
		}
	}
	return schemaRecord{}, false
}

// historyRecord is one undo or redo entry. An edit too big to keep is stored as a barrier:
// nothing below it can be undone after a restart, since it would need the edit undone first.
type historyRecord struct {
	Schema  int             `json:"schema"`
	Seq     uint64          `json:"seq"`
	Scope   string          `json:"scope,omitempty"`
	Edit    json.RawMessage `json:"edit,omitempty"`
	Barrier bool            `json:"barrier,omitempty"`
}
