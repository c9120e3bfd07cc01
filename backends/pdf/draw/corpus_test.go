package draw_test

import (
	"os"
	"runtime"
	"slices"
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

// BenchmarkCorpusWarm draws the book with a cache warm from a version
// of it that differs in one word on one page, as after an edit in a
// watch session: the versions take turns, so each draw finds the other
// one's streams in the cache.
func BenchmarkCorpusWarm(b *testing.B) {
	doc := corpusDoc(b)
	edited := *doc
	edited.Pages = slices.Clone(doc.Pages)
	n := len(doc.Pages) / 2
	p := *doc.Pages[n]
	p.Texts = slices.Clone(p.Texts)
	p.Texts[len(p.Texts)/2].Text = "Änderung"
	edited.Pages[n] = &p
	docs := []*page.Doc{doc, &edited}
	c := draw.NewCache()
	if _, _, err := draw.WriteCheckedWith(doc, c); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	var size, i int
	b.ReportAllocs()
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		i++
		out, _, err := draw.WriteCheckedWith(docs[i%2], c)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.StopTimer()
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(size)/1e6, "MB")
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
