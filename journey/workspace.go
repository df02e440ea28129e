package journey

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Workspace is everything one store holds: the task force's members, its pulses and its journeys.
type Workspace struct {
	Name     string    `json:"name"`
	Members  []Member  `json:"members"`
	Pulses   []Pulse   `json:"pulses"`
	Journeys []Journey `json:"journeys"`
}

// Member is a person in the task force. Capacity is in effort points per cycle.
type Member struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Department string `json:"department"`
	Capacity   int    `json:"capacity"`
}

// Pulse is one anonymous entry of the team's psychological-safety pulse: four scores 1..5.
// It deliberately has no member field, so nothing stored can tie an entry to a person; its id
// is random, so neither it nor the order pulses are stored in tells who answered first.
type Pulse struct {
	ID        string `json:"id,omitempty"`
	Date      string `json:"date"`
	Risk      int    `json:"risk"`
	Dialogue  int    `json:"dialogue"`
	Help      int    `json:"help"`
	Inclusion int    `json:"inclusion"`
}

// Journey is one customer-journey map: stages as columns, lanes as rows, cards in cells,
// an emotion score per stage and the pain points found along the way.
type Journey struct {
	ID         string      `json:"id"`
	Title      string      `json:"title"`
	Persona    string      `json:"persona"`
	Vision     string      `json:"vision"`
	Stages     []Stage     `json:"stages"`
	Lanes      []Lane      `json:"lanes"`
	Cards      []Card      `json:"cards"`
	Emotions   []Emotion   `json:"emotions"`
	PainPoints []PainPoint `json:"painPoints"`
}

// Stage is a column of a journey map.
type Stage struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Lane is a row of a journey map. Hidden lanes stay in the journey but are not drawn.
type Lane struct {
	ID     string   `json:"id"`
	Kind   LaneKind `json:"kind"`
	Name   string   `json:"name"`
	Hidden bool     `json:"hidden,omitempty"`
}

// LaneKind says what a lane holds; it is stored as its lower-case name.
type LaneKind string

// The lane kinds of the workspace file.
const (
	LaneActions       LaneKind = "actions"
	LaneTouchpoints   LaneKind = "touchpoints"
	LaneThoughts      LaneKind = "thoughts"
	LaneEmotion       LaneKind = "emotion"
	LanePain          LaneKind = "pain"
	LaneOpportunities LaneKind = "opportunities"
	LaneBackstage     LaneKind = "backstage"
	LaneCustom        LaneKind = "custom"
)

// LaneKinds lists every lane kind in the order a new journey shows them.
var LaneKinds = []LaneKind{LaneActions, LaneTouchpoints, LaneThoughts, LaneEmotion, LanePain,
	LaneOpportunities, LaneBackstage, LaneCustom}

// Card is a piece of text in one cell of the map, the crossing of a lane and a stage.
type Card struct {
	ID    string    `json:"id"`
	Lane  string    `json:"lane"`
	Stage string    `json:"stage"`
	Text  string    `json:"text"`
	Color CardColor `json:"color,omitempty"`
}

// CardColor is a card's colour tag, a name a team gives meaning to ("red: blocker"); "" is none.
type CardColor string

// CardColors lists the colour tags a card may carry, none first.
var CardColors = []CardColor{"", "red", "orange", "yellow", "green", "blue", "purple", "grey"}

// Emotion is the customer's feeling at one stage, from -2 (awful) to +2 (delighted).
type Emotion struct {
	Stage string `json:"stage"`
	Score int    `json:"score"`
}

// PainPoint is a problem customers meet at a stage, how it was discovered, and the work to fix it.
type PainPoint struct {
	ID        string    `json:"id"`
	Stage     string    `json:"stage"`
	Title     string    `json:"title"`
	Detail    string    `json:"detail"`
	Discovery Discovery `json:"discovery"`
	Method    Method    `json:"method"`
	FoundBy   string    `json:"foundBy"`
	// FoundOn is the date the pain point came to light (staff found it, or it was logged), ""
	// when nobody knows: files from before it was kept, spreadsheets without it.
	FoundOn  string `json:"foundOn,omitempty"`
	Source   Source `json:"source"`
	Reports  int    `json:"reports"`
	Severity int    `json:"severity"`
	Effort   int    `json:"effort"`
	Owner    string `json:"owner"`
	Status   Status `json:"status"`
	Action   Action `json:"action"`
	// Evidence is what customers showed once the fix was out; a pain point is verified on it.
	Evidence Evidence `json:"evidence,omitzero"`
}

// Evidence is customer evidence that a fix worked: what was observed, on what date, and,
// when someone counted them, how many customer reports of the problem came in since.
type Evidence struct {
	Note    string   `json:"note"`
	Date    string   `json:"date"`
	Reports Optional `json:"reports,omitzero"`
}

