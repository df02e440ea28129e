package journey

import "time"

// NewPainPoint is a pain point typed into the map on the day given: known, of some other
// source, severity 3, effort 2, unowned and open, until its panel says more.
func NewPainPoint(stage, title string, today time.Time) PainPoint {
	return PainPoint{ID: NewID("p"), Stage: stage, Title: title, Discovery: Known, Source: SourceOther,
		Severity: 3, Effort: 2, Status: StatusOpen, FoundOn: today.Format(time.DateOnly)}
}

// PastedInto is the pain point as a copy of it pasted into stage of a journey of w: a new id,
// everything it says kept but the members w doesn't have. An owner who isn't there leaves it
// unowned; a finder who isn't there leaves no one to credit, so an unknown pain point becomes
// a known one of some other source.
func (p PainPoint) PastedInto(w *Workspace, stage string) PainPoint {
	p.ID, p.Stage = NewID("p"), stage
	if _, ok := w.Member(p.Owner); !ok {
		p.Owner = ""
	}
	if _, ok := w.Member(p.FoundBy); !ok {
		p.FoundBy = ""
		if p.Discovery == Unknown {
			p.Discovery, p.Method, p.Source = Known, "", SourceOther
		}
	}
	return p
}

// PastedInto is the card as a copy of it pasted into a cell: a new id, its text and tag kept.
func (c Card) PastedInto(stage, lane string) Card {
	c.ID, c.Stage, c.Lane = NewID("c"), stage, lane
	return c
}

// Discovered is the pain point switched to the discovery d, as a person switches it: the
// other kind's source or method starts empty, to be picked, never carried over from what it
// was; an unknown one's finder is, until picked, finder (whoever uses this desktop, or "").
// A finder already named keeps the credit.
func (p PainPoint) Discovered(d Discovery, finder string) PainPoint {
	if p.Discovery == d {
		return p
	}
	p.Discovery, p.Source, p.Method = d, "", ""
	if d == Unknown && p.FoundBy == "" {
		p.FoundBy = finder
	}
	return p
}
