package epub

import (
	"strconv"
	"strings"

	"bookc/backends/html"
	"bookc/link"
)

// titlePage renders the title, subtitle, authors and edition from
// book.yaml.
func (b *book) titlePage() []byte {
	r := b.newRenderer(titleFile)
	r.header(b.cfg.Title, "frontmatter")
	r.marksLead()
	w := &r.W
	w.Raw("<section epub:type=\"titlepage\" class=\"titlepage\">\n<h1 class=\"title\">")
	w.Text(b.cfg.Title)
	w.Raw("</h1>\n")
	para := func(class, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		w.Raw(`<p class="`, class, `">`)
		w.Text(text)
		w.Raw("</p>\n")
	}
	para("subtitle", b.cfg.Subtitle)
	para("authors", strings.Join(b.cfg.AuthorList(), ", "))
	para("edition", b.cfg.Edition)
	w.Raw("</section>\n")
	return r.footer()
}

// imprintPage renders the imprint: title, edition, rights, publisher and
// the ISBNs, as on the printed title page's verso.
func (b *book) imprintPage() []byte {
	r := b.newRenderer(imprintFile)
	r.header(b.words.Imprint, "frontmatter")
	r.marksLead()
	w := &r.W
	w.Raw(`<section epub:type="imprint" class="imprint">`, "\n<h1 class=\"imprint-title\">")
	w.Text(b.words.Imprint)
	w.Raw("</h1>\n")
	for _, l := range b.cfg.ImprintLines() {
		w.Raw("<p>")
		w.Text(l)
		w.Raw("</p>\n")
	}
	w.Raw("</section>\n")
	return r.footer()
}

// coverPage renders the page that shows the cover image.
func (b *book) coverPage(src string) []byte {
	r := b.newRenderer(coverFile)
	r.header(b.words.Cover, "cover")
	w := &r.W
	w.Raw("<section epub:type=\"cover\" class=\"cover\"><img")
	w.Attr("src", src)
	w.Attr("alt", b.coverAlt())
	w.Raw("/></section>\n")
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
	r.marksLead()
	w := &r.W
	groups := b.links.Index()
	ids := letterIDs(groups)
	w.Raw("<section epub:type=\"index\" role=\"doc-index\" class=\"index\">\n<h1")
	r.id(b.anchors.of(link.IndexID))
	w.Raw(">")
	w.Text(b.words.Index)
	w.Raw("</h1>\n")
	if len(groups) > 0 {
		w.Raw(`<nav class="letters"`)
		w.Attr("aria-label", b.words.Letters)
		w.Raw("><p>")
		for i, g := range groups {
			if i > 0 {
				w.Raw(" ")
			}
			w.Raw(`<a href="#`, ids[i], `">`)
			w.Text(g.Letter)
			w.Raw("</a>")
		}
		w.Raw("</p></nav>\n")
	}
	for i, g := range groups {
		w.Raw(`<section class="letter"><h2`)
		r.id(ids[i])
		w.Raw(">")
		w.Text(g.Letter)
		w.Raw("</h2>\n<ul>\n")
		for _, e := range g.Terms {
			w.Raw(`<li><a href="`, html.Escape(b.entryHref(e)), `">`)
			w.Text(e.TitleText())
			w.Raw("</a></li>\n")
		}
		w.Raw("</ul></section>\n")
	}
	w.Raw("</section>\n")
	return r.footer()
}
