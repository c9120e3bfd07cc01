package linebreak

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// words returns boxes of the given widths separated by standard glue and
// followed by the paragraph end.
func words(ws ...float64) []Item {
	var items []Item
	for i, w := range ws {
		if i > 0 {
			items = append(items, Glue(1, 0.5, 1.0/3))
		}
		items = append(items, Box(w))
	}
	return append(items, Penalty(0, Infinity, false), Glue(0, math.Inf(1), 0), Penalty(0, -Infinity, false))
}

func TestBreakTable(t *testing.T) {
	tests := []struct {
		name    string
		items   []Item
		widths  LineWidths
		breaks  []int
		pass    int
		overful int
	}{
		{"empty", nil, Uniform(10), nil, 0, 0},
		{"one line", words(3, 3), Uniform(10), []int{5}, 1, 0},
		{"two lines exact", words(4, 5, 4, 5), Uniform(10), []int{3, 9}, 1, 0},
		{"shrink", words(5, 5, 5, 5), Uniform(10.7), []int{3, 9}, 1, 0},
		{"hanging indent", words(2, 2, 4, 4, 4, 4), LineWidths{First: []float64{5}, Rest: 9}, []int{3, 7, 13}, 1, 0},
		{"no final penalty", []Item{Box(3), Glue(1, 1, 0), Box(3)}, Uniform(7), []int{3}, 1, 0},
		{"box too wide", words(4, 20, 4), Uniform(10), []int{1, 3, 7}, 3, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Break(tc.items, tc.widths, DefaultParams())
			if !slices.Equal(res.Breaks, tc.breaks) {
				t.Errorf("breaks = %v, want %v", res.Breaks, tc.breaks)
			}
			if res.Pass != tc.pass {
				t.Errorf("pass = %d, want %d", res.Pass, tc.pass)
			}
			if got := res.Stats().OverfullLines; got != tc.overful {
				t.Errorf("overfull lines = %d, want %d", got, tc.overful)
			}
		})
	}
}

func TestForcedBreakMidParagraph(t *testing.T) {
	items := []Item{Box(2), Penalty(0, Infinity, false), Glue(0, math.Inf(1), 0), Penalty(0, -Infinity, false), Box(3)}
	items = append(items, words()...)
	res := Break(items, Uniform(20), DefaultParams())
	if !slices.Equal(res.Breaks, []int{3, 7}) {
		t.Fatalf("breaks = %v, want [3 7]", res.Breaks)
	}
	if res.Lines[1].Start != 4 {
		t.Errorf("second line starts at %d, want 4", res.Lines[1].Start)
	}
}

func TestFirstPassIgnoresAutoHyphens(t *testing.T) {
	auto := Item{Kind: KindPenalty, Width: 1, Cost: 50, Flagged: true, Auto: true}
	items := []Item{Box(2), Glue(1, 0.5, 1.0/3), Box(4), auto, Box(4), Glue(1, 0.5, 1.0/3), Box(2)}
	items = append(items, words()...)
	res := Break(items, Uniform(14), DefaultParams())
	if res.Pass != 1 || len(res.Lines) != 1 {
		t.Fatalf("wide: pass %d, %d lines; want pass 1, 1 line", res.Pass, len(res.Lines))
	}
	res = Break(items, Uniform(8), DefaultParams())
	if res.Pass != 2 || res.Breaks[0] != 3 || !res.Lines[0].Hyphen || !res.Lines[0].Flagged {
		t.Errorf("narrow: pass %d breaks %v line0 %+v", res.Pass, res.Breaks, res.Lines[0])
	}
}

func TestDemerits(t *testing.T) {
	b := &breaker{p: DefaultParams()}
	plain := &activeNode{fit: fitDecent}
	hyph := &activeNode{fit: fitDecent, flagged: true}
	base := (10.0 + 5) * (10 + 5)
	tests := []struct {
		name    string
		cost    float64
		flagged bool
		final   bool
		fit     uint8
		from    *activeNode
		want    float64
	}{
		{"plain", 0, false, false, fitDecent, plain, base},
		{"penalty", 50, true, false, fitDecent, plain, base + 2500},
		{"bonus", -50, false, false, fitDecent, plain, base - 2500},
		{"forced", -Infinity, false, false, fitDecent, plain, base},
		{"double hyphen", 50, true, false, fitDecent, hyph, base + 2500 + 10000},
		{"final hyphen", -Infinity, true, true, fitDecent, hyph, base + 5000},
		{"adjacent classes", 0, false, false, fitLoose, plain, base},
		{"distant classes", 0, false, false, fitVeryLoose, plain, base + 10000},
	}
	for _, tc := range tests {
		if got := b.demerits(5, tc.cost, tc.flagged, tc.final, tc.fit, tc.from); got != tc.want {
			t.Errorf("%s: demerits = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestGlueWidthAndLines(t *testing.T) {
	items := words(4, 4, 20)
	items[2].Text, items[0].Text = "b", "a"
	res := Break(items, Uniform(11), DefaultParams())
	lays := Lines(items, res)
	if len(lays) != 2 {
		t.Fatalf("%d lines", len(lays))
	}
	l0 := lays[0]
	if len(l0.Segments) != 2 || math.Abs(l0.Width-11) > 1e-9 || math.Abs(l0.Segments[1].X-7) > 1e-9 {
		t.Errorf("line 0 = %+v", l0)
	}
	if lays[1].Line.Overfull != true || lays[1].Line.Emergency != true {
		t.Errorf("line 1 should be an overfull emergency line: %+v", lays[1].Line)
	}
}

func TestSkipEmergency(t *testing.T) {
	p := DefaultParams()
	p.SkipEmergency = true
	items := words(6, 6, 6)
	// Without the emergency pass, TeX's fallback yields an overfull line.
	res := Break(items, Uniform(10), p)
	if st := res.Stats(); res.Pass != 2 || st.Lines != 2 || st.OverfullLines != 1 {
		t.Fatalf("pass %d stats %+v", res.Pass, st)
	}
	p.SkipEmergency = false
	res = Break(items, Uniform(10), p)
	st := res.Stats()
	if res.Pass != 3 || st.EmergencyLines != 2 || st.OverfullLines != 0 {
		t.Errorf("pass %d stats %+v", res.Pass, st)
	}
}

func TestManyWordsLinear(t *testing.T) {
	text := strings.Repeat(germanParagraph+" ", 25)
	_, res, items := setText(t, text, 60)
	checkWidths(t, items, res)
	if len(res.Lines) < 100 {
		t.Errorf("only %d lines", len(res.Lines))
	}
}

// TestBreakInto checks that reusing a result's storage gives the result
// Break gives.
func TestBreakInto(t *testing.T) {
	_, want, items := setText(t, germanParagraph, 40)
	var res Result
	for _, m := range []float64{20, 60, 40} {
		res = BreakInto(res, items, Uniform(m), DefaultParams())
	}
	if !reflect.DeepEqual(res, want) {
		t.Errorf("BreakInto = %+v, want %+v", res, want)
	}
}
