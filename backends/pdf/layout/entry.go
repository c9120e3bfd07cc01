package layout

import (
	"cmp"
	"fmt"
	"strings"
	"unicode"

	"bookc/ast"
	"bookc/backends/pdf/linebreak"
	"bookc/diag"
)

// entryCache keeps what setting an entry produced across layout runs:
// paragraphs whose cache key did not change are not broken again, and
// images are read once.
type entryCache struct {
	paras  map[any]*paraCache
	images map[*ast.Image]*imageData
	out    entryOut   // what the last run that set the entry left
	refs   []labelRef // the page labels the entry prints
	sites  map[*ast.Ref]*refSite
	used   []*paraCache // the paragraphs in out that print page labels or have warnings
	// Earlier settings, for a watch session (see Session): the entry's
	// outputs as the runs of the layouts before left them, the latest
	// first, and the paragraphs set before the ones in paras, by key.
	vers []entryVer
	alts map[any][]*paraCache
}

// entryVer is one setting of an entry. A cached paragraph's boxes are
// shared by the settings that reuse it, and each setting makes them
// content of its own elements: elems keeps the element of each box of
// out, in order, as this setting left it.
type entryVer struct {
	out   entryOut
	refs  []labelRef
	used  []*paraCache
	elems []*snode
}

// take makes v the entry's present setting.
func (c *entryCache) take(v *entryVer) {
	c.out, c.refs, c.used = v.out, v.refs, v.used
	k := 0
	for _, it := range v.out.items {
		if it.box != nil {
			it.box.elem = v.elems[k]
			k++
		}
	}
	for _, pc := range v.used {
		if pc.key != nil && !pc.notes {
			c.setPara(pc.key, pc)
		}
	}
}

// maxVers is how many settings of an entry, and of a paragraph that
// prints page labels, are kept: a layout takes three runs or fewer to
// settle as a rule, and each run sets with other labels.
const maxVers = 4

// remember keeps the entry's present setting among its versions.
func (c *entryCache) remember() {
	if c.vers == nil {
		return
	}
	if len(c.vers) == maxVers {
		c.vers = c.vers[:maxVers-1]
	}
	var elems []*snode
	for _, it := range c.out.items {
		if it.box != nil {
			elems = append(elems, it.box.elem)
		}
	}
	c.vers = append(c.vers, entryVer{})
	copy(c.vers[1:], c.vers)
	c.vers[0] = entryVer{out: c.out, refs: c.refs, used: c.used, elems: elems}
}

// fitsExactly reports whether the entry's output is what setting it
// again in this run would give, paragraph by paragraph (see
// paraCache.fitsExactly).
func (c *entryCache) fitsExactly(e *engine) bool { return fitExactly(e, c.used) }

func fitExactly(e *engine, used []*paraCache) bool {
	for _, pc := range used {
		if !pc.fitsExactly(e, pc.w) {
			return false
		}
	}
	return true
}

// takeExact makes the present setting the latest version that setting
// the entry afresh in this run would give, as fitsExactly judges, and
// its paragraphs those the entry's cache holds; it reports whether
// there is one.
func (c *entryCache) takeExact(e *engine) bool {
	for i := range c.vers {
		if fitExactly(e, c.vers[i].used) {
			c.take(&c.vers[i])
			return true
		}
	}
	return false
}

// takeRebuilt is takeExact for a run after the first, in which an
// entry set again reuses every cached paragraph whose labels have the
// lengths it was set with: a version is what setting the entry gives
// if each of its paragraphs that prints labels is the one the cache
// would give, or, where the cache holds none that fits, one set with
// this run's very labels.
func (c *entryCache) takeRebuilt(e *engine) bool {
	for i := range c.vers {
		if c.rebuilds(e, &c.vers[i]) {
			c.take(&c.vers[i])
			return true
		}
	}
	return false
}

// rebuilds reports whether setting the entry now gives version v.
func (c *entryCache) rebuilds(e *engine, v *entryVer) bool {
	for _, pc := range v.used {
		var cur *paraCache
		if pc.key != nil && !pc.notes {
			cur = c.paras[pc.key]
		}
		switch {
		case cur.fits(e, pc.w):
			if cur != pc && !(cur.fitsExactly(e, pc.w) && pc.fitsExactly(e, pc.w)) {
				return false
			}
		case !pc.fitsExactly(e, pc.w):
			return false
		}
	}
	return true
}

