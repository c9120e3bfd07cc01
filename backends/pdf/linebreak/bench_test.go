package linebreak

import (
	"strings"
	"testing"

	"bookc/backends/pdf/hyph"
)

// paragraphWords returns the first n words of the repeated sample text.
func paragraphWords(n int) string {
	src := strings.Fields(germanParagraph)
	out := make([]string, n)
	for i := range out {
		out[i] = src[i%len(src)]
	}
	return strings.Join(out, " ")
}

// benchItems builds the items for n words.
func benchItems(b *testing.B, n int) []Item {
	b.Helper()
	return NewBuilder(fixedMeasurer{}, hyph.German()).Build([]Run{{Text: paragraphWords(n)}}, Uniform(65))
}

func benchBreak(b *testing.B, words int, measure float64) {
	items := benchItems(b, words)
	widths := Uniform(measure)
	p := DefaultParams()
	var res Result
	b.ReportAllocs()
	for b.Loop() {
		res = Break(items, widths, p)
	}
	b.ReportMetric(float64(res.Pass), "pass")
	b.ReportMetric(float64(len(res.Lines)), "lines")
}

// BenchmarkBreakParagraph breaks a 300-word German paragraph with
// hyphenation points at a 65-character measure.
func BenchmarkBreakParagraph(b *testing.B) {
	benchBreak(b, 300, 65)
}

// BenchmarkBreak2000Words breaks a 2,000-word paragraph.
func BenchmarkBreak2000Words(b *testing.B) {
	benchBreak(b, 2000, 65)
}

// BenchmarkBreakNarrow breaks 300 words at a 30-character measure, which
// needs the emergency pass.
func BenchmarkBreakNarrow(b *testing.B) {
	benchBreak(b, 300, 30)
}

// BenchmarkBuildParagraph builds the items of a 300-word paragraph,
// including hyphenation.
func BenchmarkBuildParagraph(b *testing.B) {
	text := paragraphWords(300)
	bl := NewBuilder(fixedMeasurer{}, hyph.German())
	runs := []Run{{Text: text}}
	b.ReportAllocs()
	for b.Loop() {
		_ = bl.Build(runs, Uniform(65))
	}
}

// BenchmarkLines lays out a broken 300-word paragraph.
func BenchmarkLines(b *testing.B) {
	items := benchItems(b, 300)
	res := Break(items, Uniform(65), DefaultParams())
	b.ReportAllocs()
	for b.Loop() {
		_ = Lines(items, res)
	}
}
