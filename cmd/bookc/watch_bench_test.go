package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bookc/build"
	"bookc/diag"
)

// BenchmarkWatchEdit measures, in a running watch, the time from saving an
// edited entry until each rebuilt output is on disk: the PDF (pdf-ms),
// the EPUB (epub-ms) and the CSV (csv-ms). ns/op also counts the pauses
// between edits and means nothing here. The book is a copy of
// BOOKC_CORPUS (a book folder such as the 1,000-entry corpus of make
// bench).
func BenchmarkWatchEdit(b *testing.B) {
	dir, target, orig := corpusCopy(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Each edit is made on an idle watch, once the rebuild before has
	// written everything, the Anki state file included.
	groups := make(chan struct{}, 8)
	hooks := watchHooks{emitted: func([]string, []string, diag.List) { groups <- struct{}{} }}
	go watchWith(ctx, buildFlags{dir: dir, out: "out", quiet: true}, io.Discard, hooks)
	idle := func() {
		for range len(build.LeadFirst(build.Backends)) {
			<-groups
		}
	}
	out := filepath.Join(dir, "out")
	files := []string{"book.pdf", "book.epub", "cards.csv"}
	stamp := func(name string) time.Time {
		st, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			return time.Time{}
		}
		return st.ModTime()
	}
	// waitAll waits until every output is newer than since and returns
	// how long after start each one was seen so.
	waitAll := func(since, start time.Time) []time.Duration {
		took := make([]time.Duration, len(files))
		for left, deadline := len(files), time.Now().Add(60*time.Second); left > 0; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				b.Fatalf("not all of %v were rebuilt", files)
			}
			for k, f := range files {
				if took[k] == 0 && stamp(f).After(since) {
					took[k], left = time.Since(start), left-1
				}
			}
		}
		return took
	}
	waitAll(time.Time{}, time.Now())
	idle()
	sum := make([]time.Duration, len(files))
	for i := 0; i < b.N; i++ {
		before := time.Now()
		time.Sleep(10 * time.Millisecond) // distinct modification times
		start := time.Now()
		edit := strings.Replace(string(orig), "\n\n", fmt.Sprintf("\n\nÄnderung %d. ", i), 1)
		os.WriteFile(target, []byte(edit), 0o644)
		for k, d := range waitAll(before, start) {
			sum[k] += d
		}
		idle()
	}
	for k, unit := range []string{"pdf-ms", "epub-ms", "csv-ms"} {
		b.ReportMetric(float64(sum[k].Microseconds())/1000/float64(b.N), unit)
	}
}

// corpusCopy copies the book in BOOKC_CORPUS (a book folder such as the
// 1,000-entry corpus of make bench) into a temporary folder without its
// outputs, and names the entry in the middle, with its text, for the edit
// benchmarks to change.
func corpusCopy(b *testing.B) (dir, target string, orig []byte) {
	src := os.Getenv("BOOKC_CORPUS")
	if src == "" {
		b.Skip("set BOOKC_CORPUS to a book folder")
	}
	dir = b.TempDir()
	if out, err := exec.Command("cp", "-r", src+"/.", dir).CombinedOutput(); err != nil {
		b.Fatalf("copy: %v %s", err, out)
	}
	os.RemoveAll(filepath.Join(dir, "out"))
	// An author's files were last changed long before a session starts;
	// the parse cache trusts their stamps only some time after a change
	// (see parse.Cache), so a fresh copy waits for that.
	time.Sleep(2100 * time.Millisecond)
	files, _ := filepath.Glob(filepath.Join(dir, "content", "*.md"))
	if len(files) == 0 {
		b.Fatal("no entries")
	}
	target = files[len(files)/2]
	orig, _ = os.ReadFile(target)
	return dir, target, orig
}