// setPara makes pc the paragraph cached under key, keeping the one it
// replaces among the alternatives if it prints page labels.
func (c *entryCache) setPara(key any, pc *paraCache) {
	old := c.paras[key]
	c.paras[key] = pc
	if c.alts == nil || old == nil || old == pc || old.x == nil || old.x.sig == "" {
		return
	}
	alts := c.alts[key]
	for _, a := range alts {
		if a == old {
			return
		}
	}
	if len(alts) == maxVers {
		alts = alts[:maxVers-1]
	}
	c.alts[key] = append([]*paraCache{old}, alts...)
}

// alternative returns an earlier setting of the paragraph under key
// that setting it afresh at measure w now would give, if one is kept.
func (c *entryCache) alternative(e *engine, key any, w float64) *paraCache {
	for _, a := range c.alts[key] {
		if a.fitsExactly(e, w) {
			return a
		}
	}
	return nil
}

// paraCache is one paragraph's set lines, their figures and, for the
// few paragraphs that have any, its page labels and warnings.
type paraCache struct {
	items []vitem
	w     float64
	st    lineStats
	x     *paraExtra
	key   any  // what it is cached under, nil for nothing
	notes bool // it refers to footnotes, and is set in every run
}

// paraExtra is what some paragraphs have: the page labels they print and
// what was reported about them, about their text (once per entry) and
// about their lines.
type paraExtra struct {
	sig   string
	texts string     // the labels' texts, where sig has their lengths only
	dyns  []labelRef // targets whose page labels the paragraph prints
	sites []*refSite // its references whose pages it may print
	warns []onceWarn
	ds    diag.List
}

// onceWarn is a warning given at most once per entry, under key.
type onceWarn struct {
	key string
	d   diag.Diagnostic
}

// entryBuilder sets one entry into galley items.
type entryBuilder struct {
	e      *engine
	entry  *ast.Entry
	cache  *entryCache
	items  []vitem
	ds     diag.List
	st     lineStats
	pos    ast.Pos // the innermost heading, for diagnostics
	bars   *bars   // the quote bars in force
	label  []frag  // a list item's label, waiting for the item's first box
	keepN  int     // boxes still to keep with the next one (after headings)
	warned map[string]bool
	outl   []outlineMark
	cur    *snode                 // the structure element being set
	done   map[*ast.Footnote]bool // notes already attached to a box
	w      *worker
	refs   []labelRef   // the page labels the entry's paragraphs print
	nodes  int          // the structure elements opened
	used   []*paraCache // see entryCache.used
	// exact reuses only paragraphs set with the very label texts of
	// this run (see paraCache.fitsExactly): a session's first run.
	exact bool
	// filling tells that a paragraph's text is being read; fillWarns
	// collects its once-per-entry warnings, for its cache entry.
	filling   bool
	fillWarns []onceWarn
	// starts records where the entry's nodes begin among its items, for
	// the page map; inNote is set while a footnote's body is set apart.
	starts []start
	inNote bool
	// hy hyphenates the entry's or section's text when it has a
	// language of its own; nil for the book's.
	hy linebreak.Hyphenator
}

// newEntryBuilder prepares to set entry en with worker w's memory.
func (e *engine) newEntryBuilder(en *ast.Entry, c *entryCache, w *worker) *entryBuilder {
	return &entryBuilder{e: e, entry: en, cache: c, pos: en.Pos, warned: map[string]bool{}, w: w}
}

// extra returns box bx's extra content for writing, cut from the
// worker's slab on first use.
func (eb *entryBuilder) extra(bx *vbox) *boxExtra {
	if bx.ext == nil {
		bx.ext = eb.w.exts.one()
	}
	return bx.ext
}

// push appends items, applying the quote bars in force and the keep of
// a preceding heading.
func (eb *entryBuilder) push(items ...vitem) {
	for _, it := range items {
		if eb.bars != nil && it.kind != kNewPage && it.kind != kClearPage {
			it.bars = eb.bars
		}
		if it.kind == kBox && it.box != nil {
			it.box.elem = eb.cur
		}
		if it.kind == kBox && eb.keepN > 0 {
			it.keep = true
			eb.keepN--
		}
		eb.items = append(eb.items, it)
	}
}

