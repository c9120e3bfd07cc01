package layout

import (
	"math"
	"strconv"

	"bookc/ast"
	"bookc/backends/pdf/page"
)

// parskip is the space between blocks: half a line, a little stretchable.
func parskip(c ctx) vitem { return glue(0.5*c.lead, 0.25*c.lead) }

// blocks sets a sequence of blocks with paragraph space between them.
func (eb *entryBuilder) blocks(bs []ast.Block, c ctx) {
	first := true
	for _, b := range bs {
		if h, ok := b.(*ast.Heading); ok {
			eb.mark(h)
			eb.headingBlock(h, c)
			first = true
			continue
		}
		if !first {
			if c.tight {
				eb.push(glue(0.15*c.lead, 0.1*c.lead))
			} else {
				eb.push(parskip(c))
			}
		}
		if eb.block(b, c) {
			first = false
		}
	}
}

// block sets one block and reports whether it produced anything.
func (eb *entryBuilder) block(b ast.Block, c ctx) bool {
	eb.mark(b)
	n := len(eb.items)
	switch x := b.(type) {
	case *ast.Para:
		if eb.cur != nil && eb.cur.solo {
			eb.push(eb.para(x, c, paraOpts{}, func(r *runs) { r.inlines(x.Inlines, runMeta{}) })...)
			break
		}
		p := eb.open("P")
		eb.push(eb.para(x, c, paraOpts{}, func(r *runs) { r.inlines(x.Inlines, runMeta{}) })...)
		eb.close(p)
	case *ast.List:
		eb.within("L", func() { eb.list(x, c) })
	case *ast.CodeBlock:
		eb.within("Code", func() { eb.code(x, c) })
	case *ast.Quote:
		eb.within("BlockQuote", func() { eb.quote(x, c) })
	case *ast.Table:
		eb.within("Table", func() { eb.table(x, c) })
		eb.floatable(n, 0.4*eb.e.textH)
	case *ast.Figure:
		eb.figure(x.Image, c)
		eb.floatable(n, eb.e.textH)
	case *ast.Rule:
		eb.rule(c)
	case *ast.Heading:
		eb.headingBlock(x, c)
	}
	return len(eb.items) > n
}

// list sets a bullet or numbered list with hanging indents.
func (eb *entryBuilder) list(l *ast.List, c ctx) {
	e := eb.e
	st := styleID(vRegular, c.text)
	labels := make([]string, len(l.Items))
	ind := 1.5 * e.styles[st].size
	gap := 0.5 * e.styles[st].size
	for i := range l.Items {
		labels[i] = bullet(c.level)
		if l.Ordered {
			labels[i] = strconv.Itoa(l.Start+i) + "."
		}
		ind = max(ind, e.textWidth(labels[i], st)+gap)
	}
	cc := c
	cc.left += ind
	cc.level++
	cc.tight = l.Tight
	sep := glue(0.15*c.lead, 0.1*c.lead)
	if !l.Tight {
		sep = parskip(c)
	}
	for i, item := range l.Items {
		if i > 0 {
			eb.push(sep)
		}
		lx := cc.left - gap - e.textWidth(labels[i], st)
		eb.label = e.appendText(nil, lx, 0, st, labels[i])
		for k := range eb.label {
			eb.label[k].label = true
		}
		li := eb.open("LI")
		if l.Ordered {
			li.lbl = &snode{role: "Lbl", parent: li}
		}
		body := eb.open("LBody")
		if len(item) == 1 {
			_, body.solo = item[0].(*ast.Para)
		}
		eb.blocks(item, cc)
		if eb.label != nil {
			b := &vbox{base: e.baseline(st, c.lead), frags: eb.takeLabel()}
			eb.push(box(c.lead, b, false))
		}
		eb.close(body)
		eb.close(li)
	}
}

// bullet returns the list mark of a nesting level.
func bullet(level int) string {
	return []string{"•", "–", "∗", "·"}[level%4]
}

// quote sets a block quote indented, with a rule on its left.
func (eb *entryBuilder) quote(q *ast.Quote, c ctx) {
	cc := c
	em := eb.e.styles[styleID(vRegular, c.text)].size
	bar := c.left + 0.35*em
	cc.left += 1.4 * em
	cc.right += 0.5 * em
	was := eb.bars
	nb := &bars{xs: []float64{bar}}
	if was != nil {
		nb.xs = append(append([]float64(nil), was.xs...), bar)
	}
	eb.bars = nb
	eb.blocks(q.Blocks, cc)
	eb.bars = was
}

// rule sets a thematic break: a short centred rule.
func (eb *entryBuilder) rule(c ctx) {
	w := eb.e.width(c)
	x := c.left + w/3
	y := c.lead / 2
	b := &vbox{role: roleOther, ext: &boxExtra{rules: []page.Rule{{X1: x, Y1: y, X2: x + w/3, Y2: y, Width: 0.5, Color: ruleColor}}}}
	eb.push(box(c.lead, b, false))
	b.elem = nil
}

// floatable marks the items from n on, a figure or table, as a block
// that floats to the top of the next page when it does not fit, if it is
// no higher than maxH: a longer table splits between rows instead.
func (eb *entryBuilder) floatable(n int, maxH float64) {
	k := len(eb.items) - n
	if k == 0 || k > math.MaxUint16 || eb.items[n].kind != kBox {
		return
	}
	h := 0.0
	for _, it := range eb.items[n:] {
		if it.kind != kBox && it.kind != kGlue {
			return
		}
		h += it.h
	}
	if h <= maxH {
		eb.items[n].float = uint16(k)
	}
}
