package ast_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"bookc/ast"
	"bookc/parse"
)

// TestSealedNodes checks that the lists a parsed entry carries are what a
// walk of the entry finds, on every entry of the sample book.
func TestSealedNodes(t *testing.T) {
	var files []string
	for _, dir := range []string{"../content", "../a11ytest/testdata"} {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".md") || strings.HasSuffix(path, ".txt")) {
				files = append(files, path)
			}
			return nil
		})
	}
	kinds := map[string]int{}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		entries, _ := parse.File(name, data, "de")
		for _, e := range entries {
			var walked, heads []any
			ast.WalkEntry(e, func(n any) bool {
				if ast.Marked(n) {
					walked = append(walked, n)
				}
				if h, ok := n.(*ast.Heading); ok {
					heads = append(heads, h)
				}
				return true
			})
			if !slices.Equal(e.Nodes(), walked) {
				t.Errorf("%s: sealed nodes %d, walk finds %d", e.ID(), len(e.Nodes()), len(walked))
			}
			var listed []any
			ast.Headings(e, func(h *ast.Heading) { listed = append(listed, h) })
			if !slices.Equal(listed, heads) {
				t.Errorf("%s: Headings lists %d, walk finds %d", e.ID(), len(listed), len(heads))
			}
			for _, n := range walked {
				switch n.(type) {
				case *ast.Ref:
					kinds["ref"]++
				case *ast.Heading:
					kinds["heading"]++
				case *ast.Section:
					kinds["section"]++
				}
			}
		}
	}
	for _, k := range []string{"ref", "heading", "section"} {
		if kinds[k] == 0 {
			t.Errorf("the sample books have no %s to check", k)
		}
	}
}
