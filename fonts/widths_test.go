package fonts

import (
	"math"
	"testing"
)

const germanSentence = "Größere Äpfel, Öl und Übermaß – „Grüße“ aus Köln: Tee, Vogel, AV-Technik."

// TestGlyphWidths checks that unkerned widths are the sums of the
// glyph widths the PDF's /W array gets.
func TestGlyphWidths(t *testing.T) {
	s := mustDefault(t)
	for _, f := range s.Faces() {
		sum := 0
		for _, r := range f.Printable(germanSentence) {
			sum += f.GlyphWidth(f.Glyph(r))
		}
		if got, want := f.UnkernedWidth(germanSentence, 10), float64(sum)*10/1000; math.Abs(got-want) > 1e-9 {
			t.Errorf("%s: UnkernedWidth %.4f, glyph widths %.4f", f.Name(), got, want)
		}
	}
}

// TestKernedWidth checks that Width adds exactly the pair kerning.
func TestKernedWidth(t *testing.T) {
	f := mustDefault(t).Serif
	rs := []rune(germanSentence)
	k := 0
	for i := 1; i < len(rs); i++ {
		k += f.Kern(rs[i-1], rs[i])
	}
	if k == 0 {
		t.Fatal("sentence has no kerning pairs")
	}
	got := f.Width(germanSentence, 12) - f.UnkernedWidth(germanSentence, 12)
	if want := float64(k) * 12 / 2048; math.Abs(got-want) > 1e-9 {
		t.Errorf("kerning contributes %.4f pt, want %.4f pt", got, want)
	}
	t.Logf("kerning in sentence: %d units = %.3f pt at 12pt", k, float64(k)*12/2048)
}
