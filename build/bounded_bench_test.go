package build

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// hugeInputs are the inputs of the largest cost per byte: a paragraph that
// is one word (no space to break at) and a code block that is one line.
var hugeInputs = map[string]func(n int) string{
	"word": func(n int) string {
		rng := rand.New(rand.NewSource(1))
		const letters = "abcdefghijklmnopqrstuvwxyz"
		b := make([]byte, n)
		for i := range b {
			b[i] = letters[rng.Intn(len(letters))]
		}
		return "## Riesig {#Riesig .term}\n\n" + string(b) + "\n"
	},
	"codeline": func(n int) string {
		return "## Code {#Code .term}\n\nKurz.\n\n```\n" + strings.Repeat("x=1; ", n/5) + "\n```\n"
	},
}

// hugeBook writes a book whose only entry is the input of kind at n bytes.
func hugeBook(tb testing.TB, kind string, n int) string {
	dir := tb.TempDir()
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: Gross\ndate: 2026-11-01\n"), 0o644)
	if err := os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte(hugeInputs[kind](n)), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// BenchmarkHugeInput builds, in all formats, a book of one paragraph
// without spaces and one of a single code line, at 0.5, 1, 2 and 4 MB,
// under the command's soft memory limit. Time and peak-MB (the process's
// peak resident memory during the runs) should grow about linearly.
func BenchmarkHugeInput(b *testing.B) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(768 << 20))
	for _, kind := range []string{"word", "codeline"} {
		for _, kb := range []int{512, 1024, 2048, 4096} {
			b.Run(fmt.Sprintf("%s/%gMB", kind, float64(kb)/1024), func(b *testing.B) {
				dir := hugeBook(b, kind, kb<<10)
				resetPeak()
				b.SetBytes(int64(kb) << 10)
				for b.Loop() {
					if _, ds := Run(Options{Dir: dir, OutDir: "out"}); ds.HasErrors() {
						b.Fatal(ds)
					}
				}
				if p := peakRSS(); p > 0 {
					b.ReportMetric(float64(p)/(1<<20), "peak-MB")
				}
			})
		}
	}
}

// resetPeak returns freed memory to the system and clears the kernel's
// record of the peak resident memory.
func resetPeak() {
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSS reads the peak resident memory since resetPeak, in bytes.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
