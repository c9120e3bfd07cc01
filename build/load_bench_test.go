package build

import (
	"bookc/parse"
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

// BenchmarkLoadCached is BenchmarkLoad with every file already parsed, as
// in watch mode after an edit.
func BenchmarkLoadCached(b *testing.B) {
	dir := os.Getenv("BOOKC_CORPUS")
	if dir == "" {
		dir = ".."
	}
	opts := Options{Dir: dir, Cache: parse.NewCache()}
	LoadWith(opts)
	for b.Loop() {
		if bk, ds := LoadWith(opts); bk == nil {
			b.Fatal(ds)
		}
	}
}
