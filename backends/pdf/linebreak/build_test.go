package linebreak

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"bookc/backends/pdf/hyph"
)

// sketch renders items compactly: box texts, " " for glue, "$" for
// infinite glue, "·" automatic hyphen, "=" soft hyphen, "|" break after an
// explicit hyphen, "^" forbidden break, "!" forced break, "%" other.
func sketch(items []Item) string {
	var sb strings.Builder
	for _, it := range items {
		switch {
		case it.Kind == KindBox:
			sb.WriteString(it.Text)
		case it.Kind == KindGlue && infStretch(it.Stretch):
			sb.WriteByte('$')
		case it.Kind == KindGlue:
			sb.WriteByte(' ')
		case it.Cost >= Infinity:
			sb.WriteByte('^')
		case it.Cost <= -Infinity:
			sb.WriteByte('!')
		case it.Auto:
			sb.WriteString("·")
		case it.Flagged && it.Width > 0:
			sb.WriteByte('=')
		case it.Flagged:
			sb.WriteByte('|')
		default:
			sb.WriteByte('%')
		}
	}
	return sb.String()
}

func TestBuildItems(t *testing.T) {
	code := func(s string) Run { return Run{Text: s, NoHyphenate: true} }
	tests := []struct {
		name string
		runs []Run
		want string
	}{
		{"hyphenated", []Run{{Text: "Silbentrennung"}}, "Sil·ben·tren·nung^$!"},
		{"explicit hyphen", []Run{{Text: "KI-Plattform"}}, "KI-|Platt·form^$!"},
		{"two explicit hyphens", []Run{{Text: "Open-Source-Modellen"}}, "Open-|Source-|Mo·del·len^$!"},
		{"dash without break", []Run{{Text: "--verbose -x Vor-"}}, "--verbose -x Vor-^$!"},
		{"en dash", []Run{{Text: "1990–2000"}}, "1990–|2000^$!"},
		{"punctuation", []Run{{Text: "„Silbentrennung“, (Übersetzung)."}}, "„Sil·ben·tren·nung“, (Über·set·zung).^$!"},
		{"soft hyphen", []Run{{Text: "Donau\u00addampf\u00adschiff"}}, "Do·nau=dampf=schiff^$!"},
		{"soft and explicit", []Run{{Text: "KI-Platt\u00adform"}}, "KI-|Platt=form^$!"},
		{"soft after hyphen", []Run{{Text: "KI-\u00adPlattform"}}, "KI-|Platt·form^$!"},
		{"nbsp", []Run{{Text: "Abb.\u00a03 zeigt"}}, "Abb.^ 3 zeigt^$!"},
		{"spaces collapse", []Run{{Text: "  a \n\t b  "}}, "a b^$!"},
		{"code", []Run{{Text: "siehe "}, code("Silbentrennung foo-bar")}, "siehe Silbentrennung foo-bar^$!"},
		{"mixed case", []Run{{Text: "PyTorch TensorFlow"}}, "PyTorch TensorFlow^$!"},
		{"word across runs", []Run{{Text: "Sprach", Style: 1}, {Text: "modell"}}, "Sprach·mo·dell^$!"},
		{"code inside word", []Run{{Text: "Sprach"}, code("modell")}, "Sprachmodell^$!"},
		{"hard break", []Run{{Text: "a b "}, {HardBreak: true}, {Text: " c"}}, "a b^$!c^$!"},
		{"empty", nil, "^$!"},
	}
	b := NewBuilder(fixedMeasurer{}, hyph.German())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sketch(b.Build(tc.runs, Uniform(100))); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestBuildWidthsAndStyles(t *testing.T) {
	items := NewBuilder(fixedMeasurer{}, hyph.German()).Build(
		[]Run{{Text: "Sprach", Style: 1, Payload: 7}, {Text: "modell ab", Payload: 8}}, Uniform(100))
	want := []Item{
		{Kind: KindBox, Width: 12, Text: "Sprach", Style: 1, Payload: 7},
		{Kind: KindPenalty, Width: 2, Cost: 50, Flagged: true, Auto: true, Style: 1, Payload: 7, Text: "-"},
		{Kind: KindBox, Width: 2, Text: "mo", Payload: 8},
		{Kind: KindPenalty, Width: 1, Cost: 50, Flagged: true, Auto: true, Payload: 8, Text: "-"},
		{Kind: KindBox, Width: 4, Text: "dell", Payload: 8},
		{Kind: KindGlue, Width: 1, Stretch: 0.5, Shrink: 1.0 / 3, Payload: 8},
		{Kind: KindBox, Width: 2, Text: "ab", Payload: 8},
	}
	for i, w := range want {
		if items[i] != w {
			t.Errorf("item %d = %+v, want %+v", i, items[i], w)
		}
	}
}

func TestSpecialSpaces(t *testing.T) {
	items := NewBuilder(fixedMeasurer{}, nil).Build([]Run{{Text: "z.\u202fB. a\u00a0b 10\u2007000"}}, Uniform(100))
	var glue []Item
	for _, it := range items {
		if it.Kind == KindGlue && !infStretch(it.Stretch) {
			glue = append(glue, it)
		}
	}
	want := []Item{
		{Kind: KindGlue, Width: 0.5},
		{Kind: KindGlue, Width: 1, Stretch: 0.5, Shrink: 1.0 / 3},
		{Kind: KindGlue, Width: 1, Stretch: 0.5, Shrink: 1.0 / 3},
		{Kind: KindGlue, Width: 1, Stretch: 0.5, Shrink: 1.0 / 3},
		{Kind: KindGlue, Width: 1},
	}
	if len(glue) != len(want) {
		t.Fatalf("glue = %+v", glue)
	}
	for i := range want {
		if glue[i] != want[i] {
			t.Errorf("glue %d = %+v, want %+v", i, glue[i], want[i])
		}
	}
	if got := sketch(items); got != "z.^ B. a^ b 10^ 000^$!" {
		t.Errorf("sketch = %s", got)
	}
}

// With PartPenalty at Infinity, a compound written with hyphens breaks
// at its hyphens only, as in TeX.
func TestHardHyphenOnlyAfterHyphen(t *testing.T) {
	text := "Eine KI-Plattform nutzt Open-Source-Modellen und KI-Plattform."
	afterHyphen := 0
	b := NewBuilder(fixedMeasurer{}, hyph.German())
	b.PartPenalty = Infinity
	for m := 9.0; m <= 40; m++ {
		items := b.Build([]Run{{Text: text}}, Uniform(m))
		res := Break(items, Uniform(m), DefaultParams())
		var lines []string
		for _, lay := range Lines(items, res) {
			lines = append(lines, renderLine(lay))
		}
		checkWidths(t, items, res)
		for i, ln := range res.Lines {
			if ln.Hyphen {
				t.Errorf("measure %v: line %q ends with a drawn hyphen", m, lines[i])
			}
			if ln.Flagged {
				afterHyphen++
				if !strings.HasSuffix(lines[i], "-") {
					t.Errorf("measure %v: flagged line %q does not end after a hyphen", m, lines[i])
				}
			}
		}
	}
	if afterHyphen == 0 {
		t.Error("no line ever broke after an explicit hyphen")
	}
}

// The parts of a compound written with hyphens are hyphenated at a cost
// above that of its hyphens, so that a line breaks inside a part only
// where that is much better than breaking at a hyphen.
func TestCompoundPartsCostMore(t *testing.T) {
	b := NewBuilder(fixedMeasurer{}, hyph.German())
	items := b.Build([]Run{{Text: "Open-Core-Modell"}}, Uniform(100))
	var costs []float64
	for _, it := range items {
		if it.Kind == KindPenalty && it.Flagged {
			costs = append(costs, it.Cost)
		}
	}
	// After "Open-", after "Core-", inside "Mo-dell".
	want := []float64{b.ExHyphenPenalty, b.ExHyphenPenalty, b.HyphenPenalty + b.PartPenalty}
	if !slices.Equal(costs, want) {
		t.Errorf("costs %v, want %v (%s)", costs, want, sketch(items))
	}
	// A measure where the compound's hyphens leave a loose line and a
	// break inside its last part does not.
	text := "Übergang zu einem Open-Core-Modell mit Enterprise-Diensten"
	looser := func(pp float64) float64 {
		b := NewBuilder(fixedMeasurer{}, hyph.German())
		b.PartPenalty = pp
		items := b.Build([]Run{{Text: text}}, Uniform(22))
		res := Break(items, Uniform(22), DefaultParams())
		worst := 0.0
		for _, ln := range res.Lines[:len(res.Lines)-1] {
			worst = max(worst, ln.Ratio)
		}
		return worst
	}
	if with, without := looser(b.PartPenalty), looser(Infinity); with >= without {
		t.Errorf("worst ratio %.2f with part hyphens, %.2f without: no gain", with, without)
	}
}

func TestNBSPNeverBreaks(t *testing.T) {
	text := "Siehe Abb.\u00a03 und S.\u00a012 sowie Kap.\u00a07 im Anhang, dort\u202fsteht 10\u00a0000 Mal mehr."
	for m := 10.0; m <= 50; m++ {
		lines, res, items := setText(t, text, m)
		checkWidths(t, items, res)
		for _, l := range lines {
			for _, bad := range []string{"Abb.", "S.", "Kap.", "dort", "10"} {
				if strings.HasSuffix(l, bad) {
					t.Errorf("measure %v: line %q ends at a no-break space", m, l)
				}
			}
		}
	}
}

// With PartPenalty at Infinity, soft hyphens are a word's only breaks.
func TestSoftHyphen(t *testing.T) {
	text := "Die Donau\u00addampf\u00adschiff\u00adfahrt fährt."
	b := NewBuilder(fixedMeasurer{}, hyph.German())
	b.PartPenalty = Infinity
	for m := 10.0; m <= 20; m++ {
		items := b.Build([]Run{{Text: text}}, Uniform(m))
		res := Break(items, Uniform(m), DefaultParams())
		var lines []string
		for _, lay := range Lines(items, res) {
			lines = append(lines, renderLine(lay))
		}
		checkWidths(t, items, res)
		for i, l := range lines {
			if strings.ContainsRune(l, softHyphen) {
				t.Errorf("soft hyphen drawn in %q", l)
			}
			if res.Lines[i].Hyphen {
				ok := false
				for _, p := range []string{"Donau-", "dampf-", "schiff-"} {
					ok = ok || strings.HasSuffix(l, p)
				}
				if !ok {
					t.Errorf("measure %v: hyphen not at a soft hyphen: %q", m, l)
				}
			}
		}
	}
}

func TestLastLineRagged(t *testing.T) {
	_, res, items := setText(t, germanParagraph, 60)
	lays := Lines(items, res)
	last := lays[len(lays)-1]
	if last.Line.Fills == 0 || last.Line.Ratio > 0 || last.Line.Fill <= 0 {
		t.Errorf("last line not ragged: %+v", last.Line)
	}
	if lastSeg := last.Segments[len(last.Segments)-1]; lastSeg.X+lastSeg.Width >= 60 {
		t.Errorf("last line text reaches the measure")
	}
}

func TestJustifiedRatios(t *testing.T) {
	p := DefaultParams()
	for _, m := range []float64{35, 50, 65, 80} {
		_, res, items := setText(t, germanParagraph, m)
		checkWidths(t, items, res)
		for i, lay := range Lines(items, res) {
			ln := lay.Line
			if ln.Ratio < -1 {
				t.Errorf("measure %v line %d: ratio %v < -1", m, i, ln.Ratio)
			}
			if !ln.Emergency && ln.Badness > p.Tolerance {
				t.Errorf("measure %v line %d: badness %v above tolerance", m, i, ln.Badness)
			}
			if ln.Fills == 0 && len(lay.Segments) > 1 && math.Abs(lay.Width-m) > 1e-6 {
				t.Errorf("measure %v line %d: justified width %v", m, i, lay.Width)
			}
		}
	}
}

func TestEmergencyLinesReported(t *testing.T) {
	_, res, items := setText(t, "Aufmerksamkeitsmechanismus und Wahrscheinlichkeitsverteilung", 21)
	checkWidths(t, items, res)
	st := res.Stats()
	if res.Pass != 3 || st.EmergencyLines == 0 || st.OverfullLines != 0 {
		t.Errorf("pass %d stats %+v", res.Pass, st)
	}
}

// visible drops the characters the builder does not draw (spaces, no-break
// spaces, soft hyphens), keeping all other bytes.
func visible(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) && !isNoBreakSpace(r) && r != softHyphen {
			sb.WriteString(s[i : i+size])
		}
		i += size
	}
	return sb.String()
}

