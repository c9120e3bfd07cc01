package draw_test

import (
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"bookc/backends/pdf"
	"bookc/backends/pdf/draw"
	"bookc/backends/pdf/layout"
	"bookc/backends/pdf/page"
	"bookc/build"
)

// corpusDoc lays out the book in the folder named by BOOKC_CORPUS, or
// skips the benchmark when the variable is unset.
func corpusDoc(b *testing.B) *page.Doc {
	b.Helper()
	dir := os.Getenv("BOOKC_CORPUS")
	if dir == "" {
		b.Skip("set BOOKC_CORPUS to a book folder")
	}
	bk, ds := build.Load(dir, false)
	if bk == nil {
		b.Fatalf("loading %s: %v", dir, ds)
	}
	set, _ := pdf.Fonts(bk.Config)
	if set == nil {
		b.Fatal("no fonts")
	}
	d, _, _ := layout.Layout(bk.Doc, bk.Links, bk.Config, set)
	return d
}

// BenchmarkCorpus draws a real book: BOOKC_CORPUS=/path/to/book go test
// -run '^$' -bench Corpus ./backends/pdf/draw
func BenchmarkCorpus(b *testing.B) {
	benchCorpus(b, corpusDoc(b))
}

// BenchmarkCorpusUntagged draws the book without its structure, for
// what tagging costs.
func BenchmarkCorpusUntagged(b *testing.B) {
	doc := corpusDoc(b)
	doc.Elems = nil
	benchCorpus(b, doc)
}

// benchCorpus draws doc b.N times.
func benchCorpus(b *testing.B, doc *page.Doc) {
	runtime.GC()
	var size int
	b.ReportAllocs()
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		out, err := draw.Write(doc)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.StopTimer()
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(size)/1e6, "MB")
	b.ReportMetric(float64(len(doc.Pages)), "pages")
}

// cpuTime returns the processor time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