// notesDone returns the set of footnotes already placed in this run.
func (eb *entryBuilder) notesDone() map[*ast.Footnote]bool {
	if eb.done == nil {
		eb.done = map[*ast.Footnote]bool{}
	}
	return eb.done
}

// takeLabel returns a pending list label for the box being made.
func (eb *entryBuilder) takeLabel() []frag {
	l := eb.label
	eb.label = nil
	return l
}

// warnf reports a warning at the current position.
func (eb *entryBuilder) warnf(pos ast.Pos, format string, args ...any) {
	eb.ds.Warnf(pos, format, args...)
}

// build sets the whole entry. sep is the item that separates it from the
// entry before; none for the first entry of the book.
func (eb *entryBuilder) build(sep []vitem) {
	en := eb.entry
	eb.starts = borrow(&eb.w.begun)
	defer func() {
		eb.w.begun, eb.starts = eb.starts[:0], eb.w.marks.keep(eb.starts)
	}()
	eb.push(sep...)
	eb.hy = eb.e.langHyph(en.Attr.Lang())
	eb.mark(en)
	sect := eb.open("Sect")
	eb.title()
	eb.blocks(en.Lead, eb.e.bodyCtx())
	for _, s := range en.Sections {
		eb.section(s)
	}
	eb.close(sect)
	eb.keepN = 0
}

// title sets the entry's heading, which carries its anchor, the mark for
// the running heads and its bookmarks.
func (eb *entryBuilder) title() {
	en := eb.entry
	c := eb.e.bodyCtx()
	c.text, c.ragged = szEntry, true
	c.lead = eb.e.lead * 1.45
	items := eb.heading(en, c, en.ID(), en.Title)
	bx := items[0].box.extra()
	bx.mark, bx.outline = en.TitleText(), eb.outl
	eb.within("H1", func() { eb.push(items...) })
	eb.push(glue(0.35*eb.e.lead, 0.1*eb.e.lead))
	eb.keepN = 1
}

// section sets a ### section: its title and body, or the see-also line.
func (eb *entryBuilder) section(s *ast.Section) {
	eb.pos = s.Pos
	L := eb.e.lead
	eb.push(glue(0.9*L, 0.3*L))
	eb.mark(s)
	eb.hy = eb.e.langHyph(cmp.Or(s.Attr.Lang(), eb.entry.Attr.Lang()))
	if s.Kind == ast.SeeAlsoSection {
		eb.seeAlso(s)
		return
	}
	sect := eb.open("Sect")
	defer eb.close(sect)
	c := eb.e.bodyCtx()
	c.text, c.ragged, c.lead = szSection, true, L*1.15
	eb.within("H2", func() { eb.push(eb.heading(s, c, s.Attr.ID, s.Title)...) })
	eb.push(glue(0.3*L, 0.1*L))
	eb.keepN = 1
	eb.blocks(s.Body, eb.e.bodyCtx())
}

// heading sets heading text kept together and with what follows, with
// an anchor on its first line.
func (eb *entryBuilder) heading(key any, c ctx, id string, title []ast.Inline) []vitem {
	items := eb.para(key, c, paraOpts{role: roleHeading, keepAll: true, anchor: id}, func(r *runs) {
		r.bold, r.pageRefs = true, false
		r.inlines(title, runMeta{})
	})
	if len(items) == 0 {
		b := &vbox{role: roleHeading, ext: &boxExtra{anchors: []string{id}}}
		items = []vitem{box(c.lead, b, true)}
	}
	items[len(items)-1].keep = true
	return items
}

// headingBlock sets a heading inside an entry's body.
func (eb *entryBuilder) headingBlock(h *ast.Heading, c ctx) {
	eb.pos = h.Pos
	L := eb.e.lead
	hc := c
	hc.ragged = true
	if h.Level <= 3 {
		hc.text, hc.lead = szSection, L*1.15
	}
	eb.push(glue(0.4*L, 0.2*L))
	eb.within(eb.headingRole(h.Level), func() { eb.push(eb.heading(h, hc, h.Attr.ID, h.Inlines)...) })
	eb.push(glue(0.15*L, 0.05*L))
	eb.keepN = 1
}