// UnmarshalJSON reads evidence, also as builds before the format named it wrote it: with
// "observed" for "note". Without this, a verified pain point saved by such a build would come
// back with its evidence empty.
func (e *Evidence) UnmarshalJSON(b []byte) error {
	var v struct {
		evidenceFields
		Observed string `json:"observed"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*e = Evidence(v.evidenceFields)
	if e.Note == "" {
		e.Note = v.Observed
	}
	return nil
}

// FormerFields names the fields earlier builds wrote that UnmarshalJSON still reads, so that
// an import does not call them ignored.
func (*Evidence) FormerFields() []string { return []string{"observed"} }

// evidenceFields is Evidence without its UnmarshalJSON, to decode into.
type evidenceFields Evidence

// Given reports whether any evidence was recorded.
func (e Evidence) Given() bool { return e != Evidence{} }

// Optional is a whole number that may be left out: a count no one took is not a count of 0.
// It is written as a plain number, and left out of the file when not Set.
type Optional struct {
	N   int
	Set bool
}

// Some is the number n, given.
func Some(n int) Optional { return Optional{N: n, Set: true} }

// ReadOptional reads a count as a person types it, spaces around it aside: nothing is a
// count not given.
func ReadOptional(s string) (Optional, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Optional{}, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return Optional{}, fmt.Errorf("%q is not a whole number", Printable(s))
	}
	return Some(n), nil
}

// MarshalJSON writes the number.
func (o Optional) MarshalJSON() ([]byte, error) { return json.Marshal(o.N) }

// UnmarshalJSON reads a number; null leaves it unset.
func (o *Optional) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*o = Optional{}
		return nil
	}
	if err := json.Unmarshal(b, &o.N); err != nil {
		return err
	}
	o.Set = true
	return nil
}

// Action is the specific next step that ends a pain point. Its owner is the pain point's owner.
type Action struct {
	Text     string `json:"text"`
	Due      string `json:"due"`
	DoneWhen string `json:"doneWhen"`
}

// Discovery tells whether customers already report a pain point or staff dug it up.
type Discovery string

// The two ways a pain point comes to light.
const (
	Known   Discovery = "known"
	Unknown Discovery = "unknown"
)

// Source is where the evidence for a known pain point comes from.
type Source string

// The sources of a known pain point.
const (
	SourceComplaint Source = "complaint"
	SourceSurvey    Source = "survey"
	SourceReview    Source = "review"
	SourceSocial    Source = "social"
	SourceCall      Source = "call"
	SourceOther     Source = "other"
)

// Sources lists the sources of known pain points.
var Sources = []Source{SourceComplaint, SourceSurvey, SourceReview, SourceSocial, SourceCall, SourceOther}

// Method is how staff dug up an unknown pain point.
type Method string

// The methods of digging.
const (
	MethodWalkthrough Method = "walkthrough"
	MethodShadowing   Method = "shadowing"
	MethodData        Method = "data"
	MethodIdea        Method = "idea"
	MethodMystery     Method = "mystery"
	MethodOther       Method = "other"
)

// Methods lists the methods of digging.
var Methods = []Method{MethodWalkthrough, MethodShadowing, MethodData, MethodIdea, MethodMystery, MethodOther}

// Status is where a pain point's fix stands; verified means customer evidence says it worked.
type Status string

// The statuses, in the order work moves through them.
const (
	StatusOpen     Status = "open"
	StatusDoing    Status = "doing"
	StatusDone     Status = "done"
	StatusVerified Status = "verified"
)

// Statuses lists the statuses in the order work moves through them.
var Statuses = []Status{StatusOpen, StatusDoing, StatusDone, StatusVerified}

// Efforts lists the effort sizes a pain point may have, in points.
var Efforts = []int{1, 2, 3, 5, 8}

// Active reports whether the pain point still counts towards its owner's load.
func (p PainPoint) Active() bool {
	return p.Status == StatusOpen || p.Status == StatusDoing
}

// Member returns the member with the id, and whether there is one.
func (w *Workspace) Member(id string) (Member, bool) {
	for _, m := range w.Members {
		if m.ID == id {
			return m, true
		}
	}
	return Member{}, false
}

// Journey returns the journey with the id, or nil.
func (w *Workspace) Journey(id string) *Journey {
	for i := range w.Journeys {
		if w.Journeys[i].ID == id {
			return &w.Journeys[i]
		}
	}
	return nil
}

// PainLane returns the lane pain points are drawn in, and whether the journey has one.
func (j *Journey) PainLane() (Lane, bool) {
	for _, l := range j.Lanes {
		if l.Kind == LanePain {
			return l, true
		}
	}
	return Lane{}, false
}

// Stage returns the stage with the id, and whether there is one.
func (j *Journey) Stage(id string) (Stage, bool) {
	for _, s := range j.Stages {
		if s.ID == id {
			return s, true
		}
	}
	return Stage{}, false
}

// Emotion returns the emotion score at a stage, and whether one is set.
func (j *Journey) Emotion(stage string) (int, bool) {
	for _, e := range j.Emotions {
		if e.Stage == stage {
			return e.Score, true
		}
	}
	return 0, false
}

// SortPulses puts pulses in the order a workspace keeps them: by their random ids, an order
// that tells nothing of who answered first. Pulses with no id yet come first.
func SortPulses(p []Pulse) {
	slices.SortStableFunc(p, func(a, b Pulse) int { return strings.Compare(a.ID, b.ID) })
}

// JourneyInfo is what a journey says about itself on top of its map.
type JourneyInfo struct {
	Title   string `json:"title"`
	Persona string `json:"persona"`
	Vision  string `json:"vision"`
}

// Info returns the journey's title, persona and shared vision.
func (j *Journey) Info() JourneyInfo {
	return JourneyInfo{Title: j.Title, Persona: j.Persona, Vision: j.Vision}
}
