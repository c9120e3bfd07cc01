package layout

import (
	"os"
	"testing"
	"time"
)

func TestZZNewMain(t *testing.T) {
	dir := os.Getenv("PROBE_CORPUS")
	if dir == "" {
		t.Skip()
	}
	doc, links, cfg := loadBook(t, dir)
	e := newEngine(cfg, links, defaultFonts(t))
	for range 3 {
		t0 := time.Now()
		outlineMarks(e, doc)
		t1 := time.Now()
		referencedTargets(doc, e.links)
		t2 := time.Now()
		estimatePages(e, doc)
		t3 := time.Now()
		t.Logf("outline %v refs %v estimate %v", t1.Sub(t0), t2.Sub(t1), t3.Sub(t2))
	}
}
