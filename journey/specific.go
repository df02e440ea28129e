package journey

import (
	"fmt"
	"strings"
	"unicode"
)

// Specificity says whether a next action is specific enough to get done, and if not, what it lacks.
type Specificity struct {
	Missing []string // in the order the form shows them, e.g. "start with a verb", "an owner"
}

// Specific reports whether nothing is missing.
func (s Specificity) Specific() bool { return len(s.Missing) == 0 }

// Specificity checks the pain point's next action: it starts with a verb, names no vague goal,
// and has an owner, a due date and a done-when.
func (p PainPoint) Specificity() Specificity {
	var s Specificity
	text := strings.TrimSpace(p.Action.Text)
	switch {
	case text == "":
		s.Missing = append(s.Missing, "an action")
	case !startsWithVerb(text):
		s.Missing = append(s.Missing, "a verb first (say what to do: \"Add…\", \"Call…\")")
	}
	if w := VagueWord(text); w != "" {
		s.Missing = append(s.Missing, "a concrete goal instead of \""+w+"\"")
	}
	if p.Owner == "" {
		s.Missing = append(s.Missing, "an owner")
	}
	switch due := strings.TrimSpace(p.Action.Due); {
	case due == "":
		s.Missing = append(s.Missing, "a due date")
	case !isDate(due):
		// Said as it is typed: a date the store would refuse is no due date.
		s.Missing = append(s.Missing, fmt.Sprintf("a due date written YYYY-MM-DD (%q is not one)", Printable(due)))
	}
	if strings.TrimSpace(p.Action.DoneWhen) == "" {
		s.Missing = append(s.Missing, "a done-when")
	}
	return s
}

// Attainable reports whether the effort of the journey's pain point (stored or new) fits what
// its owner has left this cycle, not counting the stored pain point itself if it is already on
// their plate, and when not, says why in words for the form: "Ana would be at 120 % of
// capacity", "no owner". An unowned pain point is not attainable.
func (w *Workspace) Attainable(journey string, p PainPoint) (bool, string) {
	m, ok := w.Member(p.Owner)
	if !ok {
		return false, "no owner"
	}
	points := w.pointsBesides(m.ID, journey, p.ID) + p.Effort
	capacity := max(m.Capacity, 1)
	if points <= capacity {
		return true, ""
	}
	return false, fmt.Sprintf("%s would be at %.0f %% of capacity", m.Name, 100*float64(points)/float64(capacity))
}

// vagueGoals are goals nobody can tell are done, as whole words and phrases: "improve" but not
// "improvised", "exceed expectations" but not "refunds that exceed 30 days", "customer
// satisfaction" but not "the satisfaction survey". In a phrase, "…" stands for up to three
// words ("exceed … expectations" catches "exceed our customers' expectations").
var vagueGoals = func() [][]string {
	var goals [][]string
	for _, g := range strings.Split(`improve, improves, improved, improving, improvement, improvements,
enhance, enhances, enhanced, enhancing, enhancement, enhancements, optimise, optimises, optimised,
optimising, optimisation, optimize, optimizes, optimized, optimizing, optimization, delight,
delights, delighted, delighting, delightful, better, happy, happier, happiness, exceed …
expectations, exceeding … expectations, seamless, seamlessly, world-class, best-in-class,
streamline, streamlines, streamlined, streamlining, maximise, maximised, maximize, maximized,
excellent, excellence, amazing, awesome, wow, great, superior, customer satisfaction, satisfy …
customers, satisfy … customer, more satisfied, satisfied customers, empower, empowers, empowered,
empowering, leverage, leverages, leveraged, leveraging, revolutionise, revolutionize, transform,
transforms, transformed, transforming, transformation, synergy, synergies, frictionless,
effortless, nicer, smoother, more efficient, user-friendly, customer engagement, engage …
customers, engage … customer, more engaging, wherever possible, as needed, look into, think
about, work on`, ",") {
		goals = append(goals, tokens(g))
	}
	return goals
}()

// VagueWord returns the first vague goal in the text, in the text's own words ("improving",
// "exceed their expectations"), or "".
func VagueWord(text string) string {
	words := tokens(text)
	best, at := "", len(words)
	for _, g := range vagueGoals {
		if i, n := find(words, g); i >= 0 && i < at {
			best, at = strings.Join(words[i:i+n], " "), i
		}
	}
	return best
}

// find returns where the phrase starts in words and how many words it spans there, or -1.
func find(words, phrase []string) (at, n int) {
	for i := range words {
		if n := matchAt(words[i:], phrase); n > 0 {
			return i, n
		}
	}
	return -1, 0
}

