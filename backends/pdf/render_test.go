package pdf

import (
	"os"
	"testing"

	"bookc/book/booktest"
)

// TestRenderSample renders the sample book at the repository's root (or
// the one in $BOOKC_PDF_DIR); with BOOKC_PDF_OUT set it writes the PDF
// there for inspection.
func TestRenderSample(t *testing.T) {
	dir := os.Getenv("BOOKC_PDF_DIR")
	if dir == "" {
		dir = booktest.Root()
	}
	bk, _ := booktest.Load(t, dir)
	files, rds := booktest.Render(t, bk, Render)
	if testing.Verbose() {
		rds.Print(os.Stderr)
	}
	if len(files[FileName]) == 0 {
		t.Fatal("no PDF")
	}
	if p := os.Getenv("BOOKC_PDF_OUT"); p != "" {
		if err := os.WriteFile(p, files[FileName], 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
