package layout

import (
	"math"

	"bookc/ast"
)

// imprintPage sets the imprint on the title page's verso, as German
// books carry it: book.yaml's title, edition, rights, publisher and
// ISBNs in small type at the foot of the page. ok is false when book.yaml
// gives nothing for an imprint.
func (e *engine) imprintPage() (pg pageOut, ok bool) {
	lines := e.cfg.ImprintLines()
	if len(lines) == 0 {
		return pg, false
	}
	eb := e.freeBuilder(e.lab.Imprint)
	c := ctx{text: szNote, code: szNote, sup: szNote, ragged: true}
	c.lead = math.Round(e.fs*sizeFactor[szNote]*1.3*20) / 20
	var items [][]vitem
	h := 0.0
	for _, l := range lines {
		it := tagItems(eb.para(nil, c, paraOpts{role: roleOther, align: ast.AlignLeft, noHyph: true}, func(r *runs) {
			r.text(l, runMeta{})
		}), &snode{role: "P"})
		items = append(items, it)
		for _, x := range it {
			h += x.h
		}
	}
	y := max(0, e.textH-h)
	for _, it := range items {
		for i := range it {
			pg.items = append(pg.items, placed{it: &it[i], y: y, h: it[i].h})
			y += it[i].h
		}
	}
	pg.ended = endForced
	return pg, true
}
