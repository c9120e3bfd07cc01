package layout

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"bookc/backends/pdf/page"
	"bookc/config"
)

// synthCorpus writes a glossary of n entries in the style of the author's
// entries (lead with a reference, explanation sections with bullet
// lists, a see-also list) into dir, deterministically.
func synthCorpus(t testing.TB, dir string, n int) {
	t.Helper()
	r := rand.New(rand.NewSource(7))
	first := []string{"Adaptive", "Verteilte", "Latente", "Robuste", "Kausale", "Dichte", "Hybride", "Lokale", "Globale", "Sparsame", "Tiefe", "Flache", "Generative", "Diskrete"}
	second := []string{"Einbettung", "Regularisierung", "Abfrage", "Dekodierung", "Segmentierung", "Übersetzung", "Optimierung", "Faltung", "Attention", "Pipeline", "Tokenizer", "Router", "Sampler", "Gewichtung"}
	words := strings.Fields("Das Modell Die Methode verbessert beschleunigt stabilisiert ermöglicht die Verarbeitung natürlicher Sprache großer Datenmengen Übertragbarkeit vortrainierter Gewichte Genauigkeit Zuverlässigkeit bei begrenzten Ressourcen auf handelsüblicher Hardware für mehrsprachige Korpora im industriellen Maßstab Nachvollziehbarkeit Entscheidungen Forschungsgemeinschaften Rechenaufwand Speicherbedarf während der Inferenz")
	sentence := func() string {
		k := 8 + r.Intn(10)
		var b strings.Builder
		for i := 0; i < k; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.Intn(len(words))])
		}
		return b.String() + "."
	}
	type ent struct{ id, title string }
	var es []ent
	for i := 0; len(es) < n; i++ {
		t := first[r.Intn(len(first))] + " " + second[r.Intn(len(second))] + fmt.Sprintf(" %d", i)
		es = append(es, ent{strings.ReplaceAll(t, " ", "-"), t})
	}
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: Korpus\ndate: 2026-11-01\ncontent: [.]\n"), 0o644)
	for i, e := range es {
		var b strings.Builder
		o := es[r.Intn(n)]
		fmt.Fprintf(&b, "## %s {#%s .chapter .small .term}\n\n**%s** gehört zum Umfeld von [%s](#%s).\n%s %s\n\n", e.title, e.id, e.title, o.title, o.id, sentence(), sentence())
		for s := 0; s < 2+r.Intn(4); s++ {
			fmt.Fprintf(&b, "### Abschnitt %d {.explanation}\n\n%s\n\n", s+1, sentence())
			for k := 0; k < 3+r.Intn(5); k++ {
				item := sentence()
				if r.Intn(4) == 0 {
					o := es[r.Intn(n)]
					item = fmt.Sprintf("Mehr dazu unter [%s](#%s).", o.title, o.id)
				}
				fmt.Fprintf(&b, "- **Punkt %d**: %s\n", k+1, item)
			}
			fmt.Fprintf(&b, "\n%s %s\n\n", sentence(), sentence())
		}
		b.WriteString("### Verwandte Themen {.seealso}\n\n")
		for k := 0; k < 3+r.Intn(6); k++ {
			o := es[r.Intn(n)]
			fmt.Fprintf(&b, "[%s](#%s) |\n", o.title, o.id)
		}
		b.WriteString("[Index](#Index) |\n\n----\n")
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.md", i)), []byte(b.String()), 0o644)
	}
}

// corpusDir returns the 1,000-entry corpus: $BOOKC_CORPUS if set (for
// example gencorpus's output), else a synthesised one.
func corpusDir(t testing.TB) string {
	if d := os.Getenv("BOOKC_CORPUS"); d != "" {
		return d
	}
	d := t.TempDir()
	synthCorpus(t, d, 1000)
	return d
}

// BenchmarkLayout lays out the 1,000-entry corpus, all runs included.
func BenchmarkLayout(b *testing.B) {
	doc, links, cfg := loadBook(b, corpusDir(b))
	set := defaultFonts(b)
	var st Stats
	cpu0 := cpuTime()
	for b.Loop() {
		_, st, _ = Layout(doc, links, cfg, set)
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(st.Pages), "pages")
	b.ReportMetric(float64(st.Runs), "runs")
}

// cpuTime is the process's user and system time: on a shared machine a
// steadier figure than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestCorpusQuality checks the typographic figures on the corpus.
func TestCorpusQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus layout in -short mode")
	}
	doc, links, cfg := loadBook(t, corpusDir(t))
	d, st, _ := Layout(doc, links, cfg, defaultFonts(t))
	t.Log(st)
	checkQuality(t, st)
	checkPrinted(t, d, cfg)
}

// checkPrinted reads the figures off the drawn pages and fails where
// they fall short of what the handbook promises.
func checkPrinted(t *testing.T, d *page.Doc, cfg *config.Book) {
	t.Helper()
	p := cfg.PDF
	top := float64(p.Margins.Top)
	pr := measurePrinted(d, p.FontSize, top, p.Paper.Height-top-float64(p.Margins.Bottom))
	t.Log(pr)
	for _, w := range pr.worst[:min(len(pr.worst), 12)] {
		t.Log("  ", w)
	}
	if pr.RefsInWord != 0 || pr.RefsOwnPage != 0 {
		t.Errorf("page references: %v", pr)
	}
	if pr.LooseLines*1000 > pr.BodyLines || pr.HyphenRuns3 != 0 || pr.PageEndHyph != 0 {
		t.Errorf("lines: %v", pr)
	}
	if pr.BadSpreads != 0 || pr.ShortPages != 0 {
		t.Errorf("pages: %v", pr)
	}
}

// checkQuality fails on overfull lines, widows, orphans and headings
// left at a page foot.
func checkQuality(t *testing.T, st Stats) {
	t.Helper()
	if st.OverfullLines != 0 || st.Widows != 0 || st.Orphans != 0 || st.HeadingsAtFoot != 0 {
		t.Errorf("quality: %v", st)
	}
}
