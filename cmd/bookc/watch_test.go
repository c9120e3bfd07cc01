package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor polls cond; the generous limit only guards against a hang, it
// measures nothing.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// TestWatch edits an entry, adds a file and breaks book.yaml while watch
// runs: outputs follow the good edits and stay as they were after the bad
// one; cancelling stops it cleanly.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"book.yaml": goodYAML, "content/good.md": goodEntry})
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- watch(ctx, buildFlags{dir: dir, out: "out"}, &stderr) }()
	csv := filepath.Join(dir, "out", "cards.csv")
	read := func() string { b, _ := os.ReadFile(csv); return string(b) }
	waitFor(t, "the first build", func() bool { return strings.Contains(read(), "guter") })
	waitFor(t, "the PDF", func() bool { _, err := os.Stat(filepath.Join(dir, "out", "book.pdf")); return err == nil })

	write(t, dir, map[string]string{"content/good.md": strings.Replace(goodEntry, "guter", "geänderter", 1)})
	waitFor(t, "the edit", func() bool { return strings.Contains(read(), "geänderter") })

	write(t, dir, map[string]string{"content/neu/zweiter.md": "## Zweiter {#Zweiter .term}\n\nNeu hier.\n"})
	waitFor(t, "the new file in a new folder", func() bool { return strings.Contains(read(), "Neu hier") })

	before := read()
	write(t, dir, map[string]string{"book.yaml": goodYAML + "farbe: blau\n"})
	waitFor(t, "the failed build", func() bool { return strings.Contains(stderr.String(), "build failed") })
	if read() != before {
		t.Error("a broken book.yaml changed the outputs")
	}
	if !strings.Contains(stderr.String(), `book.yaml:4: error: unknown key "farbe"`) {
		t.Errorf("diagnostics not printed on rebuild:\n%s", stderr.String())
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("watch returned %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("watch did not stop")
	}
}
