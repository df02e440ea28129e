package document

import (
	"fmt"
	"strings"

	"journeymap/journey"
	"journeymap/journey/interchange"
)

// PainPointsImported says what ImportPainPoints did.
type PainPointsImported struct {
	Journey              string // the journey's title
	Added, Changed, Same int
	Ignored              []string // columns of the file that are not read
}

// Summary is the one line a person is told after the import.
func (r PainPointsImported) Summary() string {
	var parts []string
	parts = append(parts, journey.Plural(r.Added, "pain point")+" added")
	if r.Changed > 0 {
		parts = append(parts, fmt.Sprintf("%d changed", r.Changed))
	}
	if r.Same > 0 {
		parts = append(parts, fmt.Sprintf("%d as they were", r.Same))
	}
	return fmt.Sprintf("%s in %q", strings.Join(parts, ", "), r.Journey)
}

// ImportPainPoints puts the pain points of the CSV file at path (interchange.ReadCSV) into
// the journey with the id journeyID: those it names by id are changed, the others added. It
// is one edit, which Undo takes back whole, made only when every row is good.
func (d *Document) ImportPainPoints(path, journeyID string) (PainPointsImported, error) {
	if d.ReadOnly {
		return PainPointsImported{}, ErrReadOnly
	}
	j := d.ws.Journey(journeyID)
	if j == nil {
		return PainPointsImported{}, fmt.Errorf("no journey with the id %q; the journeys are: %s", journey.Printable(journeyID), journey.JourneysSaid(d.ws))
	}
	defer heavy()()
	r := PainPointsImported{Journey: j.Title}
	imp, err := interchange.ReadCSVFile(path, d.ws, journeyID)
	if err != nil {
		return r, err
	}
	r.Ignored = imp.Ignored
	b, err := journey.PutAll(d.ws, journeyID, "Import pain points", imp.PainPoints)
	if err != nil {
		return r, err
	}
	changes := b.Size()
	done := r
	done.Added, done.Changed, done.Same = imp.New, changes-imp.New, len(imp.PainPoints)-changes
	// Neither the rows nor the batch is used after Do, which packs the undo entry of a big
	// import: the rows' memory is free for the commit.
	if len(b.Edits) > 0 {
		if err := d.Do(b); err != nil {
			return r, err
		}
	}
	return done, nil
}
