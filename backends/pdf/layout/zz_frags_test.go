package layout

import (
	"os"
	"testing"
)

func TestZZFrags(t *testing.T) {
	dir := os.Getenv("PROBE_CORPUS")
	if dir == "" {
		t.Skip()
	}
	doc, links, cfg := loadBook(t, dir)
	e := newEngine(cfg, links, defaultFonts(t))
	m := newMain(e, doc)
	g, _, _ := m.build()
	boxes, frags, groups, fills := 0, 0, 0, 0
	for _, it := range g {
		if it.box == nil {
			continue
		}
		boxes++
		fs := it.box.frags
		frags += len(fs)
		for i := range fs {
			if fs[i].fill != nil {
				fills++
			}
			if i == 0 || fs[i].fill != nil || fs[i-1].fill != nil || fs[i].face != fs[i-1].face || fs[i].st != fs[i-1].st || fs[i].y != fs[i-1].y || fs[i].color != fs[i-1].color {
				groups++
			}
		}
	}
	t.Logf("boxes %d frags %d groups %d fills %d", boxes, frags, groups, fills)
}
