package linebreak

import (
	"testing"
	"unicode/utf8"

	"bookc/backends/pdf/hyph"
)

// FuzzBreak sets arbitrary text, split into a plain run and a run in a
// wider style, at a fixed measure and checks that no line is wider than
// the measure and that all visible text comes out in order.
func FuzzBreak(f *testing.F) {
	f.Add(germanParagraph, uint8(30), uint16(40))
	f.Add("KI-Plattform Open-Source-Modellen „Zitat“ (Klammer).", uint8(5), uint16(3))
	f.Add("Abb.\u00a03\u00a0und\u00a0S.\u00a012 Donau\u00addampf\u00adschiff", uint8(2), uint16(9))
	f.Add("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx yy", uint8(7), uint16(20))
	f.Add("a\u0301\u0302\u0303b c\u200dd e\n\n\tf -- - -x x- ­ ", uint8(0), uint16(1))
	f.Add("\xff\xfe Wort\xc3 \u00a0 \u00ad\u00ad", uint8(1), uint16(2))
	b := NewBuilder(fixedMeasurer{}, hyph.German())
	f.Fuzz(func(t *testing.T, text string, measure uint8, split uint16) {
		m := 4 + float64(measure%60)
		k := int(split) % (len(text) + 1)
		for k > 0 && k < len(text) && !utf8.RuneStart(text[k]) {
			k--
		}
		runs := []Run{
			{Text: text[:k], Payload: 0},
			{Text: text[k:], Style: 1, NoHyphenate: split&1 == 1, Payload: 1},
		}
		widths := Uniform(m)
		items := b.Build(runs, widths)
		res := Break(items, widths, DefaultParams())
		checkWidths(t, items, res)
		if got, want := drawn(items, res), visible(text); got != want {
			t.Fatalf("text changed:\n got %q\nwant %q", got, want)
		}
		for i, ln := range res.Lines {
			if !ln.Emergency && (ln.Ratio < -1 || ln.Badness > DefaultParams().Tolerance) {
				t.Errorf("line %d: ratio %v badness %v outside tolerance", i, ln.Ratio, ln.Badness)
			}
		}
	})
}

// FuzzMemoWords checks on arbitrary text that a builder remembering
// words gives the items a plain builder gives.
func FuzzMemoWords(f *testing.F) {
	f.Add(germanParagraph, uint16(40))
	f.Add("Donau\u00addampf\u00adschiff x\u00ad KI-Plattform -- a-b", uint16(9))
	f.Add("\xff\xfe Wort\xc3 \u00a0 \u00ad\u00ad Wort", uint16(2))
	plain := NewBuilder(fixedMeasurer{}, hyph.German())
	memo := NewBuilder(fixedMeasurer{}, hyph.German())
	memo.MemoWords = 64
	f.Fuzz(func(t *testing.T, text string, split uint16) {
		k := int(split) % (len(text) + 1)
		for k > 0 && k < len(text) && !utf8.RuneStart(text[k]) {
			k--
		}
		runs := []Run{{Text: text[:k] + " " + text, Payload: 1}, {Text: text[k:], Style: 1, NoHyphenate: split&1 == 1, Payload: 2}}
		want := plain.Build(runs, Uniform(20))
		for range 2 {
			got := memo.Build(runs, Uniform(20))
			if len(got) != len(want) {
				t.Fatalf("%d items, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("item %d: %+v, want %+v", i, got[i], want[i])
				}
			}
		}
	})
}
