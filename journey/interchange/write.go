package interchange

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

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

// CSVHeader is the first row of the pain-point CSV.
var CSVHeader = []string{"journey", "stage", "title", "discovery", "source_or_method", "found_by",
	"severity", "effort", "owner", "status", "action", "due", "done_when"}

// WriteCSV writes every pain point of every journey as one RFC 4180 row, naming journeys,
// stages and members by their names rather than ids.
func WriteCSV(dst io.Writer, w *journey.Workspace) error {
	cw := csv.NewWriter(dst)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	// Looked up by maps: one scan of the members per pain point would make a task force of
	// 100k members take minutes.
	names := make(map[string]string, len(w.Members))
	for _, m := range w.Members {
		names[m.ID] = m.Name
	}
	name := func(id string) string { return names[id] }
	for _, j := range w.Journeys {
		stages := make(map[string]string, len(j.Stages))
		for _, s := range j.Stages {
			stages[s.ID] = s.Name
		}
		for _, p := range j.PainPoints {
			how := string(p.Source)
			if p.Discovery == journey.Unknown {
				how = string(p.Method)
			}
			row := []string{j.Title, stages[p.Stage], p.Title, string(p.Discovery), how, name(p.FoundBy),
				strconv.Itoa(p.Severity), strconv.Itoa(p.Effort), name(p.Owner), string(p.Status),
				p.Action.Text, p.Action.Due, p.Action.DoneWhen}
			for i := range row {
				row[i] = defuse(row[i])
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// defuse keeps a spreadsheet from running a cell as a formula: text that opens with one of
// the formula characters gets a leading apostrophe, which spreadsheets show as plain text.
func defuse(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