// seeAlso sets the compact "Siehe auch: A (S. 1) · B (S. 2)" line.
func (eb *entryBuilder) seeAlso(s *ast.Section) {
	c := eb.e.bodyCtx()
	c.ragged = true
	items := eb.para(s, c, paraOpts{anchor: s.Attr.ID}, func(r *runs) {
		r.bold = true
		r.text(eb.e.lab.SeeAlso+":", runMeta{})
		r.bold = false
		n := 0
		for _, in := range s.Refs {
			ref, ok := in.(*ast.Ref)
			if !ok {
				continue
			}
			if n > 0 {
				r.text("\u00a0·", runMeta{})
			}
			r.text(" ", runMeta{})
			eb.seeAlsoRef(r, ref)
			n++
		}
	})
	eb.within("P", func() { eb.push(items...) })
	if len(s.Body) > 0 {
		eb.push(glue(0.5*c.lead, 0.25*c.lead))
		eb.blocks(s.Body, eb.e.bodyCtx())
	}
}

// seeAlsoRef sets one reference of a see-also line: "BERT (S. 42)",
// never broken across lines nor hyphenated; without the page when the
// target is on the line's own page.
func (eb *entryBuilder) seeAlsoRef(r *runs, ref *ast.Ref) {
	r.noHyph = true
	defer func() { r.noHyph = false }()
	t := eb.e.links.Ref(ref)
	if t == nil {
		r.inlines(ref.Inlines, runMeta{})
		return
	}
	m := runMeta{dest: t.ID}
	if t.Entry != nil {
		m.site = eb.site(ref, t.ID)
		r.sites = append(r.sites, m.site)
	}
	from := len(r.list)
	r.inlines(ref.Inlines, m)
	for i := from; i < len(r.list); i++ {
		r.list[i].Text = strings.ReplaceAll(r.list[i].Text, " ", "\u00a0")
	}
	if t.Entry == nil || m.site.omit {
		return
	}
	r.text("\u00a0("+eb.e.lab.Page+"\u00a0", m)
	r.pageLabel(t.ID, m)
	r.text(")", m)
}

// clean replaces characters no font can show by '?', with a warning per
// character and entry; control characters become spaces.
func (eb *entryBuilder) clean(s string, st int) string {
	sty := &eb.e.styles[st]
	if isASCII(s) || sty.cover.has(s) {
		return s
	}
	face := sty.face
	bad := false
	for _, r := range s {
		if _, ok := eb.e.set.Pick(face, r); r < ' ' || !ok && !unicode.IsSpace(r) {
			bad = true
			break
		}
	}
	if !bad {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch _, ok := eb.e.set.Pick(face, r); {
		case r < ' ':
			b.WriteByte(' ')
		case unicode.IsSpace(r):
			b.WriteRune(r)
		case !ok:
			eb.missing(r)
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// warnOnce gives a warning once per entry under key, and records it for
// the cache entry of the paragraph being read.
func (eb *entryBuilder) warnOnce(key string, pos ast.Pos, format string, args ...any) {
	if eb.warned[key] {
		return
	}
	eb.warned[key] = true
	eb.warnf(pos, format, args...)
	if eb.filling {
		eb.fillWarns = append(eb.fillWarns, onceWarn{key: key, d: eb.ds[len(eb.ds)-1]})
	}
}

// replay gives the once-per-entry warnings of a cached paragraph again,
// as reading it would.
func (eb *entryBuilder) replay(ws []onceWarn) {
	for _, w := range ws {
		if !eb.warned[w.key] {
			eb.warned[w.key] = true
			eb.ds = append(eb.ds, w.d)
		}
	}
}

// missing warns once per entry about a character no font has.
func (eb *entryBuilder) missing(r rune) {
	eb.warnOnce(fmt.Sprintf("glyph %U", r), eb.entry.Pos, "entry %q: character %U %q is in none of the PDF fonts; it is set as '?'",
		eb.entry.TitleText(), r, string(r))
}
