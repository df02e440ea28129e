package journey

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of the workspace file.
const (
	MaxIDBytes   = 64
	MaxNameRunes = 200
	MaxTextRunes = 4000
)

// ErrInvalid is what every ValidationError matches with errors.Is.
var ErrInvalid = errors.New("invalid workspace")

// ValidationError names the first rule a workspace breaks, by the JSON path of the field.
type ValidationError struct {
	Path string // e.g. journeys[0].painPoints[3].severity
	Msg  string
}

func (e *ValidationError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// Is makes errors.Is(err, ErrInvalid) true for every validation error.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// validator keeps the first problem found; later checks are no-ops once it is set,
// so rules read as a flat list instead of a ladder of ifs.
type validator struct{ err *ValidationError }

func (v *validator) fail(path, format string, args ...any) {
	if v.err == nil {
		v.err = &ValidationError{Path: path, Msg: fmt.Sprintf(format, args...)}
	}
}

// at checks one item of a list, first with no path and again with its path only when the
// check finds a problem: a path is built for the item that needs one, not for each of 20,000
// (building them was most of the time an import spent validating). A check says the same
// with any path, and "" joined to a field's name costs nothing.
func (v *validator) at(check func(path string), format string, args ...any) {
	if v.err != nil {
		return
	}
	check("")
	if v.err != nil {
		v.err = nil
		check(fmt.Sprintf(format, args...))
	}
}

func (v *validator) name(path, s string) {
	v.utf8(path, s)
	if n := utf8.RuneCountInString(s); n < 1 || n > MaxNameRunes {
		v.fail(path, "must be 1..%d characters, got %d", MaxNameRunes, n)
	}
}

func (v *validator) text(path, s string) {
	v.utf8(path, s)
	if n := utf8.RuneCountInString(s); n > MaxTextRunes {
		v.fail(path, "must be at most %d characters, got %d", MaxTextRunes, n)
	}
}

// utf8 refuses bytes that are no text: JSON can't carry them, nor a CSV read back.
func (v *validator) utf8(path, s string) {
	if !utf8.ValidString(s) {
		v.fail(path, "is not UTF-8 text: %q", clip(s))
	}
}

func (v *validator) between(path string, n, lo, hi int) {
	if n < lo || n > hi {
		v.fail(path, "must be %d..%d, got %d", lo, hi, n)
	}
}

func (v *validator) date(path, s string, optional bool) {
	if s == "" && optional {
		return
	}
	if !isDate(s) {
		v.fail(path, "must be a date YYYY-MM-DD, got %q", clip(s))
	}
}

// isDate reports whether s is a date written YYYY-MM-DD.
func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil && len(s) == len(time.DateOnly)
}

// ids checks that every id of a list is present, short and unique, and returns them as a set.
func (v *validator) ids(path string, n int, id func(int) string) map[string]bool {
	seen := make(map[string]bool, n)
	for i := range n {
		s := id(i)
		twice := seen[s]
		v.at(func(p string) {
			v.id(p, s)
			if twice {
				v.fail(p, "%q is used twice", clip(s))
			}
		}, "%s[%d].id", path, i)
		seen[s] = true
	}
	return seen
}

// ref checks that id names something that exists; exists is a set lookup when a whole
// workspace is checked and a short search when one item of an edit is.
func (v *validator) ref(path, id string, exists func(string) bool, what string, optional bool) {
	if id == "" && optional {
		return
	}
	if !exists(id) {
		v.fail(path, "names no %s: %q", what, clip(id))
	}
}

// id checks one id's form; uniqueness is the list's business.
func (v *validator) id(path, s string) {
	switch {
	case s == "":
		v.fail(path, "must not be empty")
	case len(s) > MaxIDBytes:
		v.fail(path, "must be at most %d bytes, got %d", MaxIDBytes, len(s))
	}
}

func oneOf[T comparable](v *validator, path string, got T, allowed []T) {
	if !slices.Contains(allowed, got) {
		v.fail(path, "must be one of %v, got %s", allowed, clip(fmt.Sprintf("%#v", got)))
	}
}

// clip keeps hostile values from flooding a one-line message.
func clip(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max]) + "…"
}

