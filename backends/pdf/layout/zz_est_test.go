package layout

import (
	"os"
	"sort"
	"strconv"
	"testing"
)

func TestZZEstimate(t *testing.T) {
	dir := os.Getenv("PROBE_CORPUS")
	if dir == "" {
		t.Skip()
	}
	doc, links, cfg := loadBook(t, dir)
	e := newEngine(cfg, links, defaultFonts(t))
	m := newMain(e, doc)
	est := map[string]string{}
	for k, v := range e.pages {
		est[k] = v
	}
	g, _, _ := m.build()
	pages := e.paginateMain(g)
	found := e.anchorLabels(pages, 1)
	var ratios []float64
	wrongLen := 0
	for _, id := range m.refIDs {
		a, _ := strconv.Atoi(found[id])
		b, _ := strconv.Atoi(est[id])
		if a > 20 {
			ratios = append(ratios, float64(b)/float64(a))
		}
		if len(found[id]) != len(est[id]) {
			wrongLen++
		}
	}
	sort.Float64s(ratios)
	n := len(ratios)
	t.Logf("pages %d; est/actual: p10 %.3f p50 %.3f p90 %.3f; wrong length %d of %d", len(pages), ratios[n/10], ratios[n/2], ratios[n*9/10], wrongLen, len(m.refIDs))
}
