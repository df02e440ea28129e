package journey

import (
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
	if strings.TrimSpace(p.Action.Due) == "" {
		s.Missing = append(s.Missing, "a due date")
	}
	if strings.TrimSpace(p.Action.DoneWhen) == "" {
		s.Missing = append(s.Missing, "a done-when")
	}
	return s
}

// Attainable reports whether the effort of the journey's pain point (stored or new) fits what
// its owner has left this cycle, not counting the stored pain point itself if it is already on
// their plate. An unowned pain point is not attainable.
func (w *Workspace) Attainable(journey string, p PainPoint) bool {
	m, ok := w.Member(p.Owner)
	if !ok {
		return false
	}
	return w.pointsBesides(m.ID, journey, p.ID)+p.Effort <= m.Capacity
}

// vagueWords are goals nobody can tell are done. A trailing "*" matches any ending
// ("improv*" catches improve, improved, improvement).
var vagueWords = []string{
	"improv*", "enhanc*", "optimis*", "optimiz*", "delight*", "better", "happy", "happier",
	"happiness", "exceed*", "seamless*", "world-class", "best-in-class", "streamlin*", "maximis*",
	"maximiz*", "excellent", "excellence", "amazing", "awesome", "wow", "great", "superior",
	"satisf*", "empower*", "leverag*", "revolutionis*", "revolutioniz*", "transform*", "synerg*",
	"frictionless", "effortless", "nicer", "smoother", "more efficient", "user-friendly", "engag*",
}

// VagueWord returns the first vague goal word in the text (as written in vagueWords), or "".
func VagueWord(text string) string {
	words := tokens(text)
	for _, v := range vagueWords {
		if strings.Contains(v, " ") {
			if strings.Contains(" "+strings.Join(words, " ")+" ", " "+v+" ") {
				return v
			}
			continue
		}
		stem, prefix := strings.CutSuffix(v, "*")
		for _, w := range words {
			if w == stem || (prefix && strings.HasPrefix(w, stem)) {
				return strings.TrimSuffix(v, "*")
			}
		}
	}
	return ""
}

func tokens(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\''
	})
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
`) {
		set[w] = true
	}
	return set
}()
