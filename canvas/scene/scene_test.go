package scene

import (
	"fmt"
	"image/color"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"journeymap/journey"
	"journeymap/journey/journeytest"
)

func testWorkspace() (*journey.Workspace, *journey.Journey) {
	w := &journey.Workspace{Name: "Test", Members: []journey.Member{{ID: "ana", Name: "Ana Ruiz", Capacity: 8}}}
	w.Journeys = []journey.Journey{{
		ID: "j", Title: "Late parcel", Persona: "Shopper", Vision: "Nobody has to ask",
		Stages: []journey.Stage{{ID: "s1", Name: "Order"}, {ID: "s2", Name: "Wait"}},
		Lanes: []journey.Lane{
			{ID: "act", Kind: journey.LaneActions, Name: "Actions"},
			{ID: "back", Kind: journey.LaneBackstage, Name: "Backstage", Hidden: true},
			{ID: "emo", Kind: journey.LaneEmotion, Name: "Feeling"},
			{ID: "pain", Kind: journey.LanePain, Name: "Pain"},
			{ID: "ops", Kind: journey.LaneOpportunities, Name: "Ideas"},
		},
		Cards: []journey.Card{
			{ID: "c1", Lane: "act", Stage: "s1", Text: "short"},
			{ID: "c2", Lane: "act", Stage: "s1", Text: strings.Repeat("word ", 12)},
			{ID: "c3", Lane: "back", Stage: "s2", Text: "hidden"},
			{ID: "c4", Lane: "emo", Stage: "s2", Text: "sighs"},
			{ID: "c5", Lane: "ops", Stage: "s2", Text: "Send tracking by text", Color: "green"},
		},
		Emotions: []journey.Emotion{{Stage: "s1", Score: 2}, {Stage: "s2", Score: -1}},
		PainPoints: []journey.PainPoint{
			{ID: "p1", Stage: "s2", Title: "No tracking link", Discovery: journey.Unknown, Method: journey.MethodWalkthrough,
				FoundBy: "ana", Severity: 4, Effort: 3, Owner: "ana", Status: journey.StatusOpen},
			{ID: "p2", Stage: "s2", Title: "Refund slow", Discovery: journey.Known, Source: journey.SourceComplaint, Reports: 12,
				Severity: 3, Effort: 2, Status: journey.StatusOpen},
		},
	}}
	return w, &w.Journeys[0]
}

func build(opts Options) (*Scene, *journey.Workspace, *journey.Journey) {
	w, j := testWorkspace()
	return Build(w, j, opts, DefaultFonts()), w, j
}

func TestLayout(t *testing.T) {
	s, _, _ := build(Options{})
	var lanes []string
	for _, r := range s.rows {
		lanes = append(lanes, r.Lane.ID)
	}
	if want := []string{"act", "emo", "pain", "ops"}; !slices.Equal(lanes, want) {
		t.Errorf("lanes drawn: got %v, want %v (the hidden one left out)", lanes, want)
	}
	if _, ok := s.Bounds(Key{KindCard, "c3"}); ok {
		t.Error("a card of a hidden lane is placed")
	}
	c1, _ := s.Bounds(Key{KindCard, "c1"})
	c2, _ := s.Bounds(Key{KindCard, "c2"})
	if c2.Y != c1.Y+c1.H+cardGap || c2.X != c1.X || c1.X != LabelWidth+cellPad {
		t.Errorf("c2 at %+v: want stacked under c1 %+v in the first stage", c2, c1)
	}
	if n := len(s.Lines(Key{KindCard, "c2"})); n < 2 {
		t.Errorf("twelve words wrapped into %d lines, want several", n)
	}
	act, emo := s.rows[0], s.rows[1]
	if want := c2.Y + c2.H + cellPad - act.Y; act.H != want {
		t.Errorf("actions lane height: got %v, want %v (its tallest stack and padding)", act.H, want)
	}
	if c4, _ := s.Bounds(Key{KindCard, "c4"}); c4.Y != emo.Y+EmotionHeight || emo.Y != act.Y+act.H {
		t.Errorf("a card in the emotion lane at y %v, want %v, below the curve band", c4.Y, emo.Y+EmotionHeight)
	}
	p1, _ := s.Bounds(Key{KindPain, "p1"})
	p2, _ := s.Bounds(Key{KindPain, "p2"})
	if p1.X != LabelWidth+ColumnWidth+cellPad || p1.H != painTopRow+lineHeight+painBottomRow+2*cardPad || p2.Y != p1.Y+p1.H+cardGap {
		t.Errorf("pain points at %+v and %+v", p1, p2)
	}
	w, h := s.Size()
	last := s.rows[len(s.rows)-1]
	if w != LabelWidth+2*ColumnWidth || h != last.Y+last.H {
		t.Errorf("size %v×%v, want %v×%v", w, h, LabelWidth+2*ColumnWidth, last.Y+last.H)
	}
}

