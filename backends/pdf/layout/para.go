package layout

import (
	"math"
	"strings"

	"bookc/ast"
	"bookc/backends/pdf/linebreak"
	"bookc/backends/pdf/page"
)

// pkey is a paragraph's cache key: the node it comes from and which of
// the node's paragraphs it is.
type pkey struct {
	n any
	k int
}

// paraOpts says how a paragraph is set.
type paraOpts struct {
	role    boxRole
	keepAll bool      // never break between its lines
	anchor  string    // an id whose target is the first line
	align   ast.Align // for ragged text: left, centre or right
	noHyph  bool
	hang    float64 // lines after the first are indented by this much
}

// lineStats sums the quality figures of set lines.
type lineStats struct {
	Lines, Overfull, Hyphenated, Emergency int
	Justified                              int
	SumStretch, MaxStretch                 float64
}

func (s *lineStats) add(o lineStats) {
	s.Lines += o.Lines
	s.Overfull += o.Overfull
	s.Hyphenated += o.Hyphenated
	s.Emergency += o.Emergency
	s.Justified += o.Justified
	s.SumStretch += o.SumStretch
	s.MaxStretch = max(s.MaxStretch, o.MaxStretch)
}

// para sets a paragraph into line boxes. fill adds its runs; it is not
// called when the cache holds the paragraph: then the lines are reused
// as they are when neither the measure nor the length of a page label
// changed, and otherwise the kept items are broken again with the new
// labels' widths.
func (eb *entryBuilder) para(key any, c ctx, o paraOpts, fill func(r *runs)) []vitem {
	label := eb.takeLabel()
	w := eb.e.width(c)
	var pc *paraCache
	if key != nil {
		pc = eb.cache.paras[key]
	}
	if pc != nil && pc.w == w {
		if sig := eb.e.dynSig(pc.dyns); sig != pc.sig {
			eb.rebreak(pc, c, o, label, sig)
		}
		eb.reuse(pc)
		return pc.items
	}
	r := eb.newRuns(c)
	fill(r)
	if r.empty() {
		return nil
	}
	pc = &paraCache{w: w, dyns: r.dyns, meta: r.meta, sig: eb.e.dynSig(r.dyns)}
	lw := pc.widths(o)
	pc.lb = eb.e.builder(!o.noHyph, eb.hy).Build(r.list, lw)
	pc.lb = eb.e.codeBreaks(pc.lb, w)
	if c.ragged {
		pc.lb = raggedItems(pc.lb, 3*eb.e.styles[styleID(vRegular, c.text)].size)
	}
	eb.breakPara(pc, c, o, label)
	if len(pc.dyns) == 0 {
		pc.lb = nil
	}
	if key != nil {
		eb.cache.paras[key] = pc
	}
	eb.reuse(pc)
	return pc.items
}

// widths is the paragraph's line measures.
func (pc *paraCache) widths(o paraOpts) linebreak.LineWidths {
	if o.hang > 0 {
		return linebreak.LineWidths{First: []float64{pc.w}, Rest: pc.w - o.hang}
	}
	return linebreak.Uniform(pc.w)
}

// rebreak sets a cached paragraph again after its page labels changed
// length: the labels' boxes get their new text and width.
func (eb *entryBuilder) rebreak(pc *paraCache, c ctx, o paraOpts, label []frag, sig string) {
	for i := range pc.lb {
		it := &pc.lb[i]
		if it.Kind != linebreak.KindBox {
			continue
		}
		if id := pc.meta[it.Payload].dyn; id != "" {
			it.Text = eb.e.pageOf(id)
			it.Width = eb.e.textWidth(it.Text, it.Style)
		}
	}
	pc.sig = sig
	eb.breakPara(pc, c, o, label)
}

// reuse accounts for a paragraph's lines as part of this run.
func (eb *entryBuilder) reuse(pc *paraCache) {
	eb.st.add(pc.st)
	eb.ds = append(eb.ds, pc.ds...)
	for _, it := range pc.items {
		if it.box != nil {
			for _, nb := range it.box.notes {
				eb.notesDone()[nb.note] = true
			}
		}
	}
}

// breakPara breaks the paragraph's items and turns its lines into boxes.
func (eb *entryBuilder) breakPara(pc *paraCache, c ctx, o paraOpts, label []frag) {
	e := eb.e
	lw := pc.widths(o)
	res := linebreak.Break(pc.lb, lw, e.params())
	pc.st, pc.ds, pc.items = statsOf(res, c.ragged), nil, make([]vitem, 0, len(res.Lines))
	base := e.baseline(styleID(vRegular, c.text), c.lead)
	n := len(res.Lines)
	for i, ln := range res.Lines {
		bx := &vbox{base: base, role: o.role, line: int32(i), nlines: int32(n)}
		x0 := c.left
		if i > 0 {
			x0 += o.hang
		}
		end := eb.lineFrags(bx, pc.lb, ln, pc.meta, x0)
		alignLine(bx, x0, end, lw.At(i), o.align, c.ragged)
		if i == 0 {
			bx.frags = append(bx.frags, label...)
			if o.anchor != "" {
				bx.anchors = []string{o.anchor}
			}
		}
		keep := i < n-1 && (o.keepAll || i < 1 || i > n-3)
		pc.items = append(pc.items, box(c.lead, bx, keep))
	}
	if pc.st.Emergency > 0 && !c.ragged {
		pc.ds.Warnf(eb.pos, "entry %q: paragraph %q needs emergency stretch (%d loose line(s))",
			eb.entry.TitleText(), firstWords(pc.lb), pc.st.Emergency)
	}
	if pc.st.Overfull > 0 {
		pc.ds.Warnf(eb.pos, "entry %q: paragraph %q has %d line(s) wider than the measure",
			eb.entry.TitleText(), firstWords(pc.lb), pc.st.Overfull)
	}
}