// drawn concatenates the text of all segments of all lines.
func drawn(items []Item, res Result) string {
	var sb strings.Builder
	for _, lay := range Lines(items, res) {
		for _, s := range lay.Segments {
			sb.WriteString(s.Text)
		}
	}
	return sb.String()
}

func TestLongWordSplit(t *testing.T) {
	long := strings.Repeat("x", 100000)
	text := "Ein sehr langes Wort: " + long + " und danach normaler Text."
	_, res, items := setText(t, text, 50)
	checkWidths(t, items, res)
	if got := drawn(items, res); got != visible(text) {
		t.Errorf("text not preserved (len %d vs %d)", len(got), len(visible(text)))
	}
	if n := len(res.Lines); n < 2000 || n > 2010 {
		t.Errorf("%d lines for a 100000-character word at measure 50", n)
	}
}

func TestUnbreakableNBSPChainSplit(t *testing.T) {
	text := strings.Repeat("ab\u00a0", 30) + "Ende"
	_, res, items := setText(t, text, 10)
	checkWidths(t, items, res)
	if got := drawn(items, res); got != visible(text) {
		t.Errorf("text not preserved: %q", got)
	}
}

func TestHangingIndent(t *testing.T) {
	widths := LineWidths{First: []float64{25, 25}, Rest: 45}
	lines, res, items := setRuns(t, []Run{{Text: germanParagraph}}, widths)
	checkWidths(t, items, res)
	for i, ln := range res.Lines {
		if ln.Measure != widths.At(i) {
			t.Errorf("line %d measure %v, want %v", i, ln.Measure, widths.At(i))
		}
	}
	if len(lines[0]) > 30 || len(lines[2]) < 35 {
		t.Errorf("hanging indent not applied: %q / %q", lines[0], lines[2])
	}
}