func TestCellAtAndItemAt(t *testing.T) {
	s, _, _ := build(Options{})
	act, emo := s.rows[0], s.rows[1]
	c1, _ := s.Bounds(Key{KindCard, "c1"})
	tests := []struct {
		name        string
		at          Point
		stage, lane string
		ok          bool
		item        Key
	}{
		{"on a card", Point{c1.X + 2, c1.Y + 2}, "s1", "act", true, Key{KindCard, "c1"}},
		{"between cards", Point{c1.X + 2, c1.Y + c1.H + cardGap/2}, "s1", "act", true, Key{}},
		{"second stage, emotion", Point{LabelWidth + ColumnWidth + 5, emo.Y + emo.H - 1}, "s2", "emo", true, Key{}},
		{"lane label", Point{LabelWidth - 1, act.Y + 1}, "", "", false, Key{}},
		{"header", Point{LabelWidth + 1, 10}, "", "", false, Key{}},
		{"stage bar", Point{LabelWidth + 1, HeaderHeight + 1}, "", "", false, Key{}},
		{"right of the last stage", Point{LabelWidth + 2*ColumnWidth + 1, act.Y + 1}, "", "", false, Key{}},
		{"below the last lane", Point{LabelWidth + 1, 1e6}, "", "", false, Key{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stage, lane, ok := s.CellAt(tt.at)
			if stage != tt.stage || lane != tt.lane || ok != tt.ok {
				t.Errorf("CellAt: got %q %q %v, want %q %q %v", stage, lane, ok, tt.stage, tt.lane, tt.ok)
			}
			if item, _ := s.ItemAt(tt.at); item != tt.item {
				t.Errorf("ItemAt: got %v, want %v", item, tt.item)
			}
		})
	}
}

