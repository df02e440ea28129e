package journey

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
)

// PulseDomain is one of the four things a pulse asks about.
type PulseDomain string

// The domains of psychological safety a pulse scores, in the order it asks them.
const (
	DomainRisk      PulseDomain = "risk"
	DomainDialogue  PulseDomain = "dialogue"
	DomainHelp      PulseDomain = "help"
	DomainInclusion PulseDomain = "inclusion"
)

// PulseDomains lists the domains in the order a pulse asks them.
var PulseDomains = []PulseDomain{DomainRisk, DomainDialogue, DomainHelp, DomainInclusion}

// domainWords is what people read of each domain: its name, the question a pulse asks of it,
// and one concrete thing a team can do when it scores lowest.
var domainWords = map[PulseDomain]struct{ name, question, suggestion string }{
	DomainRisk: {"Risk & failure",
		"In this task force, it is safe to take a risk and to say a fix failed.",
		"Open the next meeting with one fix that did not work and what it taught the team, told by the most senior person present."},
	DomainDialogue: {"Open dialogue",
		"We can raise problems and tough issues openly.",
		"Give the first ten minutes of each meeting to problems nobody has reported yet, with no one allowed to argue them down."},
	DomainHelp: {"Willingness to help",
		"It is easy to ask others in the task force for help.",
		"Let anyone above 100 % of capacity hand one pain point to the fair suggestion without having to justify it."},
	DomainInclusion: {"Inclusivity",
		"People here value what I bring, whatever my department.",
		"Go round the table before deciding, and let whoever speaks least pick the next pain point to dig into."},
}

// Name is the domain as people read it.
func (d PulseDomain) Name() string { return domainWords[d].name }

// Question is what a pulse asks about the domain, answered from 1 (not at all) to 5 (fully).
func (d PulseDomain) Question() string { return domainWords[d].question }

// Suggestion is one concrete thing a team can do when the domain scores lowest.
func (d PulseDomain) Suggestion() string { return domainWords[d].suggestion }

// Score is the pulse's score for the domain.
func (p Pulse) Score(d PulseDomain) int {
	switch d {
	case DomainRisk:
		return p.Risk
	case DomainDialogue:
		return p.Dialogue
	case DomainHelp:
		return p.Help
	}
	return p.Inclusion
}

// MinPulseEntries is how many entries an average is shown over at least: with fewer, one
// person's answers could be told from the average.
const MinPulseEntries = 3

// NewPulse is an anonymous entry of the four scores (in PulseDomains order) for the day of
// now: a random id, the date without the time, and nothing of who answered.
func NewPulse(now time.Time, scores [4]int) Pulse {
	return Pulse{ID: NewID("u"), Date: now.Format(time.DateOnly),
		Risk: scores[0], Dialogue: scores[1], Help: scores[2], Inclusion: scores[3]}
}

// PulsePeriod is one month of pulse entries.
type PulsePeriod struct {
	Month    string      // "2026-11"
	Entries  int         // how many entries it has
	Averages [4]float64  // per domain, in PulseDomains order; only when Entries >= MinPulseEntries
	Shown    bool        // Entries >= MinPulseEntries
	Weakest  PulseDomain // the lowest average, when Shown
}

// PulseSummary is what the task force may see of its pulses: averages only over at least
// MinPulseEntries entries, per month for the trend, and the weakest domain overall.
type PulseSummary struct {
	Entries  int
	Shown    bool       // there are enough entries for the averages
	Averages [4]float64 // over every entry, in PulseDomains order, when Shown
	Weakest  PulseDomain
	Periods  []PulsePeriod // by month, oldest first
}

// SummarisePulses works out the summary of a task force's pulses.
func SummarisePulses(pulses []Pulse) PulseSummary {
	s := PulseSummary{Entries: len(pulses)}
	s.Averages, s.Weakest, s.Shown = averages(pulses)
	byMonth := map[string][]Pulse{}
	for _, p := range pulses {
		month := p.Date[:min(len(p.Date), 7)]
		byMonth[month] = append(byMonth[month], p)
	}
	months := make([]string, 0, len(byMonth))
	for m := range byMonth {
		months = append(months, m)
	}
	slices.Sort(months)
	for _, m := range months {
		per := PulsePeriod{Month: m, Entries: len(byMonth[m])}
		per.Averages, per.Weakest, per.Shown = averages(byMonth[m])
		s.Periods = append(s.Periods, per)
	}
	return s
}

// averages are the domains' averages over the pulses, and the weakest of them (the first in
// PulseDomains order on a tie), when there are enough pulses to show them; zero otherwise.
func averages(pulses []Pulse) (avg [4]float64, weakest PulseDomain, shown bool) {
	if len(pulses) < MinPulseEntries {
		return avg, "", false
	}
	low := 0
	for i, d := range PulseDomains {
		sum := 0
		for _, p := range pulses {
			sum += p.Score(d)
		}
		avg[i] = float64(sum) / float64(len(pulses))
		if avg[i] < avg[low] {
			low = i
		}
	}
	return avg, PulseDomains[low], true
}

// Said is the summary in words: the averages, the trend, and what to do about the weakest
// domain, or why nothing is shown yet.
func (s PulseSummary) Said() []string {
	if !s.Shown {
		return []string{fmt.Sprintf("%s so far. Averages show from %d, so that no one's answers can be told apart.",
			count(s.Entries, "answer"), MinPulseEntries)}
	}
	lines := []string{fmt.Sprintf("%s in all:", count(s.Entries, "answer"))}
	for i, d := range PulseDomains {
		lines = append(lines, fmt.Sprintf("  %s: %.1f of 5", d.Name(), s.Averages[i]))
	}
	var trend []string
	hidden := 0
	for _, p := range s.Periods {
		if !p.Shown {
			hidden++
			continue
		}
		var parts []string
		for i, d := range PulseDomains {
			parts = append(parts, fmt.Sprintf("%s %.1f", strings.ToLower(d.Name()), p.Averages[i]))
		}
		trend = append(trend, fmt.Sprintf("  %s (%s): %s", p.Month, count(p.Entries, "answer"), strings.Join(parts, ", ")))
	}
	if len(trend) > 0 {
		lines = append(lines, "By month:")
		lines = append(lines, trend...)
	}
	if hidden > 0 {
		lines = append(lines, fmt.Sprintf("%s with fewer than %d answers not shown apart.", count(hidden, "month"), MinPulseEntries))
	}
	lines = append(lines, fmt.Sprintf("Weakest: %s. Try this: %s", s.Weakest.Name(), s.Weakest.Suggestion()))
	return lines
}

// NamePulses gives each pulse without an id one made from what it says (its date and
// scores, and how many alike came before it), never from who gave it or when: two desks that
// import the same file name its pulses alike, so that a shared workspace does not hold them
// twice, and an id still tells nothing of the order people answered in.
func NamePulses(pulses []Pulse) {
	alike := map[Pulse]int{}
	for i := range pulses {
		p := &pulses[i]
		if p.ID != "" {
			continue
		}
		n := alike[*p]
		alike[*p]++
		sum := sha256.Sum256(fmt.Appendf(nil, "%s|%d|%d|%d|%d|%d", p.Date, p.Risk, p.Dialogue, p.Help, p.Inclusion, n))
		p.ID = "pulse-" + hex.EncodeToString(sum[:6])
	}
}
