// Package a11ytest checks the built e-book as its readers and retailers
// will: DAISY Ace and epubcheck on the EPUB, the page list against the
// PDF's own page labels (read back with qpdf and pdftotext), and every
// content document in a headless Chromium at phone width.
package a11ytest

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"bookc/build"
	"bookc/internal/checktools"
)

// books are the books checked: the sample book of the repository and the
// test book in testdata, which has tables, footnotes, images, code and
// passages in English.
var books = map[string]string{
	"sample": checktools.RepoRoot(),
	"test":   filepath.Join("testdata", "book"),
}

// built is a book built once for all the tests of this package.
type built struct {
	once sync.Once
	dir  string // the output folder
	err  string
}

var outputs = map[string]*built{"sample": {}, "test": {}}

// buildBook builds the named book (all formats) into a folder kept for the
// package's tests, once.
func buildBook(t *testing.T, name string) string {
	t.Helper()
	b := outputs[name]
	b.once.Do(func() {
		dir, err := os.MkdirTemp("", "bookc-a11y-"+name+"-")
		if err != nil {
			b.err = err.Error()
			return
		}
		b.dir = dir
		_, ds := build.Run(build.Options{Dir: books[name], OutDir: dir})
		if ds.HasErrors() {
			b.err = ds.Error()
		}
	})
	if b.err != "" {
		t.Fatalf("building %s: %s", name, b.err)
	}
	return b.dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, b := range outputs {
		if b.dir != "" {
			os.RemoveAll(b.dir)
		}
	}
	os.Exit(code)
}

// TestAce wants no finding of any impact from DAISY Ace, and the
// conformance claim where book.yaml makes one.
func TestAce(t *testing.T) {
	for name := range books {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out := buildBook(t, name)
			rep := checktools.RunAce(t, filepath.Join(out, "book.epub"))
			for _, f := range rep.Findings {
				t.Errorf("ace: %s", f)
			}
			if !rep.PageBreaks {
				t.Errorf("ace saw no page-break markers")
			}
			if name == "test" {
				for _, m := range rep.Missing {
					if m == "dcterms:conformsTo" || m == "a11y:certifiedBy" {
						t.Errorf("ace misses %s although book.yaml states it", m)
					}
				}
			}
		})
	}
}

// TestEpubcheck wants neither errors nor warnings from epubcheck.
func TestEpubcheck(t *testing.T) {
	for name := range books {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out := buildBook(t, name)
			if msg := checktools.Epubcheck(t, filepath.Join(out, "book.epub")); msg != "" {
				t.Error(msg)
			}
		})
	}
}
