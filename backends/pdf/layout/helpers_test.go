package layout

import (
	"testing"

	"bookc/ast"
	"bookc/book/booktest"
	"bookc/config"
	"bookc/fonts"
	"bookc/link"
)

// loadBook loads the book in dir as bookc build does.
func loadBook(t testing.TB, dir string) (*ast.Document, *link.Links, *config.Book) {
	t.Helper()
	b, _ := booktest.Load(t, dir)
	return b.Doc, b.Links, b.Config
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
