package html

import (
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bookc/ast"
	"bookc/link"
	"bookc/parse"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// flavours are the options the backends use, by golden file suffix.
var flavours = map[string]Options{
	"xhtml": {XHTML: true, SectionLevel: 2, TableLabel: "Tabelle"},
	"card":  {Compact: true, Presentational: true, SectionLevel: 4},
}

// TestGolden renders every testdata/*.md in each flavour and compares the
// result with testdata/NAME.FLAVOUR.golden; -update rewrites them.
func TestGolden(t *testing.T) {
	paths, _ := filepath.Glob("testdata/*.md")
	if len(paths) == 0 {
		t.Fatal("no test files")
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		entries, _ := parse.File(filepath.Base(p), src, "de")
		doc := &ast.Document{Entries: entries}
		parse.AssignIDs(doc)
		links, _ := link.Resolve(doc, "de")
		for name, o := range flavours {
			got := renderDoc(doc, links, o)
			golden := strings.TrimSuffix(p, ".md") + "." + name + ".golden"
			compare(t, golden, got)
			if o.XHTML {
				wellFormed(t, golden, got)
			}
		}
	}
}

// renderDoc renders each entry's lead, sections and footnotes with test
// hooks that show what the renderer asked of them.
func renderDoc(doc *ast.Document, links *link.Links, o Options) []byte {
	r := &Renderer{Options: o, Links: links}
	r.Hooks = Hooks{
		Href: func(_ *ast.Ref, t *link.Target) string { return "#" + t.ID },
		Image: func(img *ast.Image) (string, bool) {
			return "media/" + img.Src, !strings.Contains(img.Src, "fehlt")
		},
		Note: func(n *ast.FootnoteRef) { r.W.Raw("[", n.Note.Label, "]") },
		ID:   func(id string) string { return "id-" + id },
	}
	for _, e := range doc.Entries {
		r.Wrap("h1", e.Title)
		r.Blocks(e.Lead)
		for _, s := range e.Sections {
			r.Wrap("h2", s.Title)
			r.Blocks(s.Body)
			r.Inlines(s.Refs)
		}
		for _, n := range e.Footnotes {
			r.Blocks(n.Body)
		}
	}
	return r.W.Bytes()
}

func compare(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs (go test -update rewrites it); got:\n%s", golden, got)
	}
}

// wellFormed checks that XHTML output parses as XML.
func wellFormed(t *testing.T, name string, b []byte) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader("<div>" + string(b) + "</div>"))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", name, err)
		}
	}
}
