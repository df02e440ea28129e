package journey

import (
	"fmt"
	"slices"
	"strings"
)

// Show is one way to narrow the pain points on a map to those a person is looking for.
type Show string

// The ways to narrow pain points. Work that is over (done, verified) is not unassigned, not
// overdue and needs no specific next action any more, so those three look at open and doing
// pain points only.
const (
	ShowKnown       Show = "known"        // customers already report it
	ShowUnknown     Show = "unknown"      // staff dug it up
	ShowUnassigned  Show = "unassigned"   // open or doing, and nobody owns it
	ShowMine        Show = "mine"         // owned by the member who uses this desktop
	ShowOverdue     Show = "overdue"      // open or doing, due before today
	ShowNotSpecific Show = "not specific" // open or doing, its next action not specific
)

// Shows lists the ways to narrow pain points, in the order a menu offers them.
var Shows = []Show{ShowKnown, ShowUnknown, ShowUnassigned, ShowMine, ShowOverdue, ShowNotSpecific}

// Filter narrows pain points to those every one of its ways holds for: "unknown" and
// "unassigned" together are the unknown pain points nobody has taken. Known and unknown
// exclude each other, so Toggle turns one off when the other comes on.
type Filter struct {
	Only  []Show
	Me    string // the member id "mine" means; with none, "mine" holds for nothing
	Today string // YYYY-MM-DD, the day "overdue" is judged on
}

// On reports whether the filter narrows by s.
func (f Filter) On(s Show) bool { return slices.Contains(f.Only, s) }

// Toggle turns s on or off, in the order of Shows; turning on known or unknown turns the
// other off.
func (f Filter) Toggle(s Show) Filter {
	on := map[Show]bool{s: !f.On(s)}
	for _, o := range f.Only {
		if o != s {
			on[o] = true
		}
	}
	if on[s] && s == ShowKnown {
		on[ShowUnknown] = false
	}
	if on[s] && s == ShowUnknown {
		on[ShowKnown] = false
	}
	f.Only = nil
	for _, o := range Shows {
		if on[o] {
			f.Only = append(f.Only, o)
		}
	}
	return f
}

// Holds reports whether the pain point passes every way the filter narrows by.
func (f Filter) Holds(p PainPoint) bool {
	for _, s := range f.Only {
		if !f.holds(s, p) {
			return false
		}
	}
	return true
}

func (f Filter) holds(s Show, p PainPoint) bool {
	switch s {
	case ShowKnown:
		return p.Discovery != Unknown
	case ShowUnknown:
		return p.Discovery == Unknown
	case ShowUnassigned:
		return p.Active() && p.Owner == ""
	case ShowMine:
		return f.Me != "" && p.Owner == f.Me
	case ShowOverdue:
		// Dates in the file are YYYY-MM-DD, so their order as text is their order in time.
		return p.Active() && p.Action.Due != "" && p.Action.Due < f.Today
	case ShowNotSpecific:
		return p.Active() && !p.Specificity().Specific()
	}
	return true
}

// Said says what the filter shows of a journey: "4 of 13 pain points: unknown, overdue";
// "" when it narrows nothing.
func (f Filter) Said(j *Journey) string {
	if len(f.Only) == 0 || j == nil {
		return ""
	}
	n := countIf(j.PainPoints, f.Holds)
	ways := make([]string, len(f.Only))
	for i, s := range f.Only {
		ways[i] = string(s)
	}
	return fmt.Sprintf("%d of %s: %s", n, Plural(len(j.PainPoints), "pain point"), strings.Join(ways, ", "))
}
