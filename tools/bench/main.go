// Command bench times full bookc builds of generated corpora: every stage,
// wall time and peak resident memory, as medians of several runs.
//
//	go run ./tools/bench -bin bin/bookc -n 1000,10000 -runs 5
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	bin := flag.String("bin", "bin/bookc", "the bookc binary")
	sizes := flag.String("n", "1000,10000", "corpus sizes, comma-separated")
	runs := flag.Int("runs", 5, "builds per corpus")
	gen := flag.String("gencorpus", "../shared/tools/gencorpus", "folder of the corpus generator")
	work := flag.String("work", filepath.Join(os.TempDir(), "bookc-bench"), "where corpora and outputs go")
	flag.Parse()
	binAbs, _ := filepath.Abs(*bin)
	fmt.Printf("bookc bench: %d runs per corpus, medians; %s\n", *runs, time.Now().Format("2006-01-02"))
	var base float64
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			fail(err)
		}
		dir := filepath.Join(*work, fmt.Sprintf("corpus-%d", n))
		if err := corpus(*gen, dir, n); err != nil {
			fail(err)
		}
		wall := measure(binAbs, dir, n, *runs)
		if base == 0 {
			base = wall
		} else {
			fmt.Printf("  ratio to first corpus: %.2f× the time for %.0f× the entries\n", wall/base, float64(n)/1000)
		}
	}
}

func corpus(gen, dir string, n int) error {
	if _, err := os.Stat(filepath.Join(dir, "book.yaml")); err == nil {
		return nil
	}
	content := filepath.Join(dir, "content")
	cmd := exec.Command("go", "run", ".", "-n", strconv.Itoa(n), "-o", content)
	cmd.Dir = gen
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("gencorpus: %w", err)
	}
	yaml := fmt.Sprintf("title: Korpus %d\nauthor: gencorpus\ndate: 2026-11-01\ncontent: [content]\n", n)
	return os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(yaml), 0o644)
}

var stageRE = regexp.MustCompile(`^(\S+)\s+(\d+) ms$`)

// measure builds the corpus runs times and prints medians; it returns the
// median wall time in seconds.
func measure(bin, dir string, n, runs int) float64 {
	stages := map[string][]float64{}
	var walls, rss []float64
	for i := 0; i < runs; i++ {
		cmd := exec.Command(bin, "build", "-C", dir, "-v")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			fail(fmt.Errorf("build of %s: %v\n%s", dir, err, stderr.String()))
		}
		walls = append(walls, time.Since(start).Seconds())
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = append(rss, float64(ru.Maxrss)/1024)
		}
		sc := bufio.NewScanner(&stderr)
		for sc.Scan() {
			if m := stageRE.FindStringSubmatch(sc.Text()); m != nil {
				ms, _ := strconv.ParseFloat(m[2], 64)
				stages[m[1]] = append(stages[m[1]], ms)
			}
		}
	}
	fmt.Printf("\n%d entries (%s)\n", n, dir)
	fmt.Printf("  wall      %8.3f s   (min %.3f, max %.3f)\n", median(walls), minOf(walls), maxOf(walls))
	fmt.Printf("  peak RSS  %8.0f MB\n", median(rss))
	for _, s := range []string{"parse", "link", "pdf", "epub", "anki", "write"} {
		if v, ok := stages[s]; ok {
			fmt.Printf("  %-8s  %8.0f ms\n", s, median(v))
		}
	}
	if out, err := exec.Command("pdfinfo", filepath.Join(dir, "out", "book.pdf")).Output(); err == nil {
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(l, "Pages:") {
				fmt.Printf("  pages     %8s\n", strings.TrimSpace(strings.TrimPrefix(l, "Pages:")))
			}
		}
	}
	return median(walls)
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func minOf(v []float64) float64 { s := append([]float64(nil), v...); sort.Float64s(s); return s[0] }
func maxOf(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)-1]
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
