package pdf

import (
	"os"
	"syscall"
	"testing"
	"time"

	"bookc/backends/pdf/draw"
	"bookc/backends/pdf/layout"
	"bookc/book"
	"bookc/book/booktest"
)

// BenchmarkRender lays out and draws the book in $BOOKC_CORPUS (for
// example gencorpus's 1,000 entries).
func BenchmarkRender(b *testing.B) {
	dir := os.Getenv("BOOKC_CORPUS")
	if dir == "" {
		b.Skip("set BOOKC_CORPUS to a book folder")
	}
	bk, _ := booktest.Load(b, dir)
	cpu0 := cpuTime()
	for b.Loop() {
		// A new book each time: the layout is made once per book.
		fresh := &book.Book{Config: bk.Config, Doc: bk.Doc, Links: bk.Links}
		if _, _, err := Render(fresh); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkStages times the two stages of Render apart on the book in
// $BOOKC_CORPUS: layout-ms (measuring, line breaking, pagination and the
// reference runs) and draw-ms (content streams, fonts, structure tree,
// compression), with the layout runs and the pages.
func BenchmarkStages(b *testing.B) {
	dir := os.Getenv("BOOKC_CORPUS")
	if dir == "" {
		b.Skip("set BOOKC_CORPUS to a book folder")
	}
	bk, _ := booktest.Load(b, dir)
	doc, links, cfg := bk.Doc, bk.Links, bk.Config
	set, _ := Fonts(cfg)
	var lay, drw time.Duration
	var st layout.Stats
	for b.Loop() {
		t0 := time.Now()
		d, s, _ := layout.Layout(doc, links, cfg, set)
		t1 := time.Now()
		if _, _, err := draw.WriteChecked(d); err != nil {
			b.Fatal(err)
		}
		lay, drw, st = lay+t1.Sub(t0), drw+time.Since(t1), s
	}
	b.ReportMetric(float64(lay.Milliseconds())/float64(b.N), "layout-ms")
	b.ReportMetric(float64(drw.Milliseconds())/float64(b.N), "draw-ms")
	b.ReportMetric(float64(st.Runs), "runs")
	b.ReportMetric(float64(st.Pages), "pages")
}
