package preview

import (
	"os"
	"testing"

	"bookc/build"
)

// BenchmarkSite renders the book in $BOOKC_CORPUS as the preview's pages.
func BenchmarkSite(b *testing.B) {
	dir := os.Getenv("BOOKC_CORPUS")
	if dir == "" {
		b.Skip("set BOOKC_CORPUS to a book folder")
	}
	bk, ds := build.Load(dir, false)
	if bk == nil {
		b.Fatal(ds)
	}
	for b.Loop() {
		if st, ds := newSite(bk, 1); st == nil {
			b.Fatal(ds)
		}
	}
}
