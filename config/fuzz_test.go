package config

import (
	"os"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the book.yaml loader: it must not
// panic, and it returns either a book or at least one error.
func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile("../book.yaml"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("title: T\npdf: {paper: {width: 10cm, height: 20cm}}\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("- x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, ds := Parse("book.yaml", data)
		if b == nil && !ds.HasErrors() {
			t.Fatalf("rejected without an error: %v", ds)
		}
		if b != nil && (b.Title == "" || b.PDF.Paper.Width <= 0) {
			t.Fatalf("accepted an incomplete book: %+v", b)
		}
	})
}
