package anki

import (
	"strconv"
	"strings"

	"bookc/ast"
	"bookc/backends/html"
	"bookc/link"
)

// renderer turns an entry into the HTML of its card's back with the shared
// HTML writer, as one line without the book's stylesheet. A card has
// nothing to link to, so cross-references are their text; footnotes are
// numbered per card and follow its text in smaller type.
type renderer struct {
	html.Renderer
	opts *options
	// notes are the footnotes the card uses, in the order of their first
	// reference on the card; num numbers them from 1.
	notes []*ast.Footnote
	num   map[*ast.Footnote]int
}

func newRenderer(links *link.Links, media *mediaSet, o *options) *renderer {
	r := &renderer{opts: o, num: map[*ast.Footnote]int{}}
	r.Options = html.Options{Compact: true, Presentational: true, SectionLevel: 4}
	r.Links = links
	r.Hooks = html.Hooks{Image: media.add, Note: r.footnoteRef}
	return r
}

// back returns the HTML of e's card back: the lead and/or the body
// sections, the see-also line, and the footnotes they use. The bytes are
// valid until the next call.
func (r *renderer) back(e *ast.Entry) []byte {
	r.W.Reset()
	r.notes = r.notes[:0]
	clear(r.num)
	lang := e.Attr.Lang()
	if lang != "" {
		r.W.Raw("<div")
		r.W.Attr("lang", lang)
		r.W.Raw(">")
	}
	if r.opts.lead {
		r.Blocks(e.Lead)
	}
	if r.opts.explanation {
		for _, s := range e.Sections {
			if s.Kind == ast.SeeAlsoSection {
				continue
			}
			r.Wrap("h4", s.Title)
			r.Blocks(s.Body)
		}
	}
	if r.opts.seeAlso {
		r.seeAlso(e)
	}
	r.footnotes()
	if lang != "" {
		r.W.Raw("</div>")
	}
	return r.W.Bytes()
}

// front returns the card's front: the entry's title, marked with the
// entry's language when it has one of its own.
func front(e *ast.Entry) string {
	t := html.EscapeText(html.Collapse(e.TitleText()))
	if lang := e.Attr.Lang(); lang != "" && t != "" {
		var w html.Writer
		w.Raw("<span")
		w.Attr("lang", lang)
		w.Raw(">", t, "</span>")
		return string(w.Bytes())
	}
	return t
}

// seeAlso writes the line "Siehe auch: A, B" from the see-also section's
// references: resolved ones by their target's title, unresolved ones by
// their text. The index and the entry itself are left out.
func (r *renderer) seeAlso(e *ast.Entry) {
	s := e.SeeAlso()
	if s == nil {
		return
	}
	var names []string
	seen := map[string]bool{}
	for _, in := range s.Refs {
		name := r.seeAlsoName(in, e)
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		names = append(names, html.EscapeText(name))
	}
	if len(names) == 0 {
		return
	}
	r.W.Raw("<p>", html.EscapeText(r.opts.seeAlsoLabel), ": ", strings.Join(names, ", "), "</p>")
}

// seeAlsoName names one see-also link, or returns "" for the index and
// the entry itself.
func (r *renderer) seeAlsoName(in ast.Inline, e *ast.Entry) string {
	switch n := in.(type) {
	case *ast.Ref:
		if n.Target == link.IndexID {
			return ""
		}
		if t := r.Links.Ref(n); t != nil && t.Kind == link.EntryTarget && t.Entry == e {
			return ""
		}
		return r.RefTitle(n)
	case *ast.Link:
		return html.Collapse(ast.PlainText(n.Inlines))
	}
	return ""
}

// footnoteRef writes a footnote's number on this card.
func (r *renderer) footnoteRef(fr *ast.FootnoteRef) {
	n := fr.Note
	k, ok := r.num[n]
	if !ok {
		r.notes = append(r.notes, n)
		k = len(r.notes)
		r.num[n] = k
	}
	r.W.Raw("<sup>", strconv.Itoa(k), "</sup>")
}

// footnotes writes the notes the card referenced, in smaller type at the
// end of the back. A note may reference another, which then follows.
func (r *renderer) footnotes() {
	if len(r.notes) == 0 {
		return
	}
	r.W.Raw(`<div style="font-size:smaller">`)
	for i := 0; i < len(r.notes); i++ {
		body := r.notes[i].Body
		r.W.Raw("<p><sup>", strconv.Itoa(i+1), "</sup> ")
		if p, ok := html.FirstPara(body); ok {
			r.Inlines(p.Inlines)
			body = body[1:]
		}
		r.W.Raw("</p>")
		r.Blocks(body)
	}
	r.W.Raw("</div>")
}
