package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"unknown key", "title: T\ntitel: X\n", `book.yaml:2: error: unknown key "titel"`},
		{"nested unknown", "title: T\npdf:\n  papr: A4\n", `book.yaml:3: error: unknown key "papr" in pdf`},
		{"wrong type", "title: T\ncontent: 3\n", "book.yaml:2: error:"},
		{"bad length", "title: T\npdf:\n  margins:\n    inner: wide\n", `book.yaml:4: error: "wide" is not a length`},
		{"bad paper", "title: T\npdf:\n  paper: B7\n", `book.yaml:3: error: unknown paper "B7"`},
		{"empty", "", "book.yaml:1: error: the file is empty"},
		{"list", "- a\n- b\n", "book.yaml:1: error: expected a map of keys"},
		{"no title", "language: de\n", `error: missing required key "title"`},
		{"bad order", "title: T\norder: random\n", `book.yaml:2: error: order must be`},
		{"bad date", "title: T\ndate: gestern\n", `book.yaml:2: error: date "gestern" is not a date`},
		{"syntax", "title: [\n", "book.yaml:"},
		{"tag with space", "title: T\nanki:\n  tags: [a b]\n", "holds a space"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, ds := Parse("book.yaml", []byte(c.src))
			if b != nil || !ds.HasErrors() {
				t.Fatalf("accepted: %v", ds)
			}
			if got := ds.Error(); !strings.Contains(got, c.want) {
				t.Errorf("got %q, want it to contain %q", got, c.want)
			}
		})
	}
}

func TestAliasBomb(t *testing.T) {
	src := `title: T
a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
`
	b, ds := Parse("book.yaml", []byte(src))
	if b != nil || !ds.HasErrors() {
		t.Fatalf("alias bomb accepted")
	}
}

func TestDefaultsAndLengths(t *testing.T) {
	b, ds := Parse("book.yaml", []byte("title: T\nauthor: A\npdf:\n  paper: {width: 170mm, height: 240mm}\n  margins: {inner: 2cm}\n"))
	if b == nil {
		t.Fatal(ds)
	}
	if b.PDF.Paper.Width < 481.8 || b.PDF.Paper.Width > 482 {
		t.Errorf("paper width %v", b.PDF.Paper.Width)
	}
	if float64(b.PDF.Margins.Inner) < 56.6 || float64(b.PDF.Margins.Inner) > 56.7 {
		t.Errorf("inner margin %v", b.PDF.Margins.Inner)
	}
	if b.Language != "de" || b.Order != "alphabetical" || b.Anki.Deck != "T" || b.Labels().SeeAlso != "Siehe auch" {
		t.Errorf("defaults: %+v", b)
	}
	if got := b.AuthorList(); len(got) != 1 || got[0] != "A" {
		t.Errorf("authors %v", got)
	}
}

func TestDateSources(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	b, _ := Parse("book.yaml", []byte("title: T\n"))
	if b.Modified.Unix() != 1700000000 {
		t.Errorf("SOURCE_DATE_EPOCH ignored: %v", b.Modified)
	}
	b, _ = Parse("book.yaml", []byte("title: T\ndate: 2026-11-01\n"))
	if b.Modified.Format("2006-01-02") != "2026-11-01" {
		t.Errorf("date ignored: %v", b.Modified)
	}
}

func TestMissingFile(t *testing.T) {
	b, ds := Load(t.TempDir())
	if b != nil || !strings.Contains(ds.Error(), "no book.yaml here") {
		t.Errorf("got %v", ds)
	}
}

func TestFilesKeepListedOrder(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b/2.md", "b/1.txt", "a/x.md", "a/skip.png", "c.md"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("## T\n\nx\n"), 0o644)
	}
	b, ds := Parse("book.yaml", []byte("title: T\ncontent: [b, \"*.md\", a, b/2.md]\n"))
	if b == nil {
		t.Fatal(ds)
	}
	b.Dir = dir
	files, ds := b.Files()
	if got := strings.Join(files, " "); got != "b/1.txt b/2.md c.md a/x.md" || len(ds) != 0 {
		t.Errorf("files %q, %v", got, ds)
	}
}
