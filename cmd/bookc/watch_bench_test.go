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
)

// BenchmarkWatchEdit measures, in a running watch, the time from saving an
// edited entry until the rebuilt EPUB and CSV are on disk (epub+csv-ms),
// and until the PDF is (pdf-ms). ns/op also counts the pauses between
// edits and means nothing here. The book is a copy of
// BOOKC_CORPUS (a book folder such as the 1,000-entry corpus of make bench).
func BenchmarkWatchEdit(b *testing.B) {
	dir, target, orig := corpusCopy(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go watch(ctx, buildFlags{dir: dir, out: "out", quiet: true}, io.Discard)
	out := filepath.Join(dir, "out")
	stamp := func(name string) time.Time {
		st, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			return time.Time{}
		}
		return st.ModTime()
	}
	waitChange := func(name string, since time.Time) {
		for deadline := time.Now().Add(60 * time.Second); stamp(name).Compare(since) <= 0; time.Sleep(2 * time.Millisecond) {
			if time.Now().After(deadline) {
				b.Fatalf("%s was not rebuilt", name)
			}
		}
	}
	waitChange("book.pdf", time.Time{})
	var fast, pdf time.Duration
	for i := 0; i < b.N; i++ {
		before := time.Now()
		time.Sleep(10 * time.Millisecond) // distinct modification times
		start := time.Now()
		edit := strings.Replace(string(orig), "\n\n", fmt.Sprintf("\n\nÄnderung %d. ", i), 1)
		os.WriteFile(target, []byte(edit), 0o644)
		waitChange("cards.csv", before)
		waitChange("book.epub", before)
		fast += time.Since(start)
		waitChange("book.pdf", before)
		pdf += time.Since(start)
	}
	b.ReportMetric(float64(fast.Milliseconds())/float64(b.N), "epub+csv-ms")
	b.ReportMetric(float64(pdf.Milliseconds())/float64(b.N), "pdf-ms")
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
