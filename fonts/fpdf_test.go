package fonts

import (
	"math"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

const germanSentence = "Größere Äpfel, Öl und Übermaß – „Grüße“ aus Köln: Tee, Vogel, AV-Technik."

// TestWidthMatchesFpdf checks that unkerned widths agree with what fpdf
// measures (and writes to the PDF width array) for every bundled face.
func TestWidthMatchesFpdf(t *testing.T) {
	s := mustDefault(t)
	pdf := fpdf.New("P", "pt", "A4", "")
	for _, f := range s.Faces() {
		pdf.AddUTF8FontFromBytes(f.Name(), "", f.Data())
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	for _, size := range []float64{9, 11.5, 12} {
		for _, f := range s.Faces() {
			pdf.SetFont(f.Name(), "", size)
			want := pdf.GetStringWidth(germanSentence)
			got := f.UnkernedWidth(germanSentence, size)
			if math.Abs(got-want) > 0.01 {
				t.Errorf("%s at %gpt: UnkernedWidth %.4f, fpdf %.4f", f.Name(), size, got, want)
			} else if got != want {
				t.Logf("%s at %gpt: differs by %g", f.Name(), size, got-want)
			}
			a := float64(f.Advance('a')) * size / float64(f.UnitsPerEm())
			if math.Abs(a-pdf.GetStringWidth("a")) > 0.01 {
				t.Errorf("%s: advance of 'a' %.4f pt, fpdf %.4f pt", f.Name(), a, pdf.GetStringWidth("a"))
			}
		}
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
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