func TestWrap(t *testing.T) {
	f := DefaultFonts()
	w := func(s string) float32 { return f.Width(s, TextSize, Regular) }
	tests := []struct {
		name  string
		text  string
		width float32
		want  []string
	}{
		{"fits", "one two", w("one two"), []string{"one two"}},
		{"breaks at spaces", "one two three", w("one two") + 1, []string{"one two", "three"}},
		{"long word is cut", "abcdefghij", w("abcde") + 0.5, []string{"abcde", "fghij"}},
		{"keeps line breaks", "a\nb", 100, []string{"a", "b"}},
		{"runes, not bytes", "ééééé", w("ééé") + 0.5, []string{"ééé", "éé"}},
		{"empty", "", 100, []string{""}},
		{"no room at all: a letter a line, and an end", "ab cd", -4, []string{"a", "b", "c", "d"}},
		{"no width", "ab", 0, []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := f.Wrap(tt.text, tt.width, TextSize, Regular); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if bold, regular := f.Width("Severity", 13, Bold), f.Width("Severity", 13, Regular); bold <= regular {
		t.Errorf("bold text %v is not wider than regular %v", bold, regular)
	}
	if h := f.LineHeight(13, Regular); h < 13 || h > 20 {
		t.Errorf("line height at 13: %v", h)
	}
}

// shapesOf draws one element, for asserting on what it shows.
func shapesOf(s *Scene, k Key) []Shape { return s.Shapes(k, nil) }

func textsOf(shapes []Shape) []string {
	var out []string
	for _, sh := range shapes {
		if sh.Kind == ShapeText {
			out = append(out, sh.Text)
		}
	}
	return out
}

func kindsOf(shapes []Shape) []ShapeKind {
	var out []ShapeKind
	for _, sh := range shapes {
		out = append(out, sh.Kind)
	}
	return out
}

func TestShapes(t *testing.T) {
	s, _, _ := build(Options{})
	p := s.Palette()
	unknown := shapesOf(s, Key{KindPain, "p1"})
	if !slices.Contains(kindsOf(unknown), ShapeDiamond) || slices.Contains(kindsOf(unknown), ShapeCircle) {
		t.Error("an unknown pain point is not marked by a diamond alone")
	}
	if texts := textsOf(unknown); !slices.Contains(texts, "4") || !slices.Contains(texts, "UNKNOWN · walkthrough") ||
		!slices.Contains(texts, "AR") || !slices.Contains(texts, "open · 3 pt") {
		t.Errorf("unknown pain point says %q", texts)
	}
	known := shapesOf(s, Key{KindPain, "p2"})
	if !slices.Contains(kindsOf(known), ShapeCircle) || slices.Contains(kindsOf(known), ShapeDiamond) {
		t.Error("a known pain point is not marked by a circle alone")
	}
	if texts := textsOf(known); !slices.Contains(texts, "KNOWN · complaint ×12") || !slices.Contains(texts, "UNASSIGNED") {
		t.Errorf("an unassigned known pain point says %q", texts)
	}
	if known[0].Stroke != p.Unassigned || known[0].StrokeWidth != 3 {
		t.Error("an unassigned pain point has no red border")
	}
	// The severity sits in the middle of its marker.
	for _, sh := range known {
		if sh.Kind == ShapeText && sh.Text == "3" {
			marker := known[1]
			if cx, mx := sh.X+sh.W/2, marker.X+marker.W/2; cx-mx > 0.01 || mx-cx > 0.01 {
				t.Errorf("severity centred at %v, marker at %v", cx, mx)
			}
		}
	}
	tagged := shapesOf(s, Key{KindCard, "c5"})
	if len(tagged) < 2 || tagged[1].Fill != p.Tags["green"] {
		t.Error("a card tagged green shows no green tag")
	}
	emotion := shapesOf(s, Key{KindEmotion, "s1"})
	lines := 0
	for _, sh := range shapesOf(s, Key{KindCurve, "s1"}) {
		if sh.Kind == ShapeLine {
			lines++
		}
	}
	if lines != curveSamples || !slices.Contains(textsOf(emotion), "+2") || !slices.Contains(textsOf(shapesOf(s, Key{KindEmotion, "s2"})), "–1") {
		t.Errorf("emotion: %d curve pieces, texts %q", lines, textsOf(emotion))
	}
	if texts := textsOf(shapesOf(s, Key{Kind: KindHeader})); !slices.Equal(texts, []string{"Late parcel", "Persona: Shopper", "Vision: “Nobody has to ask”"}) {
		t.Errorf("header says %q", texts)
	}
	if texts := textsOf(shapesOf(s, Key{KindLane, "pain"})); !slices.Equal(texts, []string{"Pain", "pain points"}) {
		t.Errorf("pain lane label says %q", texts)
	}
	// Every kind of lane has an icon of its own.
	icons := map[string]journey.LaneKind{}
	for _, k := range journey.LaneKinds {
		sig := fmt.Sprint(kindIcon(nil, k, Rect{0, 0, 12, 12}, p.Muted))
		if other, dup := icons[sig]; dup {
			t.Errorf("lanes of kind %s and %s have the same icon", k, other)
		}
		icons[sig] = k
	}
	empty := Build(&journey.Workspace{}, nil, Options{}, DefaultFonts())
	if keys := empty.All(); len(keys) != 1 || !strings.Contains(strings.Join(textsOf(shapesOf(empty, keys[0])), ""), "No journey yet") {
		t.Errorf("with no journey: %v", keys)
	}
}

func TestOptions(t *testing.T) {
	s, _, _ := build(Options{HideKinds: []journey.LaneKind{journey.LaneOpportunities}, HideLanes: []string{"emo"}})
	if _, ok := s.Bounds(Key{KindLane, "ops"}); ok {
		t.Error("a kind of lane hidden in the view is drawn")
	}
	if _, ok := s.Bounds(Key{KindCard, "c4"}); ok {
		t.Error("a card of a lane hidden in the view is drawn")
	}
	if _, ok := s.Bounds(Key{KindEmotion, "s1"}); ok {
		t.Error("the emotion curve of a hidden emotion lane is drawn")
	}

	spot, _, _ := build(Options{Spotlight: "s2"})
	p := spot.Palette()
	if got := shapesOf(spot, Key{KindCard, "c1"})[0].Fill; got == p.CardFill[journey.LaneActions] {
		t.Error("with stage 2 in the spotlight, a card of stage 1 is not dimmed")
	}
	if got := shapesOf(spot, Key{KindCard, "c5"})[0].Fill; got != p.CardFill[journey.LaneOpportunities] {
		t.Error("a card of the spotlighted stage is dimmed")
	}
	match, _, _ := build(Options{Match: func(k Key) bool { return k.ID == "c1" }})
	if shapesOf(match, Key{KindCard, "c1"})[0].Fill != p.CardFill[journey.LaneActions] ||
		shapesOf(match, Key{KindCard, "c2"})[0].Fill == p.CardFill[journey.LaneActions] {
		t.Error("a filter does not dim what it leaves out, and only that")
	}
	legend, _, _ := build(Options{Legend: true, Palette: "presenter"})
	keys := legend.All()
	if keys[len(keys)-1].Kind != KindLegend {
		t.Fatal("the legend is not drawn, last")
	}
	if texts := strings.Join(textsOf(shapesOf(legend, keys[len(keys)-1])), "|"); !strings.Contains(texts, "severity") || !strings.Contains(texts, "effort") {
		t.Errorf("the legend says %q", texts)
	}
	if slices.ContainsFunc(s.All(), func(k Key) bool { return k.Kind == KindLegend }) {
		t.Error("a legend is drawn though not asked for")
	}
}

func TestPresenterPaletteContrast(t *testing.T) {
	p := PaletteNamed("presenter")
	pairs := map[string][2]any{
		"text on background": {p.Text, p.Background}, "text on stripe": {p.Text, p.Stripe},
		"muted on background": {p.Muted, p.Background}, "muted on stripe": {p.Muted, p.Stripe},
		"text on header": {p.Text, p.Header}, "known words on a pain point": {p.Known, p.PainFill},
		"unknown words on a pain point": {p.Unknown, p.PainFill}, "severity on known": {p.OnMarker, p.Known},
		"severity on unknown": {p.OnMarker, p.Unknown}, "UNASSIGNED on its tag": {p.OnMarker, p.Unassigned},
		"owner on the pill": {p.Text, p.Pill},
	}
	for kind, fill := range p.CardFill {
		pairs["text on a "+string(kind)+" card"] = [2]any{p.Text, fill}
	}
	for i, e := range p.Emotion {
		pairs[fmt.Sprintf("score on emotion %d", i-2)] = [2]any{p.OnMarker, e}
	}
	for name, pair := range pairs {
		a, b := pair[0].(interface{ RGBA() (r, g, b, a uint32) }), pair[1].(interface{ RGBA() (r, g, b, a uint32) })
		if c := Contrast(toNRGBA(a), toNRGBA(b)); c < 7 {
			t.Errorf("%s: contrast %.2f, want at least 7", name, c)
		}
	}
}

func TestVisibleIsOnlyWhatTheViewReaches(t *testing.T) {
	w, j := journeytest.Big(60, 8, 4)
	s := Build(w, j, Options{}, DefaultFonts())
	view := Rect{LabelWidth + 10*ColumnWidth, 900, 1200, 800}
	keys := s.Visible(view)
	items := 0
	for _, k := range keys {
		b, ok := s.Bounds(k)
		if !ok || !b.Intersects(view) {
			t.Fatalf("%v at %+v is listed but not in view", k, b)
		}
		if k.Kind == KindCard || k.Kind == KindPain {
			items++
		}
	}
	// Every item in view is listed.
	for k := range s.items {
		if b, _ := s.Bounds(k); b.Intersects(view) && !slices.Contains(keys, k) {
			t.Fatalf("%v is in view but not listed", k)
		}
	}
	if items == 0 || items > len(s.items)/10 {
		t.Errorf("%d of %d items listed for a 1200×800 view", items, len(s.items))
	}
}

func toNRGBA(c interface{ RGBA() (r, g, b, a uint32) }) (n color.NRGBA) {
	r, g, b, a := c.RGBA()
	n.R, n.G, n.B, n.A = uint8(r>>8), uint8(g>>8), uint8(b>>8), uint8(a>>8)
	return n
}

// dump is everything a scene draws, to compare two scenes.
func dump(s *Scene) []string {
	var out []string
	for _, k := range s.All() {
		b, _ := s.Bounds(k)
		out = append(out, fmt.Sprintf("%v %+v %v", k, b, s.Shapes(k, nil)))
	}
	return out
}

func TestUpdateTellsWhatChanged(t *testing.T) {
	s, w, j := build(Options{})
	apply := func(e journey.Edit, err error) []journey.Ref {
		t.Helper()
		if err == nil {
			err = e.Apply(w)
		}
		if err != nil {
			t.Fatal(err)
		}
		return e.Touches()
	}

	// New text on as many lines: that card alone.
	c1 := j.Cards[0]
	c1.Text = "longer"
	d := s.Update(w, j, apply(journey.Put(w, "j", c1, -1)))
	if d.All || d.Below >= 0 || !slices.Equal(d.Changed, []Key{{KindCard, "c1"}}) {
		t.Errorf("new text: %+v, want c1 alone", d)
	}
	// Text that takes more lines moves what is below it in its cell and in the lanes below.
	c1.Text = strings.Repeat("a much longer text ", 6)
	act := s.rows[0]
	d = s.Update(w, j, apply(journey.Put(w, "j", c1, -1)))
	if d.All || d.Below != s.rows[1].Y || !slices.Contains(d.Changed, Key{KindCard, "c2"}) || s.rows[0].H <= act.H {
		t.Errorf("a taller card: %+v (lanes %+v)", d, s.rows[:2])
	}
	// A card moved to another stage is drawn and hit there.
	c1.Stage = "s2"
	d = s.Update(w, j, apply(journey.Put(w, "j", c1, -1)))
	b, _ := s.Bounds(Key{KindCard, "c1"})
	if stage, _, _ := s.CellAt(Point{b.X + 1, b.Y + 1}); stage != "s2" || d.All {
		t.Errorf("a moved card is hit at stage %q (diff %+v)", stage, d)
	}
	if item, _ := s.ItemAt(Point{b.X + 1, b.Y + 1}); item != (Key{KindCard, "c1"}) {
		t.Errorf("the moved card is not found where it is drawn: %v", item)
	}
	// A deleted card is removed; an added one appears.
	d = s.Update(w, j, apply(journey.Remove[journey.Card](w, "j", "c2")))
	if !slices.Contains(d.Removed, Key{KindCard, "c2"}) {
		t.Errorf("delete: %+v", d)
	}
	d = s.Update(w, j, apply(journey.Put(w, "j", journey.Card{ID: "c9", Lane: "ops", Stage: "s1", Text: "New"}, -1)))
	if _, ok := s.Bounds(Key{KindCard, "c9"}); !ok || !slices.Contains(d.Changed, Key{KindCard, "c9"}) {
		t.Errorf("add: %+v", d)
	}
	// A pain point's owner renamed: its initials change.
	m := w.Members[0]
	m.Name = "Bea Cruz"
	d = s.Update(w, j, apply(journey.Put(w, "", m, -1)))
	if !slices.Equal(d.Changed, []Key{{KindPain, "p1"}}) || !slices.Contains(textsOf(shapesOf(s, Key{KindPain, "p1"})), "BC") {
		t.Errorf("owner renamed: %+v", d)
	}
	// A new stage changes the structure: everything is laid out again.
	if d = s.Update(w, j, apply(journey.Put(w, "j", journey.Stage{ID: "s3", Name: "Arrive"}, -1))); !d.All {
		t.Errorf("a new stage: %+v, want all", d)
	}
}

// TestUpdateEqualsRebuild makes random edits and checks after each that the scene brought up
// to date piece by piece draws exactly what a scene built afresh draws.
func TestUpdateEqualsRebuild(t *testing.T) {
	w, j := journeytest.Big(6, 7, 2)
	s := Build(w, j, Options{}, DefaultFonts())
	rng := rand.New(rand.NewPCG(1, 2))
	texts := []string{"Short", "A card of two lines that says a little more than the short one", strings.Repeat("Very long text ", 12)}
	steps := 300
	if testing.Short() {
		steps = 60
	}
	for step := range steps {
		j = &w.Journeys[0]
		var e journey.Edit
		var err error
		switch rng.IntN(7) {
		case 0, 1: // new text
			c := j.Cards[rng.IntN(len(j.Cards))]
			c.Text = texts[rng.IntN(len(texts))]
			e, err = journey.Put(w, j.ID, c, -1)
		case 2: // move to another cell, maybe another place in the list
			c := j.Cards[rng.IntN(len(j.Cards))]
			c.Stage = j.Stages[rng.IntN(len(j.Stages))].ID
			c.Lane = j.Lanes[rng.IntN(len(j.Lanes))].ID
			e, err = journey.Put(w, j.ID, c, rng.IntN(len(j.Cards)+1)-1)
		case 3: // add
			id := fmt.Sprintf("new-%d", step)
			e, err = journey.Put(w, j.ID, journey.Card{ID: id, Lane: j.Lanes[rng.IntN(len(j.Lanes))].ID,
				Stage: j.Stages[rng.IntN(len(j.Stages))].ID, Text: texts[rng.IntN(len(texts))]}, rng.IntN(len(j.Cards)+1))
		case 4: // delete
			e, err = journey.Remove[journey.Card](w, j.ID, j.Cards[rng.IntN(len(j.Cards))].ID)
		case 6: // to another place in the list, same cell: only the order of its cell changes
			c := j.Cards[rng.IntN(len(j.Cards))]
			e, err = journey.Put(w, j.ID, c, rng.IntN(len(j.Cards)))
		case 5: // a pain point's title or stage
			p := j.PainPoints[rng.IntN(len(j.PainPoints))]
			p.Title = texts[rng.IntN(len(texts))]
			p.Stage = j.Stages[rng.IntN(len(j.Stages))].ID
			e, err = journey.Put(w, j.ID, p, -1)
		}
		if err == nil {
			err = e.Apply(w)
		}
		if err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		j = &w.Journeys[0]
		s.Update(w, j, e.Touches())
		if got, want := dump(s), dump(Build(w, j, Options{}, DefaultFonts())); !slices.Equal(got, want) {
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Fatalf("step %d (%s): first difference\ngot  %s\nwant %s", step, e.Label(), got[i], want[i])
				}
			}
			t.Fatalf("step %d (%s): %d elements, want %d", step, e.Label(), len(got), len(want))
		}
	}
}

