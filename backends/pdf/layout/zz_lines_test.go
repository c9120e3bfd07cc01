package layout

import (
	"os"
	"testing"
)

func TestZZLines(t *testing.T) {
	dir := os.Getenv("PROBE_CORPUS")
	if dir == "" {
		t.Skip()
	}
	doc, links, cfg := loadBook(t, dir)
	e := newEngine(cfg, links, defaultFonts(t))
	m := newMain(e, doc)
	m.build()
	hist := map[int]int{}
	for _, c := range m.caches {
		for _, pc := range c.paras {
			hist[min(len(pc.items), 5)]++
		}
	}
	t.Logf("paragraphs by lines (5 = 5+): %v", hist)
}
