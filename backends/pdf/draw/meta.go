package draw

import (
	"html"
	"strings"
	"time"
)

// Producer is written to the document information's /Producer entry and
// the metadata's pdf:Producer.
const Producer = "bookc"

// date returns the document's date, 1970-01-01 with a problem if it has
// none: never the clock, so that output is reproducible.
func (w *writer) date() time.Time {
	d := w.doc.Meta.Date
	if d.IsZero() {
		w.problem(0, "document has no date; using 1970-01-01 for the creation and modification dates")
		return time.Unix(0, 0).UTC()
	}
	return d.UTC()
}

// infoDict returns the document information dictionary.
func (w *writer) infoDict(date time.Time) string {
	m := w.doc.Meta
	var b strings.Builder
	b.WriteString("<<")
	for _, e := range []struct{ key, val string }{
		{"/Title", m.Title}, {"/Author", m.Author}, {"/Subject", m.Subject},
		{"/Keywords", m.Keywords}, {"/Creator", Creator}, {"/Producer", Producer},
	} {
		if e.val != "" {
			b.WriteString(e.key + " " + hexText(e.val) + " ")
		}
	}
	d := "(D:" + date.Format("20060102150405") + "Z)"
	b.WriteString("/CreationDate " + d + " /ModDate " + d + ">>")
	return b.String()
}

// xmp returns the XMP metadata packet: title, authors, subject,
// keywords, language and dates as in the information dictionary, and the
// PDF/UA identification.
func (w *writer) xmp(date time.Time) []byte {
	m := w.doc.Meta
	esc := func(s string) string { return html.EscapeString(sanitize(s)) }
	d := date.Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"" +
		" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"" +
		" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n")
	if m.Title != "" {
		b.WriteString("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(m.Title) + "</rdf:li></rdf:Alt></dc:title>\n")
	}
	if m.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq>")
		for _, a := range strings.Split(m.Author, ", ") {
			b.WriteString("<rdf:li>" + esc(a) + "</rdf:li>")
		}
		b.WriteString("</rdf:Seq></dc:creator>\n")
	}
	if m.Subject != "" {
		b.WriteString("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(m.Subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if m.Lang != "" {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>" + esc(m.Lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	if m.Keywords != "" {
		b.WriteString("<pdf:Keywords>" + esc(m.Keywords) + "</pdf:Keywords>\n")
	}
	b.WriteString("<pdf:Producer>" + Producer + "</pdf:Producer>\n<xmp:CreatorTool>" + Creator + "</xmp:CreatorTool>\n" +
		"<xmp:CreateDate>" + d + "</xmp:CreateDate>\n<xmp:ModifyDate>" + d + "</xmp:ModifyDate>\n" +
		"<xmp:MetadataDate>" + d + "</xmp:MetadataDate>\n")
	if w.tagged() {
		b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
	}
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return []byte(b.String())
}