// TestJourneyIDOutlivesItsPlace: a journey inserted before the one on show takes its place in
// the workspace's slice; the scene must still say which journey it shows.
func TestJourneyIDOutlivesItsPlace(t *testing.T) {
	w, _ := testWorkspace()
	w.Journeys = append(w.Journeys, journey.Journey{ID: "second", Title: "Second"})
	s := Build(w, &w.Journeys[1], Options{}, DefaultFonts())
	w.Journeys[1] = journey.Journey{ID: "inserted", Title: "Inserted"}
	if got := s.JourneyID(); got != "second" {
		t.Errorf("got %q, want the journey it was built for", got)
	}
}

// TestOwnerKey: the poster's legend says who the initials on its pain points stand for, only
// the owners of this journey's, in the members' order, and counts those it has no room for.
func TestOwnerKey(t *testing.T) {
	w, j := testWorkspace()
	w.Members = append(w.Members, journey.Member{ID: "ben", Name: "Ben Okafor", Capacity: 4}, journey.Member{ID: "cy", Name: "Cy Idle", Capacity: 4})
	j.PainPoints[1].Owner = "ben"
	s := Build(w, j, Options{Legend: true}, DefaultFonts())
	if got := s.OwnerKey(); !slices.Equal(got, [][2]string{{"AR", "Ana Ruiz"}, {"BO", "Ben Okafor"}}) {
		t.Errorf("owner key %v", got)
	}
	texts := textsOf(shapesOf(s, Key{Kind: KindLegend}))
	for _, want := range []string{"AR", "Ana Ruiz", "BO", "Ben Okafor"} {
		if !slices.Contains(texts, want) {
			t.Errorf("the legend lacks %q: %q", want, texts)
		}
	}
	if slices.Contains(texts, "Cy Idle") {
		t.Error("the legend names a member who owns nothing in the journey")
	}
	for i := range 40 {
		id := fmt.Sprintf("m%02d", i)
		w.Members = append(w.Members, journey.Member{ID: id, Name: "Member " + id, Capacity: 4})
		j.PainPoints = append(j.PainPoints, journey.PainPoint{ID: "q" + id, Stage: "s1", Title: "More", Discovery: journey.Known,
			Source: journey.SourceOther, Severity: 1, Effort: 1, Owner: id, Status: journey.StatusOpen})
	}
	_, mapH := Build(w, j, Options{}, DefaultFonts()).Size()
	s = Build(w, j, Options{Legend: true}, DefaultFonts())
	texts = textsOf(shapesOf(s, Key{Kind: KindLegend}))
	for _, m := range w.Members[3:] {
		if !slices.Contains(texts, m.Name) {
			t.Fatalf("42 owners on a two-stage map: the key lacks %q", m.Name)
		}
	}
	_, h := s.Size()
	b, _ := s.Bounds(Key{Kind: KindLegend})
	if h <= mapH || b.Y+b.H < h-1 || !slices.Contains(texts, "Owners") {
		t.Errorf("a key with no room beside the legend goes under the map, headed: map %v high, with the key %v, the legend's bounds %v", mapH, h, b)
	}
}

