package canvas

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"journeymap/journey"
)

// monoMeasure measures every rune as 7 units wide, so layouts are exact in tests.
func monoMeasure(text string, _ float32, _ fyne.TextStyle) float32 {
	return float32(utf8.RuneCountInString(text)) * 7
}

func testJourney() *journey.Journey {
	return &journey.Journey{
		ID: "j", Title: "Late parcel",
		Stages: []journey.Stage{{ID: "s1", Name: "Order"}, {ID: "s2", Name: "Wait"}},
		Lanes: []journey.Lane{
			{ID: "act", Kind: journey.LaneActions, Name: "Actions"},
			{ID: "back", Kind: journey.LaneBackstage, Name: "Backstage", Hidden: true},
			{ID: "emo", Kind: journey.LaneEmotion, Name: "Feeling"},
			{ID: "pain", Kind: journey.LanePain, Name: "Pain"},
		},
		Cards: []journey.Card{
			{ID: "c1", Lane: "act", Stage: "s1", Text: "short"},
			{ID: "c2", Lane: "act", Stage: "s1", Text: strings.Repeat("word ", 12)},
			{ID: "c3", Lane: "back", Stage: "s2", Text: "hidden"},
			{ID: "c4", Lane: "emo", Stage: "s2", Text: "sighs"},
		},
		Emotions: []journey.Emotion{{Stage: "s1", Score: 2}, {Stage: "s2", Score: -1}},
		PainPoints: []journey.PainPoint{
			{ID: "p1", Stage: "s2", Title: "No tracking link", Discovery: journey.Unknown, Severity: 4},
		},
	}
}

func TestComputeLayout(t *testing.T) {
	l := computeLayout(testJourney(), newWrapper(monoMeasure))
	if got, want := l.Columns, []float32{labelWidth, labelWidth + columnWidth}; !reflect.DeepEqual(got, want) {
		t.Errorf("columns: got %v, want %v", got, want)
	}
	var names []string
	for _, r := range l.Lanes {
		names = append(names, r.Lane.ID)
	}
	if want := []string{"act", "emo", "pain"}; !reflect.DeepEqual(names, want) {
		t.Errorf("visible lanes: got %v, want %v (the hidden lane must not be drawn)", names, want)
	}
	if _, ok := l.Cards["c3"]; ok {
		t.Error("a card of a hidden lane has a box")
	}
	// Text is wrapped to 0.9·(236-2·8-2·8) = 183.6 units: five "word"s with spaces are 24 runes,
	// 168 units; six would be 203.
	c1, c2 := l.Cards["c1"], l.Cards["c2"]
	if want := []string{"word word word word word", "word word word word word", "word word"}; !reflect.DeepEqual(c2.Lines, want) {
		t.Errorf("c2 wrapped into %q, want %q", c2.Lines, want)
	}
	if c2.Y != c1.Y+c1.H+cardGap || c2.X != c1.X {
		t.Errorf("c2 at %v,%v: want stacked under c1 (%v)", c2.X, c2.Y, c1)
	}
	act := l.Lanes[0]
	if want := c2.Y + c2.H + cellPad - act.Y; act.H != want {
		t.Errorf("actions lane height: got %v, want %v (the tallest stack and its padding)", act.H, want)
	}
	emo := l.Lanes[1]
	c4 := l.Cards["c4"]
	if c4.Y != emo.Y+emotionHeight {
		t.Errorf("a card in the emotion lane: y %v, want %v, below the curve band", c4.Y, emo.Y+emotionHeight)
	}
	if want := emotionHeight + c4.H + cellPad; emo.Y != act.Y+act.H || emo.H != want {
		t.Errorf("emotion lane: got y %v h %v, want y %v h %v", emo.Y, emo.H, act.Y+act.H, want)
	}
	p := l.PainPoints["p1"]
	if p.X != labelWidth+columnWidth+cellPad || p.H != painTopRow+lineHeight+painBottomRow+2*cardPad {
		t.Errorf("pain point box: got %+v", p)
	}
	last := l.Lanes[len(l.Lanes)-1]
	if want := fyne.NewSize(labelWidth+2*columnWidth, last.Y+last.H); l.Size != want {
		t.Errorf("size: got %v, want %v", l.Size, want)
	}
}

func TestCellAt(t *testing.T) {
	j := testJourney()
	l := computeLayout(j, newWrapper(monoMeasure))
	act, emo := l.Lanes[0], l.Lanes[1]
	tests := []struct {
		name        string
		pos         fyne.Position
		stage, lane string
		ok          bool
	}{
		{"first cell", fyne.NewPos(labelWidth+1, act.Y+1), "s1", "act", true},
		{"second stage, emotion", fyne.NewPos(labelWidth+columnWidth+5, emo.Y+emo.H-1), "s2", "emo", true},
		{"lane label", fyne.NewPos(labelWidth-1, act.Y+1), "", "", false},
		{"header", fyne.NewPos(labelWidth+1, 10), "", "", false},
		{"right of the last stage", fyne.NewPos(labelWidth+2*columnWidth+1, act.Y+1), "", "", false},
		{"below the last lane", fyne.NewPos(labelWidth+1, l.Size.Height+1), "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stage, lane, ok := l.cellAt(j, tt.pos)
			if stage != tt.stage || lane != tt.lane || ok != tt.ok {
				t.Errorf("got %q %q %v, want %q %q %v", stage, lane, ok, tt.stage, tt.lane, tt.ok)
			}
		})
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width float32
		want  []string
	}{
		{"fits", "one two", 100, []string{"one two"}},
		{"breaks at spaces", "one two three", 50, []string{"one two", "three"}},
		{"long word is cut", "abcdefghij", 35, []string{"abcde", "fghij"}},
		{"keeps line breaks", "a\nb", 100, []string{"a", "b"}},
		{"runes, not bytes", "ééééé", 21, []string{"ééé", "éé"}},
		{"empty", "", 100, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrap(tt.text, tt.width, textSize, fyne.TextStyle{}, monoMeasure); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestInitials(t *testing.T) {
	for name, want := range map[string]string{"Ana Ruiz": "AR", "Chen": "CH", "Mary Ann de la Cruz": "MC", "élodie durand": "ÉD", "": ""} {
		if got := initials(name); got != want {
			t.Errorf("initials(%q): got %q, want %q", name, got, want)
		}
	}
}
