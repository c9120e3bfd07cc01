package build

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"syscall"
	"testing"
	"time"

	"bookc/backends/pdf"
	"bookc/book"
	"bookc/parse"
)

// BenchmarkRebuildPDF edits one entry of a copy of the book in
// BOOKC_CORPUS and rebuilds the PDF as a watch session does, reporting
// the load and the PDF stage apart (load-ms, pdf-ms).
func BenchmarkRebuildPDF(b *testing.B) {
	src := os.Getenv("BOOKC_CORPUS")
	if src == "" {
		b.Skip("set BOOKC_CORPUS to a book folder")
	}
	dir := b.TempDir()
	if out, err := exec.Command("cp", "-r", src+"/.", dir).CombinedOutput(); err != nil {
		b.Fatalf("copy: %v %s", err, out)
	}
	// An author's files were last changed long before the session; the
	// parse cache trusts their stamps only then.
	time.Sleep(2100 * time.Millisecond)
	files, _ := filepath.Glob(filepath.Join(dir, "content", "*.md"))
	target := files[len(files)/2]
	orig, _ := os.ReadFile(target)
	pdfOnly, _ := Select([]string{"pdf"})
	opts := Options{Dir: dir, OutDir: "out", Cache: parse.NewCache(), Memo: &book.Memo{}}
	var sum [6]time.Duration
	all := os.Getenv("BOOKC_ALL") != ""
	epubOnly, _ := Select([]string{"epub"})
	ankiOnly, _ := Select([]string{"anki"})
	rebuild := func() {
		t0 := time.Now()
		bk, ds := LoadWith(opts)
		if bk == nil {
			b.Fatal(ds)
		}
		t1 := time.Now()
		pdf.Laid(bk)
		t2 := time.Now()
		r := Rendered(bk, pdfOnly, &opts)
		if r.ds.HasErrors() {
			b.Fatal(r.ds)
		}
		t3 := time.Now()
		r.Write(opts)
		t4 := time.Now()
		if all {
			Rendered(bk, epubOnly, &opts)
			t5 := time.Now()
			Rendered(bk, ankiOnly, &opts)
			sum[4] += t5.Sub(t4)
			sum[5] += time.Since(t5)
		}
		for k, d := range []time.Duration{t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t4.Sub(t3)} {
			sum[k] += d
		}
	}
	rebuild()
	sum = [6]time.Duration{}
	cpu0 := cpuTime()
	if prof := os.Getenv("BOOKC_PROFILE"); prof != "" {
		// A profile of the rebuilds alone, without the first build.
		f, err := os.Create(prof)
		if err != nil {
			b.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		edit := strings.Replace(string(orig), "\n\n", fmt.Sprintf("\n\nÄnderung %d. ", i), 1)
		os.WriteFile(target, []byte(edit), 0o644)
		rebuild()
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms")
	for k, name := range []string{"load-ms", "layout-ms", "draw-ms", "write-ms", "epub-ms", "anki-ms"} {
		b.ReportMetric(float64(sum[k].Microseconds())/1000/float64(b.N), name)
	}
}

// cpuTime is the processor time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
