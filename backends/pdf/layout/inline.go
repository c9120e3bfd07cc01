package layout

import (
	"strings"

	"bookc/ast"
	"bookc/backends/pdf/linebreak"
	"bookc/link"
)

// runMeta is what a run carries beyond text and style: where it links to
// and which text the pagination fills in.
type runMeta struct {
	dest string        // internal link target
	url  string        // external link
	dyn  labelRef      // the text is the page label of this target
	note *ast.Footnote // the text is this note's per-page number
	site *refSite      // the text is a reference whose page is printed
	lang string        // the text's language, where a span gives one
}

// runs collects the styled runs of one paragraph from inline nodes.
type runs struct {
	eb     *entryBuilder
	c      ctx
	list   []linebreak.Run
	spare  []linebreak.Run // storage for the list's next version (see splice)
	meta   []runMeta       // indexed by Run.Payload; meta[0] is plain text
	bold   bool
	italic bool
	// pageRefs adds "(→ S. 42)" after resolved references.
	pageRefs bool
	// dyns lists the targets whose page labels the paragraph prints.
	dyns []labelRef
	// notes tells that the paragraph refers to footnotes.
	notes bool
	// pend holds page labels waiting for the end of their word, and
	// sites the paragraph's reference sites.
	pend  []pendRef
	sites []*refSite
	// noHyph keeps text from automatic hyphenation.
	noHyph bool
	// hy hyphenates the text being added, nil for the book's language.
	hy linebreak.Hyphenator
}

// newRuns starts a paragraph in context c.
func (eb *entryBuilder) newRuns(c ctx) *runs {
	return &runs{eb: eb, c: c, meta: []runMeta{{}}, italic: c.italic, pageRefs: true, hy: eb.hy}
}

// style returns the current style id for text or code.
func (r *runs) style(mono bool) int {
	sz := r.c.text
	if mono {
		sz = r.c.code
	}
	return styleID(withVariant(mono, r.bold, r.italic && !mono), sz)
}

// add appends text in style st carrying m, merging with the previous run
// when nothing distinguishes them.
func (r *runs) add(text string, st int, m runMeta, noHyph bool) {
	if text == "" {
		return
	}
	text = r.eb.clean(text, st)
	plain := m == runMeta{}
	if n := len(r.list); plain && n > 0 {
		last := &r.list[n-1]
		if !last.HardBreak && last.Style == st && last.Payload == 0 && last.NoHyphenate == noHyph && last.Hyphenator == r.hy {
			last.Text += text
			return
		}
	}
	payload := 0
	if !plain {
		payload = len(r.meta)
		r.meta = append(r.meta, m)
	}
	r.list = append(r.list, linebreak.Run{Text: text, Style: st, NoHyphenate: noHyph, Payload: payload, Hyphenator: r.hy})
}

// text appends ordinary text.
func (r *runs) text(s string, m runMeta) { r.add(s, r.style(false), m, r.noHyph) }

// inlines converts inline nodes, carrying m into every run.
func (r *runs) inlines(ins []ast.Inline, m runMeta) {
	for _, in := range ins {
		switch n := in.(type) {
		case *ast.Text:
			r.text(n.Text, m)
		case *ast.Space:
			r.text(" ", m)
		case *ast.LineBreak:
			r.list = append(r.list, linebreak.Run{HardBreak: true, Style: r.style(false)})
		case *ast.Emph:
			r.italic = !r.italic
			r.inlines(n.Inlines, m)
			r.italic = !r.italic
		case *ast.Strong:
			was := r.bold
			r.bold = true
			r.inlines(n.Inlines, m)
			r.bold = was
		case *ast.Code:
			r.add(strings.ReplaceAll(n.Text, "\n", " "), r.style(true), m, true)
		case *ast.Link:
			r.link(n, m)
		case *ast.Ref:
			r.ref(n, m)
		case *ast.Image:
			r.image(n, m)
		case *ast.FootnoteRef:
			r.noteRef(n)
		case *ast.Span:
			r.span(n, m)
		}
	}
}

// link sets an external link's text; only web and mail addresses become
// clickable.
func (r *runs) link(n *ast.Link, m runMeta) {
	if href, ok := link.URL(n.URL); ok {
		m = runMeta{url: href}
	}
	if len(n.Inlines) == 0 {
		r.text(n.URL, m)
		return
	}
	r.inlines(n.Inlines, m)
}

// ref sets a cross-reference: its text linked to the target; the
// target's page follows the word the reference belongs to (see
// placeRefs). Unresolved references are plain text.
func (r *runs) ref(n *ast.Ref, m runMeta) {
	t := r.eb.e.links.Ref(n)
	if t == nil {
		r.inlines(n.Inlines, m)
		return
	}
	mm := runMeta{dest: t.ID}
	if t.Kind == link.IndexTarget || !r.pageRefs {
		r.inlines(n.Inlines, mm)
		return
	}
	s := r.eb.site(n, t.ID)
	r.sites = append(r.sites, s)
	mm.site = s
	r.inlines(n.Inlines, mm)
	r.pend = append(r.pend, pendRef{at: len(r.list), ref: r.eb.e.refs[t.ID], id: t.ID, dest: t.ID, site: s})
}

// pageLabel appends the page number of target id as the previous run
// found it; the final text is filled in when pages are drawn.
func (r *runs) pageLabel(id string, m runMeta) {
	e := r.eb.e
	ref, ok := e.refs[id]
	if !ok {
		// Every target a reference in an entry prints is numbered;
		// anything else is set as it stands.
		r.add(e.pageOf(id), r.style(false), m, true)
		return
	}
	r.dyns = append(r.dyns, ref)
	m.dyn = ref
	r.add(e.label(ref), r.style(false), m, true)
}

// image inside running text is set as its alternative text.
func (r *runs) image(n *ast.Image, m runMeta) {
	r.italic = !r.italic
	r.text(n.Alt, m)
	r.italic = !r.italic
}

// noteRef sets a footnote mark: a superscript whose number is counted
// per page when the page is drawn.
func (r *runs) noteRef(n *ast.FootnoteRef) {
	if n.Note == nil {
		return
	}
	r.notes = true
	r.add("0", styleID(vRegular, r.c.sup), runMeta{note: n.Note}, true)
}

// empty reports whether the paragraph has no visible text.
func (r *runs) empty() bool {
	for _, x := range r.list {
		if strings.TrimSpace(x.Text) != "" {
			return false
		}
	}
	return true
}