// Validate checks every rule of the workspace file and returns the first problem as a
// *ValidationError, or nil.
func Validate(w *Workspace) error {
	v := &validator{}
	v.name("name", w.Name)
	members := v.ids("members", len(w.Members), func(i int) string { return w.Members[i].ID })
	for i := range w.Members {
		v.at(func(p string) { v.member(p, &w.Members[i]) }, "members[%d]", i)
	}
	pulses := map[string]bool{}
	for i := range w.Pulses {
		p := fmt.Sprintf("pulses[%d]", i)
		// A file may leave pulse ids out (the store assigns them); those it gives are unique.
		if id := w.Pulses[i].ID; id != "" {
			if pulses[id] {
				v.fail(p+".id", "%q is used twice", clip(id))
			}
			pulses[id] = true
		}
		v.pulse(p, &w.Pulses[i], true)
	}
	v.ids("journeys", len(w.Journeys), func(i int) string { return w.Journeys[i].ID })
	for i := range w.Journeys {
		v.journey(fmt.Sprintf("journeys[%d]", i), &w.Journeys[i], inSet(members))
	}
	return v.result()
}

func (v *validator) result() error {
	if v.err == nil {
		return nil
	}
	return v.err
}

func inSet(set map[string]bool) func(string) bool { return func(id string) bool { return set[id] } }

func (v *validator) member(p string, m *Member) {
	v.name(p+".name", m.Name)
	if n := utf8.RuneCountInString(m.Department); n > MaxNameRunes {
		v.fail(p+".department", "must be at most %d characters, got %d", MaxNameRunes, n)
	}
	if m.Capacity <= 0 {
		v.fail(p+".capacity", "must be more than 0, got %d", m.Capacity)
	}
}

func (v *validator) pulse(p string, pu *Pulse, idOptional bool) {
	if pu.ID != "" || !idOptional {
		v.id(p+".id", pu.ID)
	}
	v.date(p+".date", pu.Date, false)
	v.between(p+".risk", pu.Risk, 1, 5)
	v.between(p+".dialogue", pu.Dialogue, 1, 5)
	v.between(p+".help", pu.Help, 1, 5)
	v.between(p+".inclusion", pu.Inclusion, 1, 5)
}

// journey checks a whole journey; memberExists tells which owners and finders are known.
func (v *validator) journey(p string, j *Journey, memberExists func(string) bool) {
	v.journeyInfo(p, j.Info())
	stages := inSet(v.ids(p+".stages", len(j.Stages), func(i int) string { return j.Stages[i].ID }))
	for i := range j.Stages {
		v.at(func(p string) { v.stage(p, &j.Stages[i]) }, "%s.stages[%d]", p, i)
	}
	lanes := inSet(v.ids(p+".lanes", len(j.Lanes), func(i int) string { return j.Lanes[i].ID }))
	for i := range j.Lanes {
		v.at(func(p string) { v.lane(p, &j.Lanes[i]) }, "%s.lanes[%d]", p, i)
	}
	v.ids(p+".cards", len(j.Cards), func(i int) string { return j.Cards[i].ID })
	for i := range j.Cards {
		v.at(func(p string) { v.card(p, &j.Cards[i], lanes, stages) }, "%s.cards[%d]", p, i)
	}
	scored := make(map[string]bool, len(j.Emotions))
	for i := range j.Emotions {
		ep := fmt.Sprintf("%s.emotions[%d]", p, i)
		v.emotion(ep, &j.Emotions[i], stages)
		if s := j.Emotions[i].Stage; scored[s] {
			v.fail(ep+".stage", "stage %q has a score already", clip(s))
		}
		scored[j.Emotions[i].Stage] = true
	}
	v.ids(p+".painPoints", len(j.PainPoints), func(i int) string { return j.PainPoints[i].ID })
	if _, ok := j.PainLane(); !ok && len(j.PainPoints) > 0 {
		v.fail(p+".lanes", "has pain points but no lane of kind \"pain\" to put them in")
	}
	for i := range j.PainPoints {
		v.at(func(p string) { v.painPoint(p, &j.PainPoints[i], stages, memberExists) }, "%s.painPoints[%d]", p, i)
	}
}

func (v *validator) journeyInfo(p string, info JourneyInfo) {
	v.name(p+".title", info.Title)
	v.text(p+".persona", info.Persona)
	v.text(p+".vision", info.Vision)
}

func (v *validator) stage(p string, s *Stage) { v.name(p+".name", s.Name) }

func (v *validator) lane(p string, l *Lane) {
	oneOf(v, p+".kind", l.Kind, LaneKinds)
	v.name(p+".name", l.Name)
}