// matchAt returns how many of words the phrase matches from the first, or 0.
func matchAt(words, phrase []string) int {
	if len(phrase) == 0 {
		return 0
	}
	if phrase[0] == "…" {
		for gap := 0; gap <= 3 && gap < len(words); gap++ {
			if n := matchAt(words[gap:], phrase[1:]); n > 0 {
				return gap + n
			}
		}
		return 0
	}
	if len(words) == 0 || words[0] != phrase[0] {
		return 0
	}
	if len(phrase) == 1 {
		return 1
	}
	if n := matchAt(words[1:], phrase[1:]); n > 0 {
		return 1 + n
	}
	return 0
}

// tokens are the text's words in lower case, with the quotes and dashes around them trimmed
// and "…" kept as a word of its own.
func tokens(text string) []string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\'' && r != '’' && r != '…'
	}) {
		if w != "…" {
			w = strings.Trim(w, "-'’…")
		}
		if w != "" {
			words = append(words, w)
		}
	}
	return words
}

// startsWithVerb reports whether the action opens with an imperative verb. English has no
// cheap parser, so this is a list of the verbs actions are written with in CX work; a word
// that is not on it counts as no verb, which asks the author to rephrase rather than pass.
func startsWithVerb(text string) bool {
	words := tokens(text)
	if len(words) == 0 {
		return false
	}
	first := strings.Trim(words[0], "-'")
	if imperativeVerbs[first] {
		return true
	}
	// "re-send", "double-check", "pre-fill": a prefixed verb is still a verb.
	parts := strings.Split(first, "-")
	return len(parts) > 1 && (imperativeVerbs[parts[0]] || imperativeVerbs[parts[len(parts)-1]])
}

var imperativeVerbs = func() map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(`
accept add adjust agree align allow analyse analyze announce answer apologise apologize apply
approve archive arrange ask assign attach audit automate block book brief build buy calculate
call cancel cap capture change check choose clarify clean close coach collect combine compare
compensate complete configure confirm connect contact convert copy correct create credit cut
decide define delete deliver deploy design detect disable display document double draft drop
edit educate email enable end ensure escalate estimate explain export extend fill filter find
fix flag follow forward gather give group guarantee handle hire hold host identify implement
import include inform install integrate interview introduce investigate invite issue keep label
launch limit link list load log lower map mark measure meet merge message migrate monitor move
name notify offer open order organise organize pay pilot place plan post prepare present
prevent print prioritise prioritize process produce prototype provide publish pull purchase put
query raise rank reach read rebuild receive record reduce refund register reject release remind
remove rename reorder repair replace reply report request require rerun research reset resolve
respond restore restrict retire return review revise rewrite roll route run save schedule
screen search send separate set settle share ship shorten show shut sign simplify skip sort
split standardise standardize start state stop store submit suggest summarise summarize supply
survey swap switch tag take teach tell test text track train transfer translate trial trigger
turn update upgrade upload validate verify waive warn watch write
improve enhance optimise optimize streamline maximise maximize transform engage empower
abolish accelerate access acknowledge act activate adapt address adopt advertise advise alert
allocate alter amend appoint assess assist attend authorise authorize back batch bill brand
bundle bump categorise categorize centralise centralize certify chase chat clear code collate
commission communicate compile compose consolidate consult contract coordinate count cover
customise customize deactivate debug delay delegate demo demonstrate deprecate describe
dispatch distribute divide do download drive duplicate embed employ encourage enforce enrol
enroll enter equip evaluate examine exchange exclude execute expand expedite extract fast-track
feature fetch file finalise finalize focus forecast format free freeze fund get grant greet
guide halt hand help hide highlight increase insert inspect instruct insure invoice itemise
itemize join lead lend localise localize lock mail maintain make manage match mention minimise
minimize model modify notify nudge obtain onboard outline outsource overhaul own package pair
partner patch pause personalise personalize phone pick pin ping poll postpone pre-fill prefill
price probe procure program programme promise promote prompt proofread propose protect prove
quote rate reassign rebook recall recheck recommend reconcile recruit redesign redirect redo
redraft refresh refuse reimburse reinstate relabel relaunch relocate renegotiate renew reopen
repackage rephrase replicate reprint reroute reschedule resend reship resize restructure
resubmit resume retain retest retrain retry reuse reverse reword rework rotate sample scan
script seal secure segment select sell serve shadow shift shortlist simulate source specify
staff stamp stock strengthen study subscribe substitute support suspend sync tally target
thank tighten time trace transcribe trim triage tune unblock unify unlock unsubscribe use visit
walk welcome widen withdraw word wrap delight exceed look work think ring
`) {
		set[w] = true
	}
	return set
}()
