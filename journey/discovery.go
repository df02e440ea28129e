package journey

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Discovered counts pain points by how they came to light.
type Discovered struct {
	Known, Unknown int
}

// All is how many pain points were counted.
func (d Discovered) All() int { return d.Known + d.Unknown }

// Rate is the discovery rate: unknown ÷ all, 0 with none.
func (d Discovered) Rate() float64 {
	if d.All() == 0 {
		return 0
	}
	return float64(d.Unknown) / float64(d.All())
}

// Discovered counts the journey's pain points by how they came to light.
func (j *Journey) Discovered() Discovered {
	var d Discovered
	for _, p := range j.PainPoints {
		d.add(p)
	}
	return d
}

func (d *Discovered) add(p PainPoint) {
	if p.Discovery == Unknown {
		d.Unknown++
	} else {
		d.Known++
	}
}

// StageDiscovered is what came to light at one stage.
type StageDiscovered struct {
	Stage Stage
	Discovered
}

// Digger is a member's digging credit: unknown pain points found, in one journey and in all.
type Digger struct {
	Member           Member
	InJourney, InAll int
}

// WeekFound is how many unknown pain points were found in the week that starts on Monday Start.
type WeekFound struct {
	Start time.Time
	Found int
}

// DiscoveryView is what a journey's pain points say about digging: known and unknown per
// journey and per stage, who dug, and when. The weeks end with the one holding the day asked
// for; unknown pain points found before them, after them or on no known date are counted apart,
// so that every one is counted somewhere.
type DiscoveryView struct {
	Journey        Discovered
	TaskForce      Discovered // every journey's pain points together
	Stages         []StageDiscovered
	Diggers        []Digger // most found in the journey first, then in all, then by name
	Weeks          []WeekFound
	Earlier, Later int // unknown ones found before the first week, after the last
	Undated        int // unknown ones with no found date
}

// Discovery works out the discovery view of the journey with the id, with the weeks up to the
// one of today; nil when there is no such journey.
func (w *Workspace) Discovery(journeyID string, today time.Time, weeks int) *DiscoveryView {
	j := w.Journey(journeyID)
	if j == nil {
		return nil
	}
	v := &DiscoveryView{Stages: make([]StageDiscovered, len(j.Stages))}
	stage := make(map[string]int, len(j.Stages))
	for i, s := range j.Stages {
		v.Stages[i].Stage = s
		stage[s.ID] = i
	}
	found := make(map[string]*Digger, len(w.Members))
	v.Diggers = make([]Digger, len(w.Members))
	for i, m := range w.Members {
		v.Diggers[i].Member = m
		found[m.ID] = &v.Diggers[i]
	}
	v.Weeks = make([]WeekFound, max(weeks, 0))
	first := monday(today).AddDate(0, 0, -7*(len(v.Weeks)-1))
	for i := range v.Weeks {
		v.Weeks[i].Start = first.AddDate(0, 0, 7*i)
	}
	for k := range w.Journeys {
		other := &w.Journeys[k]
		for _, p := range other.PainPoints {
			v.TaskForce.add(p)
			d := found[p.FoundBy]
			if p.Discovery == Unknown && d != nil {
				d.InAll++
			}
			if other.ID != j.ID {
				continue
			}
			v.Journey.add(p)
			if i, ok := stage[p.Stage]; ok {
				v.Stages[i].add(p)
			}
			if p.Discovery != Unknown {
				continue
			}
			if d != nil {
				d.InJourney++
			}
			v.countWeek(p.FoundOn, first)
		}
	}
	slices.SortStableFunc(v.Diggers, func(a, b Digger) int {
		return cmp.Or(b.InJourney-a.InJourney, b.InAll-a.InAll, cmp.Compare(a.Member.Name, b.Member.Name))
	})
	return v
}

// countWeek counts an unknown pain point found on the date in its week, or apart.
func (v *DiscoveryView) countWeek(date string, first time.Time) {
	on, err := time.Parse(time.DateOnly, date)
	if err != nil {
		v.Undated++
		return
	}
	// Whole days between midnights of dates: no clock change makes a week 6 or 8 days.
	days := on.Sub(first).Hours() / 24
	switch i := int(days) / 7; {
	case days < 0:
		v.Earlier++
	case i >= len(v.Weeks):
		v.Later++
	default:
		v.Weeks[i].Found++
	}
}

// monday is the Monday that starts the week of t, as a date at midnight UTC, as dates in the
// file are read.
func monday(t time.Time) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -(int(d.Weekday())+6)%7)
}

// FoundInWeeks is how many unknown pain points the weeks hold.
func (v *DiscoveryView) FoundInWeeks() int {
	n := 0
	for _, wk := range v.Weeks {
		n += wk.Found
	}
	return n
}

// WeeksSaid says in a sentence what the weekly counts show, and what they leave out.
func (v *DiscoveryView) WeeksSaid() string {
	if len(v.Weeks) == 0 {
		return ""
	}
	n := v.FoundInWeeks()
	found := count(n, "unknown pain point")
	if n == 0 {
		found = "No unknown pain points"
	}
	s := fmt.Sprintf("%s found in the last %d weeks", found, len(v.Weeks))
	// The busiest week is named only when one week is: of weeks alike, naming one misleads.
	best := slices.MaxFunc(v.Weeks, func(a, b WeekFound) int { return cmp.Compare(a.Found, b.Found) })
	if n > 0 && countIf(v.Weeks, func(wk WeekFound) bool { return wk.Found == best.Found }) == 1 {
		s += fmt.Sprintf("; most in the week of %s (%d)", best.Start.Format("2 Jan"), best.Found)
	}
	var apart []string
	if v.Earlier > 0 {
		apart = append(apart, fmt.Sprintf("%d earlier", v.Earlier))
	}
	if v.Later > 0 {
		apart = append(apart, fmt.Sprintf("%d dated after this week", v.Later))
	}
	if v.Undated > 0 {
		apart = append(apart, fmt.Sprintf("%d with no found date", v.Undated))
	}
	for i, a := range apart {
		if i == 0 {
			s += "; "
		} else {
			s += ", "
		}
		s += a
	}
	return s + "."
}
