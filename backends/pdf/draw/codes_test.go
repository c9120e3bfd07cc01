package draw

import (
	"strings"
	"testing"

	"bookc/backends/pdf/page"
	"bookc/fonts"
)

// TestPlainGlyphs checks the one-pass path of drawing text against
// prepare, glyphs and the face's measure: for every text plain accepts,
// the same string, codes, runes used and advance.
func TestPlainGlyphs(t *testing.T) {
	s, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	faces := []*fonts.Face{s.Serif, s.SerifBold, s.Mono, s.Fallback[0]}
	for i, f := range faces {
		// Every rune of the table the face draws as it is, with the
		// codes that need escaping among them.
		var all strings.Builder
		for r := rune(1); r < codeLimit; r++ {
			if s := string(r); f.Printable(s) == s {
				all.WriteRune(r)
			}
		}
		texts := []string{"", "Wort", "Größe „Rauschen“ – ½ → ∑", "a\u00ADb", "x\u200By", "\xff", "😀", "\uFFFD",
			"\u2200", all.String()}
		accepted := 0
		for _, text := range texts {
			one, two := newCanvas(faces, 800), newCanvas(faces, 800)
			if !one.plain(i, text) {
				continue
			}
			accepted++
			if got := two.prepare(&page.Text{Face: i, Size: 10, Text: text}); got != text || len(two.problems) > 0 {
				t.Errorf("face %d: plain accepts %q, which prepare makes %q (%v)", i, text, got, two.problems)
			}
			exact, w := one.plainGlyphs(i, text)
			exact2 := two.glyphs(i, text)
			if string(one.b) != string(two.b) || exact != exact2 || one.text.last != two.text.last {
				t.Errorf("face %d, %q: plainGlyphs wrote %q (exact %v), glyphs %q (exact %v)", i, text, one.b, exact, two.b, exact2)
			}
			if want := faces[i].UnkernedWidth(text, 1000); float64(w) != want {
				t.Errorf("face %d, %q: advance %d, want %g", i, text, w, want)
			}
			if one.used[i] != two.used[i] || len(one.missing) != len(two.missing) {
				t.Errorf("face %d, %q: runes used or missing differ", i, text)
			}
		}
		if accepted < 2 {
			t.Errorf("face %d: plain accepted only %d texts", i, accepted)
		}
	}
}
