package draw

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"bookc/backends/pdf/page"
	"bookc/fonts"
)

const (
	benchPages = 1400
	benchLines = 45
	benchWords = 10
)

var benchText = strings.Fields(`Ein neuronales Netz lernt Gewichte aus Beispielen – die Verlustfunktion
misst, wie weit die Vorhersage vom Ziel entfernt ist. Überanpassung heißt: Das Modell
merkt sich „Rauschen“ statt Muster … Regularisierung, Dropout und frühes Stoppen helfen.
Größere Datensätze verringern die Varianz; Maß für die Güte ist der Fehler auf Testdaten.`)

// benchDoc builds a book-sized document: benchPages pages of benchLines
// lines with benchWords word runs each, some bold or italic, an entry
// heading with anchor and bookmark on most pages and links between them.
func benchDoc(b testing.TB) *page.Doc { return bookDoc(b, benchPages) }

// bookDoc is benchDoc with n pages.
func bookDoc(b testing.TB, n int) *page.Doc {
	s, err := fonts.Default()
	if err != nil {
		b.Fatal(err)
	}
	faces := []*fonts.Face{s.Serif, s.SerifBold, s.SerifItalic, s.Mono, s.Fallback[0]}
	doc := &page.Doc{Width: 481.89, Height: 680.31, Faces: faces,
		Meta: page.Meta{Title: "Glossar", Lang: "de", Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}}
	k := 0
	for p := range n {
		pg := &page.Page{Label: fmt.Sprint(p + 1)}
		id := fmt.Sprintf("e%d", p)
		pg.Anchors = []page.Anchor{{ID: id, Y: 60}}
		doc.Outline = append(doc.Outline, page.OutlineItem{Title: "Eintrag " + id + " Überanpassung", Page: p, Y: 60})
		for l := range benchLines {
			y := 70 + float64(l)*12.5
			x := 56.0
			for range benchWords {
				w := benchText[k%len(benchText)]
				face := benchFace(k)
				pg.Texts = append(pg.Texts, page.Text{X: x, Y: y, Face: face, Size: 10, Text: w})
				x += faces[face].Width(w+" ", 10)
				k++
			}
		}
		pg.Links = []page.Link{{X: 56, Y: 100, W: 40, H: 10, Dest: fmt.Sprintf("e%d", (p+7)%n)}}
		pg.Rules = []page.Rule{{X1: 56, Y1: 640, X2: 420, Y2: 640, Width: 0.4}}
		doc.Pages = append(doc.Pages, pg)
	}
	return doc
}

// benchFace picks the face of word k: mostly regular, a bold term, an
// italic word and a code word every few lines (a face change on about
// one run in ten).
func benchFace(k int) int {
	switch k % 40 {
	case 3:
		return 1
	case 17, 18:
		return 2
	case 31:
		return 3
	}
	return 0
}

func BenchmarkWrite(b *testing.B) {
	doc := benchDoc(b)
	var size int
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		out, err := Write(doc)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.StopTimer()
	b.ReportMetric(float64(size)/1e6, "MB")
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}

// cpuTime returns the processor time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
