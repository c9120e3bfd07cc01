package pdf

import (
	"os"
	"path/filepath"
	"testing"

	"bookc/config"
	"bookc/link"
	"bookc/parse"
)

// TestRenderSample renders the sample book; with BOOKC_PDF_OUT set it
// writes the PDF there for inspection.
func TestRenderSample(t *testing.T) {
	dir := os.Getenv("BOOKC_PDF_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..")
	}
	cfg, ds := config.Load(dir)
	if cfg == nil {
		t.Skipf("no book: %v", ds)
	}
	files, _ := cfg.Files()
	doc, _ := parse.Book(cfg, files)
	links, _ := link.Resolve(doc, cfg.Language)
	links.ResolveImages(doc, cfg)
	out, rds, err := Render(doc, links, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		rds.Print(os.Stderr)
	}
	if p := os.Getenv("BOOKC_PDF_OUT"); p != "" {
		if err := os.WriteFile(p, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
