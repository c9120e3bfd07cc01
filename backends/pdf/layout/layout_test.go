package layout

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bookc/ast"
	"bookc/config"
	"bookc/link"
	"bookc/parse"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testBook is the configuration of the small fixed book in testdata.
const testBook = `title: Testbuch
subtitle: Ein kleines Glossar
author: Test
edition: 2. Auflage
date: 2026-11-01
language: de
pdf:
  paper: A5
  font-size: 10
`

// loadTestdata parses testdata/glossar.md into a linked book.
func loadTestdata(t *testing.T, yaml string) (*ast.Document, *link.Links, *config.Book) {
	t.Helper()
	cfg, ds := config.Parse("book.yaml", []byte(yaml))
	if cfg == nil {
		t.Fatalf("config: %v", ds)
	}
	cfg.Dir = "testdata"
	data, err := os.ReadFile(filepath.Join("testdata", "glossar.md"))
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := parse.File("glossar.md", data, cfg.Language)
	doc := &ast.Document{Entries: entries}
	parse.AssignIDs(doc)
	links, _ := link.Resolve(doc, cfg.Language)
	links.ResolveImages(doc, cfg)
	return doc, links, cfg
}

// TestGolden compares the layout of the test book with its golden dump.
func TestGolden(t *testing.T) {
	doc, links, cfg := loadTestdata(t, testBook)
	d, st, ds := Layout(doc, links, cfg, defaultFonts(t))
	var buf bytes.Buffer
	Dump(&buf, d)
	buf.WriteString("\n=== stats\n" + st.String() + "\n=== diagnostics\n")
	ds.Sort()
	ds.Print(&buf)
	golden := filepath.Join("testdata", "glossar.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("layout differs from %s; run go test -update and review the diff", golden)
	}
	checkQuality(t, st)
}

// TestReproducible lays the same book out twice and expects the same
// pages.
func TestReproducible(t *testing.T) {
	doc, links, cfg := loadTestdata(t, testBook)
	var dumps [2]bytes.Buffer
	for i := range dumps {
		d, _, _ := Layout(doc, links, cfg, defaultFonts(t))
		Dump(&dumps[i], d)
	}
	if !bytes.Equal(dumps[0].Bytes(), dumps[1].Bytes()) {
		t.Error("two layouts of the same book differ")
	}
}

// TestDiagnostics checks the warnings the test book must produce.
func TestDiagnostics(t *testing.T) {
	doc, links, cfg := loadTestdata(t, testBook)
	_, _, ds := Layout(doc, links, cfg, defaultFonts(t))
	var all strings.Builder
	ds.Print(&all)
	for _, want := range []string{
		`glossar.md:43:1: warning: entry "BERT": character U+1F600 "😀" is in none of the PDF fonts`,
	} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("missing diagnostic %q in\n%s", want, all.String())
		}
	}
	if strings.Contains(all.String(), "bilder/fehlt.png") {
		t.Errorf("the linker reports missing images; the layout must not repeat it:\n%s", all.String())
	}
}

// TestSampleQuality lays out the hand-written books of the repository,
// the sample and the accessibility test book, on A4 and on A5 paper,
// and checks the figures the handbook promises.
func TestSampleQuality(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	papers := []config.Paper{{Name: "A4", Width: 595.28, Height: 841.89}, {Name: "A5", Width: 419.53, Height: 595.28},
		{Name: "letter", Width: 612, Height: 792}, {Name: "170x240mm", Width: 481.89, Height: 680.31}}
	books := []struct{ name, dir string }{{"sample", root}, {"a11y", filepath.Join(root, "a11ytest", "testdata", "book")}}
	for _, bk := range books {
		for _, paper := range papers {
			t.Run(bk.name+"/"+paper.Name, func(t *testing.T) {
				dir := bk.dir
				doc, links, cfg := loadBook(t, dir)
				cfg.PDF.Paper = paper
				d, st, _ := Layout(doc, links, cfg, defaultFonts(t))
				t.Log(st)
				checkQuality(t, st)
				checkPrinted(t, d, cfg)
				if st.MovingRefs != 0 {
					t.Errorf("page references did not settle: %v", st)
				}
			})
		}
	}
}
