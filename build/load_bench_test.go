package build

import (
	"os"
	"testing"
)

// BenchmarkLoad parses and links the corpus named by BOOKC_CORPUS (a book
// folder), or the sample book.
func BenchmarkLoad(b *testing.B) {
	dir := os.Getenv("BOOKC_CORPUS")
	if dir == "" {
		dir = ".."
	}
	for b.Loop() {
		if bk, ds := Load(dir, false); bk == nil {
			b.Fatal(ds)
		}
	}
}