func TestStatsParagraph(t *testing.T) {
	_, res, _ := setText(t, germanParagraph, 50)
	st := res.Stats()
	if st.Lines != len(res.Lines) || st.JustifiedLines != st.Lines-1 {
		t.Errorf("stats %+v", st)
	}
	if st.DrawnHyphens > st.HyphenatedLines || st.MaxConsecutiveHyphens > st.HyphenatedLines {
		t.Errorf("inconsistent hyphen counts %+v", st)
	}
	if st.MaxShrink > 1 || st.MeanRatio > st.MaxStretch {
		t.Errorf("inconsistent ratios %+v", st)
	}
}

func TestPathologicalInputs(t *testing.T) {
	tests := map[string]string{
		"dashes":       strings.Repeat("-", 10000),
		"short parts":  strings.Repeat("a-", 5000),
		"soft hyphens": strings.Repeat("ab\u00ad", 3000),
		"spaces":       strings.Repeat(" ", 10000) + "x",
		"nbsp chain":   strings.Repeat("ab\u00a0", 3000),
		"marks":        "a" + strings.Repeat("\u0301", 10000),
		"long words":   strings.Repeat("Silbentrennung ", 2000),
		"hyphen words": strings.Repeat("Wort-", 2000),
		"zwj emoji":    strings.Repeat("👩\u200d💻", 500),
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			_, res, items := setText(t, text, 12)
			checkWidths(t, items, res)
			if got := drawn(items, res); got != visible(text) {
				t.Errorf("text not preserved")
			}
		})
	}
}

