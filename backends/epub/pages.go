package epub

import (
	"strconv"
	"strings"

	"bookc/link"
)

// titlePage renders the title, subtitle, authors and edition from
// book.yaml.
func (b *book) titlePage() []byte {
	r := b.newRenderer(titleFile)
	r.header(b.cfg.Title, "frontmatter")
	w := &r.w
	r.marksLead()
	w.raw("<section epub:type=\"titlepage\" class=\"titlepage\">\n<h1 class=\"title\">")
	w.text(b.cfg.Title)
	w.raw("</h1>\n")
	para := func(class, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		w.raw(`<p class="`, class, `">`)
		w.text(text)
		w.raw("</p>\n")
	}
	para("subtitle", b.cfg.Subtitle)
	para("authors", strings.Join(b.cfg.AuthorList(), ", "))
	para("edition", b.cfg.Edition)
	w.raw("</section>\n")
	return r.footer()
}

// coverPage renders the page that shows the cover image.
func (b *book) coverPage(src string) []byte {
	r := b.newRenderer(coverFile)
	r.header(b.words.Cover, "cover")
	w := &r.w
	w.raw("<section epub:type=\"cover\" class=\"cover\"><img")
	w.attr("src", src)
	w.attr("alt", b.coverAlt())
	w.raw("/></section>\n")
	return r.footer()
}

// coverAlt describes the cover: its title and authors.
func (b *book) coverAlt() string {
	alt := b.cfg.Title
	if a := b.cfg.AuthorList(); len(a) > 0 {
		alt += " – " + strings.Join(a, ", ")
	}
	return alt
}

// letterIDs gives each index group an id for the letter bar: "_letter-A",
// or a number where the letter is not plain ASCII.
func letterIDs(groups []link.Group) []string {
	names := newNamer()
	ids := make([]string, len(groups))
	for i, g := range groups {
		base := "_letter-" + strconv.Itoa(i+1)
		if validAnchor(g.Letter) {
			base = "_letter-" + g.Letter
		}
		ids[i] = names.unique(base)
	}
	return ids
}

// indexPage renders the generated index: a bar of letters to jump to, then
// every term under its letter, linked to its entry.
func (b *book) indexPage() []byte {
	r := b.newRenderer(indexFile)
	r.header(b.words.Index, "backmatter")
	w := &r.w
	r.marksLead()
	groups := b.links.Index()
	ids := letterIDs(groups)
	w.raw("<section epub:type=\"index\" role=\"doc-index\" class=\"index\">\n<h1")
	r.id(b.anchors.of(link.IndexID))
	w.raw(">")
	w.text(b.words.Index)
	w.raw("</h1>\n")
	if len(groups) > 0 {
		w.raw(`<nav class="letters"`)
		w.attr("aria-label", b.words.Letters)
		w.raw("><p>")
		for i, g := range groups {
			if i > 0 {
				w.raw(" ")
			}
			w.raw(`<a href="#`, ids[i], `">`)
			w.text(g.Letter)
			w.raw("</a>")
		}
		w.raw("</p></nav>\n")
	}
	for i, g := range groups {
		w.raw(`<section class="letter"><h2`)
		r.id(ids[i])
		w.raw(">")
		w.text(g.Letter)
		w.raw("</h2>\n<ul>\n")
		for _, e := range g.Terms {
			w.raw(`<li><a href="`, escape(b.entryHref(e)), `">`)
			w.text(e.TitleText())
			w.raw("</a></li>\n")
		}
		w.raw("</ul></section>\n")
	}
	w.raw("</section>\n")
	return r.footer()
}
