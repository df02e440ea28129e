package interchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"journeymap/journey"
)

type fileOut struct {
	Format   string            `json:"format"`
	Version  int               `json:"version"`
	Name     string            `json:"name"`
	Members  []journey.Member  `json:"members"`
	Pulses   []journey.Pulse   `json:"pulses"`
	Journeys []journey.Journey `json:"journeys"`
}

// indentUpTo is the size up to which Marshal indents; a bigger workspace is written compact,
// as a program wrote it, and a person would not read it anyway.
var indentUpTo = 64 << 20

// Marshal returns the workspace file for w: two-space indented, fields in a fixed order and
// lists as stored, so that writing what was read gives the same bytes. A workspace whose
// file would be over MaxFileBytes is refused with ErrTooLarge: Read could not read it back.
func Marshal(w *journey.Workspace) ([]byte, error) {
	out := fileOut{Format: Format, Version: Version, Name: w.Name,
		Members: nonNil(w.Members), Pulses: nonNil(w.Pulses), Journeys: make([]journey.Journey, len(w.Journeys))}
	for i, j := range w.Journeys {
		j.Stages, j.Lanes, j.Cards = nonNil(j.Stages), nonNil(j.Lanes), nonNil(j.Cards)
		j.Emotions, j.PainPoints = nonNil(j.Emotions), nonNil(j.PainPoints)
		out.Journeys[i] = j
	}
	b, err := encodeFile(out, "  ")
	if err == nil && len(b) > indentUpTo {
		b, err = encodeFile(out, "")
	}
	if err == nil && len(b) > MaxFileBytes {
		return nil, fmt.Errorf("the workspace file would be %d MiB: %w", len(b)>>20, ErrTooLarge)
	}
	return b, err
}

func encodeFile(out fileOut, indent string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("encoding the workspace: %w", err)
	}
	return b.Bytes(), nil
}

// Write writes the workspace file for w.
func Write(dst io.Writer, w *journey.Workspace) error {
	b, err := Marshal(w)
	if err != nil {
		return err
	}
	_, err = dst.Write(b)
	return err
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
