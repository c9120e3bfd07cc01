package layout

import (
	"testing"

	"bookc/ast"
	"bookc/config"
	"bookc/fonts"
	"bookc/link"
	"bookc/parse"
)

// loadBook reads, parses and links the book in dir as bookc build does.
func loadBook(t testing.TB, dir string) (*ast.Document, *link.Links, *config.Book) {
	t.Helper()
	cfg, ds := config.Load(dir)
	if cfg == nil {
		t.Fatalf("config: %v", ds)
	}
	files, fds := cfg.Files()
	if fds.HasErrors() {
		t.Fatalf("files: %v", fds)
	}
	doc, pds := parse.Book(cfg, files)
	if pds.HasErrors() {
		t.Fatalf("parse: %v", pds)
	}
	links, _ := link.Resolve(doc, cfg.Language)
	links.ResolveImages(doc, cfg)
	return doc, links, cfg
}

// defaultFonts returns the bundled fonts or fails the test.
func defaultFonts(t testing.TB) *fonts.Set {
	t.Helper()
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return set
}