// dynSig is a paragraph's cache key: everything about a paragraph is
// fixed by the document except the page labels it prints, and only
// their length matters (digits have equal widths in the fonts used).
func (e *engine) dynSig(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	b := make([]byte, 0, len(ids))
	for _, id := range ids {
		b = append(b, byte('0'+min(len(e.pageOf(id)), 60)))
	}
	return string(b)
}

// statsOf summarises a broken paragraph.
func statsOf(res linebreak.Result, ragged bool) lineStats {
	var s lineStats
	for _, ln := range res.Lines {
		s.Lines++
		if ln.Overfull {
			s.Overfull++
		}
		if ln.Flagged {
			s.Hyphenated++
		}
		if ln.Emergency && !ragged {
			s.Emergency++
		}
		if !ragged && ln.Fills == 0 {
			s.Justified++
			s.SumStretch += ln.Ratio
			s.MaxStretch = max(s.MaxStretch, ln.Ratio)
		}
	}
	return s
}

// firstWords returns the start of a paragraph's text, to name it in a
// message.
func firstWords(items []linebreak.Item) string {
	var b strings.Builder
	for _, it := range items {
		switch it.Kind {
		case linebreak.KindBox:
			b.WriteString(it.Text)
		case linebreak.KindGlue:
			b.WriteByte(' ')
		}
		if b.Len() > 60 {
			break
		}
	}
	s := strings.Join(strings.Fields(b.String()), " ")
	if rs := []rune(s); len(rs) > 40 {
		s = string(rs[:40]) + "…"
	}
	return s
}

// raggedItems turns justified items into ragged-right ones: spaces keep
// their width, and each line may end short by up to st (Knuth and
// Plass's construction: glue, penalty, glue with cancelling stretch).
func raggedItems(items []linebreak.Item, st float64) []linebreak.Item {
	out := make([]linebreak.Item, 0, len(items)*3/2)
	for i, it := range items {
		if it.Kind != linebreak.KindGlue || math.IsInf(it.Stretch, 1) {
			out = append(out, it)
			continue
		}
		breakable := i > 0 && items[i-1].Kind == linebreak.KindBox
		if !breakable {
			it.Stretch, it.Shrink = 0, 0
			out = append(out, it)
			continue
		}
		no := linebreak.Item{Kind: linebreak.KindPenalty, Cost: linebreak.Infinity, Style: it.Style, Payload: it.Payload}
		fill := linebreak.Item{Kind: linebreak.KindGlue, Stretch: st, Style: it.Style, Payload: it.Payload}
		brk := linebreak.Item{Kind: linebreak.KindPenalty, Style: it.Style, Payload: it.Payload}
		space := linebreak.Item{Kind: linebreak.KindGlue, Width: it.Width, Stretch: -st, Style: it.Style, Payload: it.Payload}
		out = append(out, no, fill, brk, space)
	}
	return out
}

// sizeOf returns the size class of a style id.
func sizeOf(st int) sizeClass { return sizeClass(st % int(nSizes)) }

// linkArea adds a clickable area for m over [x, x+w] of the line,
// extending the previous area when it points at the same place.
func linkArea(bx *vbox, m runMeta, x, w float64, sty style) {
	asc, desc := sty.face.Ascent(sty.size), sty.face.Descent(sty.size)
	if n := len(bx.links); n > 0 {
		l := &bx.links[n-1]
		if l.Dest == m.dest && l.URL == m.url && x >= l.X+l.W-0.01 && x-(l.X+l.W) < sty.size {
			l.W = x + w - l.X
			return
		}
	}
	bx.links = append(bx.links, page.Link{X: x, Y: bx.base - asc, W: w, H: asc + desc, Dest: m.dest, URL: m.url})
}

// codeBreaks lets long inline code and addresses break after
// punctuation, without a hyphen, so that they do not force loose lines.
func (e *engine) codeBreaks(items []linebreak.Item, measure float64) []linebreak.Item {
	wide := func(it *linebreak.Item) bool {
		return it.Kind == linebreak.KindBox && it.Width > 0.15*measure &&
			(isMono(it.Style) || strings.Contains(it.Text, "://"))
	}
	i := 0
	for i < len(items) && !wide(&items[i]) {
		i++
	}
	if i == len(items) {
		return items
	}
	out := append(make([]linebreak.Item, 0, len(items)+16), items[:i]...)
	for ; i < len(items); i++ {
		it := items[i]
		if !wide(&it) {
			out = append(out, it)
			continue
		}
		start, prevW := 0, 0.0
		for k := 0; k+1 < len(it.Text); k++ {
			if strings.IndexByte("_./(,:=-\\&?", it.Text[k]) < 0 || k+1-start < 2 {
				continue
			}
			cw := e.textWidth(it.Text[:k+1], it.Style)
			piece := it
			piece.Text, piece.Width = it.Text[start:k+1], cw-prevW
			out = append(out, piece, linebreak.Item{Kind: linebreak.KindPenalty, Cost: 100, Style: it.Style, Payload: it.Payload})
			start, prevW = k+1, cw
		}
		it.Text, it.Width = it.Text[start:], it.Width-prevW
		out = append(out, it)
	}
	return out
}

// isMono reports whether a style is set in the mono face.
func isMono(st int) bool {
	v := variant(st / int(nSizes))
	return v == vMono || v == vMonoBold
}
