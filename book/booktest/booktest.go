// Package booktest builds books for tests the way `bookc build` does:
// from a folder with book.yaml, through book.Load. Every backend's tests
// start from it instead of running the front half by hand.
package booktest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"bookc/book"
	"bookc/diag"
)

// Root returns the repository's root folder, which holds the sample book.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Seed returns the seed entry, testdata/hugging-face.txt at the root: a
// real entry as the author writes them, which must compile as it is.
func Seed(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(Root(), "testdata", "hugging-face.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// Folder writes files (path in the book → content; book.yaml among them)
// into a new temporary folder and returns it.
func Folder(tb testing.TB, files map[string]string) string {
	tb.Helper()
	dir := tb.TempDir()
	for name, content := range files {
		Write(tb, dir, name, []byte(content))
	}
	return dir
}

// Write puts one file into the book in dir, making its folders.
func Write(tb testing.TB, dir, name string, data []byte) {
	tb.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// Load loads the book in dir as `bookc build` does and returns it with
// its warnings; an error in the book fails the test.
func Load(tb testing.TB, dir string) (*book.Book, diag.List) {
	tb.Helper()
	b, ds := book.Load(dir, book.Options{})
	if b == nil {
		tb.Fatalf("book in %s: %v", dir, ds)
	}
	return b, ds
}

// Files is Load of a new folder holding files.
func Files(tb testing.TB, files map[string]string) (*book.Book, diag.List) {
	tb.Helper()
	return Load(tb, Folder(tb, files))
}

// Render runs a backend on b and returns its files by name with the
// load's and the backend's diagnostics; an error fails the test.
func Render(tb testing.TB, b *book.Book, render book.Render) (map[string][]byte, diag.List) {
	tb.Helper()
	files, ds, err := render(b)
	if err != nil {
		tb.Fatalf("render: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Name] = f.Data
	}
	return out, ds
}