// TestMemoWords checks that remembering words changes no item: the same
// runs, built twice by a memoising builder (the second time from the
// memo), give what a plain builder gives, payloads included.
func TestMemoWords(t *testing.T) {
	runs := [][]Run{
		{{Text: germanParagraph, Payload: 1}},
		{{Text: "Donau\u00addampf\u00adschiff KI-Plattform Open-Source-Modell", Payload: 2},
			{Text: "Wort", Style: 1, Payload: 3}, {Text: "teil Wort Wort-Teil", Style: 1, NoHyphenate: true, Payload: 4}},
		{{Text: "Verarbeitung natürlicher Sprache, Verarbeitung (Sprache).", Payload: 5},
			{Text: "Verarbeitung", Style: 1, Payload: 6}, {HardBreak: true}, {Text: "Sprache Verarbeitung", Payload: 7}},
	}
	plain := NewBuilder(fixedMeasurer{}, hyph.German())
	memo := NewBuilder(fixedMeasurer{}, hyph.German())
	memo.MemoWords = 8 // small, so that the memo is also cleared
	for round := range 2 {
		for i, rs := range runs {
			want := plain.Build(rs, Uniform(30))
			got := memo.BuildInto(nil, rs, Uniform(30))
			if len(got) != len(want) {
				t.Fatalf("round %d, runs %d: %d items, want %d", round, i, len(got), len(want))
			}
			for k := range want {
				if got[k] != want[k] {
					t.Errorf("round %d, runs %d, item %d: %+v, want %+v", round, i, k, got[k], want[k])
				}
			}
		}
	}
	if len(memo.memo) == 0 {
		t.Error("nothing remembered")
	}
}
