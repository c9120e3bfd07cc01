package anki

import (
	"strings"

	"golang.org/x/net/html"
)

// keptTags are the phrasing elements kept from HTML written in the source,
// always without their attributes: they carry meaning ("10<sup>9</sup>")
// and cannot run code.
var keptTags = map[string]bool{
	"b": true, "i": true, "em": true, "strong": true, "sub": true, "sup": true,
	"u": true, "s": true, "small": true, "mark": true, "kbd": true, "var": true, "code": true,
}

// droppedTags are elements dropped together with their content.
var droppedTags = map[string]bool{
	"script": true, "style": true, "template": true, "iframe": true, "object": true,
	"noscript": true, "noembed": true, "noframes": true, "textarea": true, "title": true,
	"svg": true, "math": true, "select": true, "xmp": true, "head": true,
}

// breakTags separate words: they become a space.
var breakTags = map[string]bool{
	"p": true, "div": true, "li": true, "ul": true, "ol": true, "tr": true, "td": true,
	"th": true, "table": true, "blockquote": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "dd": true, "dt": true, "hr": true, "section": true,
}

// rawState filters source HTML: text is escaped, kept elements lose their
// attributes, <br> stays, everything else is dropped. It spans the raw
// pieces of one run of inlines, where each tag arrives on its own.
type rawState struct {
	open  []string // kept elements opened and not yet closed
	skip  string   // the dropped element whose content is being skipped
	depth int      // nesting of skip inside itself
}

// skipping reports whether the filter is inside a dropped element, so the
// text between raw pieces must be dropped too.
func (st *rawState) skipping() bool { return st.skip != "" }

// inline filters one raw piece and returns the HTML to write.
func (st *rawState) inline(src string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(src))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String()
		}
		st.token(&b, z.Token())
	}
}

func (st *rawState) token(b *strings.Builder, tok html.Token) {
	name := tok.Data
	switch tok.Type {
	case html.TextToken:
		if !st.skipping() {
			b.WriteString(escapeText(tok.Data))
		}
	case html.StartTagToken, html.SelfClosingTagToken:
		st.start(b, tok)
	case html.EndTagToken:
		if st.skipping() {
			if name == st.skip {
				st.depth--
				if st.depth == 0 {
					st.skip = ""
				}
			}
			return
		}
		if keptTags[name] {
			st.end(b, name)
		} else if breakTags[name] {
			b.WriteByte(' ')
		}
	}
}

func (st *rawState) start(b *strings.Builder, tok html.Token) {
	name := tok.Data
	selfClosing := tok.Type == html.SelfClosingTagToken
	switch {
	case st.skipping():
		if name == st.skip && !selfClosing {
			st.depth++
		}
	case droppedTags[name]:
		if !selfClosing {
			st.skip, st.depth = name, 1
		}
	case name == "br":
		b.WriteString("<br>")
	case name == "img":
		for _, a := range tok.Attr {
			if a.Key == "alt" && a.Namespace == "" {
				b.WriteString(escapeText(a.Val))
			}
		}
	case keptTags[name]:
		if !selfClosing {
			st.open = append(st.open, name)
			b.WriteString("<" + name + ">")
		}
	case breakTags[name]:
		b.WriteByte(' ')
	}
}

// end closes the innermost open element called name and any opened inside
// it; a closing tag without its opening one is dropped.
func (st *rawState) end(b *strings.Builder, name string) {
	for i := len(st.open) - 1; i >= 0; i-- {
		if st.open[i] != name {
			continue
		}
		for j := len(st.open) - 1; j >= i; j-- {
			b.WriteString("</" + st.open[j] + ">")
		}
		st.open = st.open[:i]
		return
	}
}

// close ends the run: it closes what is still open and forgets a dropped
// element left unclosed.
func (st *rawState) close() string {
	var b strings.Builder
	for j := len(st.open) - 1; j >= 0; j-- {
		b.WriteString("</" + st.open[j] + ">")
	}
	st.open, st.skip, st.depth = st.open[:0], "", 0
	return b.String()
}

// sanitizeBlock filters an HTML block to its text and kept elements, on
// one line.
func sanitizeBlock(src string) string {
	var st rawState
	s := st.inline(src) + st.close()
	return collapseSpace(s)
}
