package epub

import (
	"crypto/sha1"
	"fmt"
	"strconv"
	"strings"

	"bookc/backends/html"
)

// nsURL is the UUID namespace for URLs (RFC 9562); the book's identifier
// is a name in it.
var nsURL = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// uuidV5 returns the name-based (SHA-1) UUID of name in namespace ns.
func uuidV5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// identifier is the book's urn:uuid, derived from book.yaml's id, else
// from title and authors: a new edition keeps it, so readers know the
// book.
func (b *book) identifier() string {
	name := "bookc:id:" + b.cfg.ID
	if strings.TrimSpace(b.cfg.ID) == "" {
		name = "bookc:title:" + b.cfg.Title + "\n" + strings.Join(b.cfg.AuthorList(), "\n")
	}
	return "urn:uuid:" + uuidV5(nsURL, name)
}

// packageDoc renders content.opf: metadata, manifest and spine.
func (b *book) packageDoc() []byte {
	var w html.Writer
	w.Raw(`<?xml version="1.0" encoding="UTF-8"?>`, "\n")
	w.Raw(`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="bookid"`)
	w.Attr("xml:lang", b.lang)
	w.Raw(">\n")
	b.metadata(&w)
	w.Raw("<manifest>\n")
	for _, it := range b.items {
		w.Raw("<item")
		w.Attr("id", it.id)
		w.Attr("href", it.href)
		w.Attr("media-type", it.mediaType)
		if it.props != "" {
			w.Attr("properties", it.props)
		}
		w.Raw("/>\n")
	}
	w.Raw("</manifest>\n<spine toc=\"ncx\">\n")
	for _, id := range b.spine {
		w.Raw(`<itemref idref="`, id, "\"/>\n")
	}
	w.Raw("</spine>\n</package>\n")
	return w.Bytes()
}

// metadata writes title, authors, language, identifier, dates and the
// accessibility description.
func (b *book) metadata(w *html.Writer) {
	w.Raw("<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<dc:identifier id=\"bookid\">")
	w.Text(b.identifier())
	w.Raw("</dc:identifier>\n")
	el := func(tag, id, value, property, refinement string) {
		w.Raw("<", tag, ` id="`, id, `">`)
		w.Text(value)
		w.Raw("</", tag, ">\n")
		w.Raw(`<meta refines="#`, id, `" property="`, property, `"`)
		if property == "role" {
			w.Raw(` scheme="marc:relators"`)
		}
		w.Raw(">", refinement, "</meta>\n")
	}
	el("dc:title", "title", b.cfg.Title, "title-type", "main")
	if strings.TrimSpace(b.cfg.Subtitle) != "" {
		el("dc:title", "subtitle", b.cfg.Subtitle, "title-type", "subtitle")
	}
	for i, a := range b.cfg.AuthorList() {
		el("dc:creator", "creator-"+strconv.Itoa(i+1), a, "role", "aut")
	}
	w.Raw("<dc:language>", b.lang, "</dc:language>\n")
	if b.cfg.Date != "" {
		w.Raw("<dc:date>", b.cfg.Modified.UTC().Format("2006-01-02"), "</dc:date>\n")
	}
	w.Raw(`<meta property="dcterms:modified">`, b.cfg.Modified.UTC().Format("2006-01-02T15:04:05Z"), "</meta>\n")
	facts := b.a11yFacts()
	b.publishing(w, facts)
	for _, kv := range a11yMeta(facts, b.cfg, b.words) {
		w.Raw(`<meta property="`, kv[0], `">`)
		w.Text(kv[1])
		w.Raw("</meta>\n")
	}
	b.claim(w, facts)
	if b.coverImg != "" {
		w.Raw(`<meta name="cover" content="`, b.coverImg, "\"/>\n")
	}
	w.Raw("</metadata>\n")
}

// containerXML points readers at the package document.
const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="` + pkgDir + opfFile + `" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
`
