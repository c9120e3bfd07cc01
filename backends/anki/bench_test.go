package anki

import (
	"fmt"
	"strings"
	"testing"

	"bookc/ast"
	"bookc/config"
	"bookc/link"
	"bookc/parse"
)

// syntheticBook returns n entries shaped like the glossary's: a lead with
// emphasis and a reference, explanation sections with lists, a footnote
// and a see-also list.
func syntheticBook(tb testing.TB, n int) (*ast.Document, *link.Links, *config.Book) {
	tb.Helper()
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "## Begriff %d {#B%d .chapter .small .term}\n\n", i, i)
		fmt.Fprintf(&b, "**Begriff %d** ist ein *Fachwort* aus dem Umfeld von [Begriff %d](#B%d).\n", i, (i+7)%n, (i+7)%n)
		b.WriteString("Das Verfahren verbessert die Verarbeitung natürlicher Sprache bei begrenzten Ressourcen.[^1]\n\n")
		for s := range 3 {
			fmt.Fprintf(&b, "### Abschnitt %d {.explanation}\n\nEinleitung.\n\n", s)
			for k := range 5 {
				fmt.Fprintf(&b, "- **Punkt %d**: Die Methode ermöglicht `x < y` & mehr.\n", k)
			}
			b.WriteString("\nSchluss.\n\n")
		}
		b.WriteString("### Verwandte Themen {.seealso}\n\n")
		for k := 1; k <= 5; k++ {
			fmt.Fprintf(&b, "[Begriff %d](#B%d) |\n", (i+k)%n, (i+k)%n)
		}
		b.WriteString("[Index](#Index) |\n\n[^1]: Eine Anmerkung.\n\n----\n\n")
	}
	entries, ds := parse.File("corpus.md", []byte(b.String()), "de")
	if ds.HasErrors() {
		tb.Fatal(ds)
	}
	doc := &ast.Document{Entries: entries}
	parse.AssignIDs(doc)
	links, _ := link.Resolve(doc, "de")
	cfg, cds := config.Parse("book.yaml", []byte("title: Korpus\nid: korpus\nanki:\n  back: [lead, explanation]\n"))
	if cfg == nil {
		tb.Fatal(cds)
	}
	cfg.Dir = tb.TempDir()
	return doc, links, cfg
}

func TestSyntheticBook(t *testing.T) {
	doc, links, cfg := syntheticBook(t, 200)
	out, ds, err := render(doc, links, cfg)
	if err != nil || len(ds) != 0 {
		t.Fatal(err, ds)
	}
	f, err := readAnkiFile(out.CSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Rows) != 200 {
		t.Errorf("%d rows", len(f.Rows))
	}
}

func BenchmarkRender(b *testing.B) {
	doc, links, cfg := syntheticBook(b, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	var size int
	for b.Loop() {
		out, _, err := render(doc, links, cfg)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out.CSV)
	}
	b.ReportMetric(float64(size), "bytes/csv")
}
