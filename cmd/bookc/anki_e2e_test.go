package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const ankiBookYAML = "title: Mini\nid: mini-glossar\ndate: 2026-11-01\nanki:\n  deck: Mini\n"

const ankiEntries = `## Alpha {#Alpha .term}

**Alpha** ist der erste Begriff.

## Beta {#Beta .term}

**Beta** ist der zweite Begriff.

## Gamma {#Gamma .term}

**Gamma** ist der dritte Begriff.
`

func writeAnkiBook(t *testing.T, entries string) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(ankiBookYAML), 0o644)
	os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte(entries), 0o644)
	return dir
}

// notesOf returns guid → mod of a package's notes, read with sqlite3.
func notesOf(t *testing.T, apkg string) map[string]string {
	t.Helper()
	tmp := t.TempDir()
	zr, err := zip.OpenReader(apkg)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.Open("collection.anki2")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	os.WriteFile(filepath.Join(tmp, "collection.anki2"), data, 0o644)
	out := tool(t, "sqlite3", "-readonly", "-separator", " ", filepath.Join(tmp, "collection.anki2"), "SELECT guid, mod FROM notes")
	m := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		g, mod, _ := strings.Cut(line, " ")
		m[g] = mod
	}
	return m
}

// TestAnkiRebuild builds a book, rebuilds it unchanged (same bytes), edits
// one lead (exactly that note's time moves) and removes a term (the build
// says so).
func TestAnkiRebuild(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1796083200")
	dir := writeAnkiBook(t, ankiEntries)
	out1, out2, out3 := t.TempDir(), t.TempDir(), t.TempDir()
	for _, out := range []string{out1, out2} {
		if code, stderr := bookc(t, "build", "-C", dir, "--format", "anki", "--strict", "-o", out); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	}
	for _, name := range []string{"cards.csv", "cards.apkg"} {
		a, _ := os.ReadFile(filepath.Join(out1, name))
		b, _ := os.ReadFile(filepath.Join(out2, name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	state, err := os.ReadFile(filepath.Join(dir, "anki-notes.lock"))
	if err != nil || !bytes.Contains(state, []byte(`"id":"Beta"`)) {
		t.Fatalf("state file: %v\n%s", err, state)
	}
	os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte(strings.Replace(ankiEntries, "der zweite", "der zweite, geänderte", 1)), 0o644)
	t.Setenv("SOURCE_DATE_EPOCH", "1796169600")
	if code, stderr := bookc(t, "build", "-C", dir, "--format", "anki", "-o", out3); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	before, after := notesOf(t, filepath.Join(out1, "cards.apkg")), notesOf(t, filepath.Join(out3, "cards.apkg"))
	if len(before) != 3 || len(after) != 3 {
		t.Fatalf("notes %v → %v", before, after)
	}
	var changed []string
	for g, mod := range before {
		if after[g] == "" {
			t.Errorf("GUID %s lost", g)
		}
		if after[g] != mod {
			changed = append(changed, g+": "+mod+" → "+after[g])
		}
	}
	if len(changed) != 1 || !strings.HasSuffix(changed[0], "→ 1796169600") {
		t.Errorf("changed notes %v, want Beta's only", changed)
	}
	os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte(strings.Split(ankiEntries, "## Gamma")[0]), 0o644)
	code, stderr := bookc(t, "build", "-C", dir, "--format", "anki", "-o", out3)
	if code != 0 || !strings.Contains(stderr, `anki-notes.lock:`) || !strings.Contains(stderr, `term "Gamma" (Gamma) is no longer in the book`) {
		t.Errorf("removal: exit %d\n%s", code, stderr)
	}
}

// TestInitWritesID: a starter book builds its cards without the warning
// about a missing id.
func TestInitWritesID(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Mein Buch")
	if code, stderr := bookc(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d %s", code, stderr)
	}
	y, _ := os.ReadFile(filepath.Join(dir, "book.yaml"))
	if !bytes.Contains(y, []byte("\nid: mein-buch-")) {
		t.Fatalf("book.yaml:\n%s", y)
	}
	if code, stderr := bookc(t, "build", "-C", dir, "--format", "anki", "--strict", "-o", t.TempDir()); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	os.WriteFile(filepath.Join(dir, "book.yaml"), bytes.Replace(y, []byte("\nid: "), []byte("\n# id: "), 1), 0o644)
	_, stderr := bookc(t, "build", "-C", dir, "--format", "anki", "-o", t.TempDir())
	if !strings.Contains(stderr, "book.yaml:2: warning: the book has no `id:`") {
		t.Errorf("no warning without id:\n%s", stderr)
	}
}

// TestSamplePackage builds the sample book's cards and reads the package
// with sqlite3: an intact collection with one note per CSV row, each with
// its cards in the book's deck.
func TestSamplePackage(t *testing.T) {
	out := t.TempDir()
	if code, stderr := bookc(t, "build", "-C", "../..", "--format", "anki", "-o", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	notes := notesOf(t, filepath.Join(out, "cards.apkg"))
	csv, _ := os.ReadFile(filepath.Join(out, "cards.csv"))
	rows := 0
	for _, line := range strings.Split(string(csv), "\n") {
		for g := range notes {
			if strings.HasSuffix(line, "\t"+g) {
				rows++
			}
		}
	}
	if len(notes) < 20 || rows != len(notes) {
		t.Errorf("%d notes in the package, %d CSV rows end in their GUIDs", len(notes), rows)
	}
}
