package link_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"testing"

	"bookc/config"
	"bookc/link"
	"bookc/parse"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestDiagnosticsGolden links testdata/book and compares its diagnostics,
// chapters and index with testdata/book.golden.
func TestDiagnosticsGolden(t *testing.T) {
	cfg, ds := config.Load("testdata/book")
	if cfg == nil {
		t.Fatal(ds)
	}
	files, fds := cfg.Files()
	ds.Add(fds...)
	doc, pds := parse.Book(cfg, files)
	ds.Add(pds...)
	links, lds := link.Resolve(doc, cfg.Language)
	ds.Add(lds...)
	ds.Sort()
	var got bytes.Buffer
	ds.Print(&got)
	got.WriteString("-- chapters --\n")
	for _, c := range links.Chapters() {
		fmt.Fprintf(&got, "%s\n", c.ID())
	}
	got.WriteString("-- index --\n")
	for _, g := range links.Index() {
		fmt.Fprintf(&got, "%s:", g.Letter)
		for _, e := range g.Terms {
			fmt.Fprintf(&got, " %s", e.TitleText())
		}
		got.WriteString("\n")
	}
	const golden = "testdata/book.golden"
	if *update {
		os.WriteFile(golden, got.Bytes(), 0o644)
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("got:\n%s\nwant:\n%s", got.String(), want)
	}
}