func (v *validator) card(p string, c *Card, lanes, stages func(string) bool) {
	v.ref(p+".lane", c.Lane, lanes, "lane", false)
	v.ref(p+".stage", c.Stage, stages, "stage", false)
	v.text(p+".text", c.Text)
	oneOf(v, p+".color", c.Color, CardColors)
}

func (v *validator) emotion(p string, e *Emotion, stages func(string) bool) {
	v.ref(p+".stage", e.Stage, stages, "stage", false)
	v.between(p+".score", e.Score, -2, 2)
}

func (v *validator) painPoint(p string, pp *PainPoint, stages, members func(string) bool) {
	v.ref(p+".stage", pp.Stage, stages, "stage", false)
	v.name(p+".title", pp.Title)
	v.text(p+".detail", pp.Detail)
	oneOf(v, p+".discovery", pp.Discovery, []Discovery{Known, Unknown})
	switch pp.Discovery {
	case Known:
		oneOf(v, p+".source", pp.Source, Sources)
		if pp.Method != "" {
			v.fail(p+".method", "must be \"\" for a known pain point, got %q", clip(string(pp.Method)))
		}
		v.ref(p+".foundBy", pp.FoundBy, members, "member", true)
	case Unknown:
		oneOf(v, p+".method", pp.Method, Methods)
		if pp.Source != "" {
			v.fail(p+".source", "must be \"\" for an unknown pain point, got %q", clip(string(pp.Source)))
		}
		if pp.FoundBy == "" {
			v.fail(p+".foundBy", "must name the member who found an unknown pain point")
		}
		v.ref(p+".foundBy", pp.FoundBy, members, "member", false)
	}
	v.date(p+".foundOn", pp.FoundOn, true)
	if pp.Reports < 0 {
		v.fail(p+".reports", "must be 0 or more, got %d", pp.Reports)
	}
	v.between(p+".severity", pp.Severity, 1, 5)
	oneOf(v, p+".effort", pp.Effort, Efforts)
	v.ref(p+".owner", pp.Owner, members, "member", true)
	oneOf(v, p+".status", pp.Status, Statuses)
	v.text(p+".action.text", pp.Action.Text)
	v.date(p+".action.due", pp.Action.Due, true)
	v.text(p+".action.doneWhen", pp.Action.DoneWhen)
	if ev := pp.Evidence; ev.Given() {
		v.text(p+".evidence.note", ev.Note)
		if strings.TrimSpace(ev.Note) == "" {
			v.fail(p+".evidence.note", "must say what customers showed")
		}
		v.date(p+".evidence.date", ev.Date, false)
		if ev.Reports.Set && ev.Reports.N < 0 {
			v.fail(p+".evidence.reports", "must be 0 or more, got %d", ev.Reports.N)
		}
	}
}

// becomingVerified fails a pain point that becomes verified without evidence. Files from
// before evidence was kept hold verified pain points without it, and still load, and such a
// pain point stays verified when edited otherwise (was says it already was).
func (v *validator) becomingVerified(p string, pp *PainPoint, was bool) {
	if pp.Status == StatusVerified && !pp.Evidence.Given() && !was {
		v.fail(p+".status", "verified needs customer evidence that the fix worked: what was observed, and the date")
	}
}

// PainPointCheck returns a check of one pain point as it would sit in journey j of w, by the
// rules Validate applies, with paths from the pain point ("severity"). The lookups are made
// once, so checking each of many pain points stays linear.
func PainPointCheck(w *Workspace, j *Journey) func(*PainPoint) error {
	members := make(map[string]bool, len(w.Members))
	for _, m := range w.Members {
		members[m.ID] = true
	}
	stages := make(map[string]bool, len(j.Stages))
	for _, s := range j.Stages {
		stages[s.ID] = true
	}
	verified := map[string]bool{}
	for _, p := range j.PainPoints {
		verified[p.ID] = p.Status == StatusVerified
	}
	return func(p *PainPoint) error {
		v := &validator{}
		v.id("id", p.ID)
		v.painPoint("", p, func(id string) bool { return stages[id] }, func(id string) bool { return members[id] })
		v.becomingVerified("", p, verified[p.ID])
		if v.err == nil {
			return nil
		}
		e := *v.err
		e.Path = strings.TrimPrefix(e.Path, ".")
		return &e
	}
}
