package layout

import (
	"bookc/ast"
)

// attachNote hangs a footnote's body on the box that first refers to it,
// so that pagination puts both on the same page.
func (eb *entryBuilder) attachNote(bx *vbox, n *ast.Footnote) {
	done := eb.notesDone()
	if done[n] {
		return
	}
	done[n] = true
	x := bx.extra()
	x.notes = append(x.notes, eb.noteBlock(n))
}

// noteBlock sets a footnote's body in the footnote size with a hanging
// indent for its number.
func (eb *entryBuilder) noteBlock(n *ast.Footnote) *noteBlock {
	e := eb.e
	c := e.noteCtx()
	st := styleID(vRegular, c.text)
	c.left = 1.1 * e.styles[st].size
	saved, keepN, bars, label := eb.items, eb.keepN, eb.bars, eb.label
	eb.items, eb.keepN, eb.bars, eb.label = nil, 0, nil, nil
	note := eb.open("Note")
	eb.inNote = true
	eb.blocks(n.Body, c)
	eb.inNote = false
	eb.close(note)
	items := eb.items
	eb.items, eb.keepN, eb.bars, eb.label = saved, keepN, bars, label

	nb := &noteBlock{note: n, style: styleID(vRegular, szNoteSup), elem: note}
	y := 0.0
	for _, it := range items {
		if it.kind == kBox {
			if len(nb.boxes) == 0 {
				nb.numY = it.box.base
			}
			nb.boxes = append(nb.boxes, it.box)
			nb.hs = append(nb.hs, y)
		}
		y += it.h
	}
	nb.h = y
	return nb
}
