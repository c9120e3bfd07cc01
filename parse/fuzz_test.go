package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"bookc/ast"
)

// seeds adds the sample book, the seed entry and the test files to a fuzz
// corpus.
func seeds(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.md")
	more, _ := filepath.Glob("../content/*/*.md")
	paths = append(paths, more...)
	more, _ = filepath.Glob("../content/*.*")
	paths = append(paths, more...)
	paths = append(paths, "../testdata/hugging-face.txt")
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("## T {#a .b\n\n- - - - x\n\n> > > [^1]\n\n[^1]: [x](#T)"))
}

// FuzzFile feeds arbitrary bytes to the front end: it must not panic, every
// position must lie inside the input, every text must be valid UTF-8, and
// no raw HTML leaves parse.
func FuzzFile(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		noRawHTML(t, data)
		entries, ds := File("f.md", data, "de")
		lines := strings.Count(string(data), "\n") + strings.Count(string(data), "\r") + 1
		for _, d := range ds {
			if d.Pos.Line > lines {
				t.Fatalf("diagnostic past the end: %s", d)
			}
		}
		doc := &ast.Document{Entries: entries}
		AssignIDs(doc)
		seen := map[string]bool{}
		for _, e := range entries {
			if e.Pos.Line < 1 || e.Pos.Line > lines {
				t.Fatalf("entry at %s, input has %d lines", e.Pos, lines)
			}
			if !utf8.ValidString(e.TitleText()) {
				t.Fatalf("invalid UTF-8 title %q", e.TitleText())
			}
			if e.AutoID && seen[e.ID()] {
				t.Fatalf("generated id %q is not unique", e.ID())
			}
			seen[e.ID()] = true
		}
	})
}

// sentinel is text inside a <script> element, which the front end drops.
const sentinel = "fuzzsentinel"

// noRawHTML parses data with an entry appended that holds inline HTML, and
// checks that every node of the tree is one of the tree's own types and
// that the script's text is gone: nothing written as HTML reaches a
// backend.
func noRawHTML(t *testing.T, data []byte) {
	lines := strings.Count(string(data), "\n") + strings.Count(string(data), "\r") + 1
	src := string(data) + "\n\n## Wächter\n\nx <script>" + sentinel + "</script> <b>y</b> <em>z</em>\n"
	entries, _ := File("f.md", []byte(src), "de")
	for _, e := range entries {
		check := e.Pos.Line > lines
		ast.WalkEntry(e, func(n any) bool {
			if !closedType(n) {
				t.Fatalf("node %T leaves parse", n)
			}
			if txt, ok := n.(*ast.Text); ok && check && strings.Contains(txt.Text, sentinel) {
				t.Fatalf("script text leaves parse in %q", txt.Text)
			}
			return true
		})
	}
}

// closedType reports whether n is a node type of package ast.
func closedType(n any) bool {
	switch n.(type) {
	case *ast.Para, *ast.Heading, *ast.List, *ast.CodeBlock, *ast.Quote, *ast.Table, *ast.Figure, *ast.Rule,
		*ast.Text, *ast.Space, *ast.LineBreak, *ast.Emph, *ast.Strong, *ast.Code, *ast.Link, *ast.Ref,
		*ast.Image, *ast.FootnoteRef, *ast.Span, *ast.Section, *ast.Footnote, *ast.Entry:
		return true
	}
	return false
}
