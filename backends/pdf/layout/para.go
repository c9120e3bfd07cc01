package layout

import (
	"math"
	"slices"
	"strings"

	"bookc/ast"
	"bookc/backends/pdf/linebreak"
	"bookc/backends/pdf/page"
	"bookc/diag"
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

// hbadness is the badness above which a loose line is reported, as TeX's
// \hbadness: lines the emergency pass sets more loosely than the
// tolerance but no worse than this read well and pass silently.
const hbadness = 1000

// lineStats sums the quality figures of set lines.
type lineStats struct {
	Lines, Overfull, Hyphenated, Emergency int32
	Justified, Underfull, Split            int32
	SumStretch, MaxStretch                 float64
}

func (s *lineStats) add(o lineStats) {
	s.Lines += o.Lines
	s.Overfull += o.Overfull
	s.Hyphenated += o.Hyphenated
	s.Emergency += o.Emergency
	s.Justified += o.Justified
	s.Underfull += o.Underfull
	s.Split += o.Split
	s.SumStretch += o.SumStretch
	s.MaxStretch = max(s.MaxStretch, o.MaxStretch)
}

// para sets a paragraph into line boxes. fill adds its runs; it is not
// called when the cache holds the paragraph with the same measure and
// page labels of the same lengths: then the lines are reused as they
// are. Otherwise the paragraph is read and broken afresh.
func (eb *entryBuilder) para(key any, c ctx, o paraOpts, fill func(r *runs)) []vitem {
	label := eb.takeLabel()
	w := eb.e.width(c)
	var pc *paraCache
	if key != nil {
		pc = eb.cache.paras[key]
	}
	if eb.exact && pc.fitsExactly(eb.e, w) || !eb.exact && pc.fits(eb.e, w) {
		if pc.x != nil {
			eb.replay(pc.x.warns)
		}
		eb.reuse(pc)
		return pc.items
	}
	if key != nil {
		// An earlier setting made with the very inputs this one would
		// have is what setting it gives.
		if alt := eb.cache.alternative(eb.e, key, w); alt != nil {
			eb.cache.setPara(key, alt)
			if alt.x != nil {
				eb.replay(alt.x.warns)
			}
			eb.reuse(alt)
			return alt.items
		}
	}
	pc = eb.setPara(key, w, c, o, fill, label)
	if pc == nil {
		return nil
	}
	eb.reuse(pc)
	return pc.items
}

// fits reports whether a cached paragraph can be reused at measure w.
func (pc *paraCache) fits(e *engine, w float64) bool {
	if pc == nil || pc.w != w {
		return false
	}
	return pc.x == nil || e.dynSig(pc.x.dyns)+siteSig(pc.x.sites) == pc.x.sig
}

// fitsExactly is fits, asking besides that the page labels printed be
// the very texts the paragraph was set with rather than texts of their
// lengths: digits kern ("11" is narrower than "10"), so a label's text
// moves what follows it a little.
func (pc *paraCache) fitsExactly(e *engine, w float64) bool {
	return pc.fits(e, w) && (pc.x == nil || pc.x.texts == e.labelTexts(pc.x.dyns))
}

// setPara reads and breaks a paragraph, and caches it under key unless
// it refers to footnotes: such a paragraph is set in every run, so that
// its notes are set, and their lines and warnings counted, alike. It
// returns nil for a paragraph without visible text.
func (eb *entryBuilder) setPara(key any, w float64, c ctx, o paraOpts, fill func(r *runs), label []frag) *paraCache {
	wk := eb.w
	pc := wk.paras.one()
	pc.w = w
	var x paraExtra
	r := wk.takeRuns(eb, c)
	defer func() { wk.runs = r }()
	eb.filling, eb.fillWarns = true, nil
	fill(r)
	r.placeRefs()
	eb.filling, x.warns = false, eb.fillWarns
	if r.empty() {
		return nil
	}
	x.dyns, x.sites = r.dyns, r.sites
	x.sig = eb.e.dynSig(r.dyns) + siteSig(r.sites)
	x.texts = eb.e.labelTexts(r.dyns)
	built := wk.builder(!o.noHyph).BuildInto(borrow(&wk.items), r.list, pc.widths(o))
	lb := eb.e.codeBreaks(built, w)
	var rg []linebreak.Item
	if c.ragged {
		rg = raggedItems(borrow(&wk.ragged), lb, 3*eb.e.styles[styleID(vRegular, c.text)].size)
		lb = rg
	}
	eb.breakPara(pc, &x.ds, lb, r.meta, c, o, label)
	wk.items = built[:0]
	if rg != nil {
		wk.ragged = rg[:0]
	}
	if x.sig != "" || len(x.warns) > 0 || len(x.ds) > 0 {
		pc.x = wk.extra.one()
		*pc.x = x
	}
	pc.key, pc.notes = key, r.notes
	if key != nil && !r.notes {
		eb.cache.setPara(key, pc)
	}
	return pc
}

// widths is the paragraph's line measures.
func (pc *paraCache) widths(o paraOpts) linebreak.LineWidths {
	if o.hang > 0 {
		return linebreak.LineWidths{First: []float64{pc.w}, Rest: pc.w - o.hang}
	}
	return linebreak.Uniform(pc.w)
}

// reuse accounts for a paragraph's lines as part of this run.
func (eb *entryBuilder) reuse(pc *paraCache) {
	eb.st.add(pc.st)
	if pc.x != nil {
		eb.used = append(eb.used, pc)
		eb.ds = append(eb.ds, pc.x.ds...)
		eb.refs = append(eb.refs, pc.x.dyns...)
	}
	for _, it := range pc.items {
		if it.box != nil {
			for _, nb := range it.box.rare().notes {
				eb.notesDone()[nb.note] = true
			}
		}
	}
}

// breakPara breaks the paragraph's items and turns its lines into boxes.
// The boxes come from the worker's slab; their frags are stored by store.
func (eb *entryBuilder) breakPara(pc *paraCache, ds *diag.List, lb []linebreak.Item, meta []runMeta, c ctx, o paraOpts, label []frag) {
	e := eb.e
	lw := pc.widths(o)
	wk := eb.w
	p := e.params()
	if c.ragged {
		p.Expansion = 0
	} else {
		protrude(e, lb)
	}
	res := linebreak.BreakInto(wk.takeResult(), lb, lw, p)
	if !c.ragged && hyphenRun(res) > p.MaxHyphenRun {
		// No setting within the tolerance avoids three hyphens in a
		// row; one with spaces still below half an em may.
		q := p
		q.Pretolerance, q.Tolerance = -1, looseTolerance
		if alt := linebreak.Break(lb, lw, q); hyphenRun(alt) <= p.MaxHyphenRun {
			res = alt
		}
	}
	defer func() { wk.res = res }()
	n := len(res.Lines)
	pc.st, pc.items = statsOf(res, c.ragged), wk.lines.take(n)[:0]
	boxes := wk.boxes.take(n)
	fr, ends := borrow(&wk.frags), borrow(&wk.ends)
	base := e.baseline(styleID(vRegular, c.text), c.lead)
	for i, ln := range res.Lines {
		bx := &boxes[i]
		*bx = vbox{base: base, role: o.role, line: int32(i), nlines: int32(n), hyph: ln.Flagged && i < n-1}
		x0 := c.left
		if i > 0 {
			x0 += o.hang
		}
		from := len(fr)
		var end float64
		fr, end = eb.lineFrags(fr, bx, lb, ln, meta, x0)
		alignLine(fr[from:], bx, x0, end, lw.At(i), o.align, c.ragged)
		if i == 0 {
			// The label comes first, as it is read.
			fr = slices.Insert(fr, from, label...)
			if o.anchor != "" {
				eb.extra(bx).anchors = []string{o.anchor}
			}
		}
		ends = append(ends, len(fr))
		keep := i < n-1 && (o.keepAll || i < 1 || i > n-3)
		pc.items = append(pc.items, box(c.lead, bx, keep))
	}
	eb.store(boxes, fr, ends)
	wk.frags, wk.ends = fr[:0], ends[:0]
	eb.paraWarnings(ds, pc.st, lb, c)
}

// store gives box i of a paragraph its frags fr[ends[i-1]:ends[i]],
// packed into one string for the paragraph where the fonts allow.
func (eb *entryBuilder) store(boxes []vbox, fr []frag, ends []int) {
	wk, e := eb.w, eb.e
	if !e.packable() {
		all := append([]frag(nil), fr...)
		from := 0
		for i, end := range ends {
			boxes[i].frags = all[from:end:end]
			from = end
		}
		return
	}
	buf, offs := borrow(&wk.enc), borrow(&wk.offs)
	from := 0
	for i, end := range ends {
		offs = append(offs, len(buf))
		buf = e.appendPacked(buf, &boxes[i], fr[from:end])
		from = end
	}
	s := wk.packs.add(buf)
	for i := range boxes {
		end := len(s)
		if i+1 < len(offs) {
			end = offs[i+1]
		}
		boxes[i].packed = s[offs[i]:end]
	}
	wk.enc, wk.offs = buf[:0], offs[:0]
}

// paraWarnings reports loose and overfull lines of a paragraph.
func (eb *entryBuilder) paraWarnings(ds *diag.List, st lineStats, lb []linebreak.Item, c ctx) {
	if st.Underfull > 0 && !c.ragged {
		ds.Warnf(eb.pos, "entry %q: paragraph %q has %d underfull line(s) (badness above %d): its word spaces stretch visibly",
			eb.entry.TitleText(), firstWords(lb), st.Underfull, hbadness)
	}
	if st.Overfull > 0 {
		ds.Warnf(eb.pos, "entry %q: paragraph %q has %d line(s) wider than the measure",
			eb.entry.TitleText(), firstWords(lb), st.Overfull)
	}
	if st.Split > 0 {
		ds.Warnf(eb.pos, "entry %q: paragraph %q has %d line(s) that end inside a word too wide for the line: broken between characters, without a hyphen",
			eb.entry.TitleText(), firstWords(lb), st.Split)
	}
}

// dynSig is a paragraph's cache key: everything about a paragraph is
// fixed by the document except the page labels it prints. With digits of
// equal widths only the labels' lengths matter; otherwise the labels
// themselves do.
func (e *engine) dynSig(ids []labelRef) string {
	if len(ids) == 0 {
		return ""
	}
	if !e.tabular {
		b := make([]byte, 0, 4*len(ids))
		for _, id := range ids {
			b = append(append(b, e.label(id)...), 0)
		}
		return string(b)
	}
	b := make([]byte, 0, len(ids))
	for _, id := range ids {
		b = append(b, byte('0'+min(len(e.label(id)), 60)))
	}
	return string(b)
}

// labelTexts is the texts of the page labels ids, where the lengths
// alone make dynSig; "" where dynSig has the texts already.
func (e *engine) labelTexts(ids []labelRef) string {
	if len(ids) == 0 || !e.tabular {
		return ""
	}
	b := make([]byte, 0, 4*len(ids))
	for _, id := range ids {
		b = append(append(b, e.label(id)...), 0)
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
		if ln.Split {
			s.Split++
		}
		if ln.Emergency && !ragged {
			s.Emergency++
			// A line without glue cannot stretch: it is short, not loose.
			if ln.Badness > hbadness && (ln.Ratio > 0 || ln.Fills > 0) {
				s.Underfull++
			}
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

// raggedItems appends to out the items made ragged right: spaces keep
// their width, and each line may end short by up to st (Knuth and
// Plass's construction: glue, penalty, glue with cancelling stretch).
func raggedItems(out, items []linebreak.Item, st float64) []linebreak.Item {
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
func linkArea(bx *vbox, m *runMeta, x, w float64, sty *style) {
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

// looseTolerance is the badness of a stretch ratio of 2, at which an
// inter-word space (a quarter em stretching by half its width) reaches
// half an em.
const looseTolerance = 800

// hyphenRun is the longest run of lines of res ending at hyphens.
func hyphenRun(res linebreak.Result) int {
	best, run := 0, 0
	for _, ln := range res.Lines {
		if ln.Flagged {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}
