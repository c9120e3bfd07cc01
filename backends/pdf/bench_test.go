package pdf

import (
	"os"
	"syscall"
	"testing"
	"time"

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
		if _, _, err := Render(bk); err != nil {
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
