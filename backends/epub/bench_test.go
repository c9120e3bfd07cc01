package epub

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"bookc/book/booktest"
	"bookc/parse"
)

var (
	benchWords = []string{"Adaptive", "Kontrastive", "Generative", "Föderierte", "Überwachte", "Latente", "Robuste", "Spärliche"}
	benchNouns = []string{"Aufmerksamkeit", "Einbettung", "Tokenisierung", "Destillation", "Übersetzung", "Quantisierung", "Kodierung"}
	benchText  = "Das Verfahren verbessert die Verarbeitung natürlicher Sprache bei begrenzten Ressourcen und unter realistischen Bedingungen."
)

// corpus writes n entries in the style of shared/tools/gencorpus: one
// chapter per entry, sections with bullet lists, cross-references and a
// see-also line ending in the index.
func corpus(n int) [][]byte {
	r := rand.New(rand.NewSource(1))
	titles := make([]string, n)
	ids := make([]string, n)
	for i := range titles {
		titles[i] = fmt.Sprintf("%s %s %d", benchWords[r.Intn(len(benchWords))], benchNouns[r.Intn(len(benchNouns))], i)
		ids[i] = parse.Slug(titles[i])
	}
	files := make([][]byte, n)
	for i := range files {
		var b strings.Builder
		fmt.Fprintf(&b, "## %s {#%s .chapter .small .term}\n\n", titles[i], ids[i])
		o := r.Intn(n)
		fmt.Fprintf(&b, "**%s** gehört zum Umfeld der [%s](#%s).\n%s\n\n", titles[i], titles[o], ids[o], benchText)
		for s := 0; s < 2+r.Intn(4); s++ {
			fmt.Fprintf(&b, "### Abschnitt %d {.explanation}\n\n%s\n\n", s+1, benchText)
			for k := 0; k < 3+r.Intn(5); k++ {
				o := r.Intn(n)
				fmt.Fprintf(&b, "- **Punkt %d**: %s Siehe [%s](#%s).\n", k, benchText, titles[o], ids[o])
			}
			b.WriteString("\n")
		}
		b.WriteString("### Verwandte Themen {.seealso}\n\n")
		for k := 0; k < 3+r.Intn(7); k++ {
			o := r.Intn(n)
			fmt.Fprintf(&b, "[%s](#%s) |\n", titles[o], ids[o])
		}
		b.WriteString("[Index](#Index) |\n\n----\n")
		files[i] = []byte(b.String())
	}
	return files
}

// corpusBook writes a generated corpus of n entries as a book and loads
// it.
func corpusBook(tb testing.TB, n int) *testBook {
	files := map[string]string{"book.yaml": "title: Benchmark\nauthor: bookc\ndate: 2026-11-01\n"}
	for i, data := range corpus(n) {
		files[fmt.Sprintf("content/%05d.md", i)] = string(data)
	}
	b, ds := booktest.Files(tb, files)
	return &testBook{Book: b, ds: ds}
}

// BenchmarkRender renders a 1,000-entry glossary; parsing and linking are
// outside the timing.
func BenchmarkRender(b *testing.B) {
	bk := corpusBook(b, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out, _ := bk.render(b)
		b.SetBytes(int64(len(out)))
	}
}