// TestLegendClearOfTheTitle: on a map too narrow for the legend beside its title, the legend
// goes under the map rather than over the title.
func TestLegendClearOfTheTitle(t *testing.T) {
	w, j := testWorkspace()
	for _, title := range []string{"Late parcel", "A parcel arrives late, and nobody tells the customer why"} {
		j.Title = title
		s := Build(w, j, Options{Legend: true}, DefaultFonts())
		b := s.legendBounds()
		titleRect := Rect{24, 18, s.titleWidth(), HeaderHeight - 18}
		if b.Intersects(titleRect) {
			t.Errorf("%q: the legend %v is drawn over the title %v", title, b, titleRect)
		}
		if _, h := s.Size(); b.Y+b.H > h {
			t.Errorf("%q: the legend %v runs off the map, %v high", title, b, h)
		}
	}
}

// TestAnUpdateOfManyItemsLaysTheMapOutOnce: an import of thousands of pain points is laid
// out once, whole, as the map opened on it would be, not item by item (20,000 rows took the
// window 40 s that way).
func TestAnUpdateOfManyItemsLaysTheMapOutOnce(t *testing.T) {
	w, j := journeytest.Big(6, 7, 2)
	s := Build(w, j, Options{}, DefaultFonts())
	rows := journeytest.Imported(j, 4*manyItems)
	b, err := journey.PutAll(w, j.ID, "Import", rows)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Apply(w); err != nil {
		t.Fatal(err)
	}
	j = &w.Journeys[0]
	if d := s.Update(w, j, b.Touches()); !d.All {
		t.Fatalf("an import of %d pain points was updated item by item: %d changed", len(rows), len(d.Changed))
	}
	if got, want := dump(s), dump(Build(w, j, Options{}, DefaultFonts())); !slices.Equal(got, want) {
		t.Fatal("the map laid out again is not the map built anew")
	}
}
