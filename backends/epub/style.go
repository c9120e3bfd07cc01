package epub

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"bookc/ast"
	"bookc/config"

	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifbolditalic"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
)

// baseCSS is the book's stylesheet. Sizes are relative and no page colour
// is set, so the reader's font, size and theme settings win; there are no
// forced page breaks, which some readers answer with blank pages.
const baseCSS = `html, body { margin: 0; padding: 0; }
body { line-height: 1.4; widows: 2; orphans: 2; overflow-wrap: break-word; word-wrap: break-word; }
p { margin: 0 0 0.6em 0; }
p, li, blockquote, figcaption, td, th, aside {
  -epub-hyphens: auto; -webkit-hyphens: auto; -moz-hyphens: auto; hyphens: auto; adobe-hyphenate: auto;
}
h1, h2, h3, h4, h5, h6 {
  font-weight: bold; line-height: 1.2; text-align: left;
  page-break-after: avoid; break-after: avoid;
  -epub-hyphens: none; -webkit-hyphens: none; hyphens: none; adobe-hyphenate: none;
}
h1 { font-size: 1.5em; margin: 1.2em 0 0.6em 0; }
h2 { font-size: 1.2em; margin: 1.1em 0 0.4em 0; }
h3 { font-size: 1.05em; margin: 1em 0 0.3em 0; }
h4, h5, h6 { font-size: 1em; font-style: italic; margin: 0.8em 0 0.3em 0; }
h1.term { border-bottom: 1px solid; padding-bottom: 0.15em; }
section.entry { margin: 0 0 1.6em 0; }
div.lead { margin: 0 0 0.8em 0; }
code, pre { font-family: monospace; }
code { font-size: 0.9em; -epub-hyphens: none; -webkit-hyphens: none; hyphens: none; }
pre.code {
  white-space: pre-wrap; white-space: break-spaces; overflow-wrap: anywhere; word-wrap: break-word; overflow-x: auto;
  font-size: 0.8em; line-height: 1.3; margin: 0.6em 0; padding: 0 0 0 0.6em; border-left: 0.2em solid;
}
pre.code code { font-size: 1em; }
blockquote { margin: 0.6em 0 0.6em 1em; padding: 0 0 0 0.6em; border-left: 0.15em solid; }
ul, ol { margin: 0.3em 0 0.6em 0; padding: 0 0 0 1.4em; }
li { margin: 0.15em 0; }
div.table-scroll { overflow-x: auto; max-width: 100%; margin: 0.6em 0; }
div.table-scroll table { margin: 0; }
table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.85em; }
th, td { border: 1px solid; padding: 0.2em 0.35em; vertical-align: top; text-align: left; overflow-wrap: break-word; word-wrap: break-word; }
th { font-weight: bold; }
th.al, td.al { text-align: left; }
th.ac, td.ac { text-align: center; }
th.ar, td.ar { text-align: right; }
figure { margin: 0.8em 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.85em; font-style: italic; margin: 0.3em 0 0 0; }
img.inline { max-width: 100%; }
p.image-missing { font-style: italic; }
p.seealso { margin: 0.8em 0 0 0; font-size: 0.95em; }
span.seealso-label { font-weight: bold; }
sup { font-size: 0.75em; line-height: 0; vertical-align: super; }
aside.footnote { font-size: 0.85em; margin: 0.6em 0 0 0; padding: 0.3em 0 0 0; border-top: 1px solid; }
aside.footnote p { margin: 0 0 0.3em 0; }
.note-number { font-weight: bold; }
hr { border: 0; border-top: 1px solid; margin: 1em 20%; }
section.titlepage { text-align: center; margin: 3em 0 0 0; }
section.titlepage h1.title { font-size: 2em; margin: 0 0 0.6em 0; text-align: center; }
p.subtitle { font-size: 1.2em; font-style: italic; }
p.authors { margin: 2em 0 0 0; font-size: 1.1em; }
p.edition { margin: 1em 0 0 0; font-size: 0.9em; }
section.imprint { margin: 2em 0 0 0; font-size: 0.85em; }
section.imprint h1.imprint-title { font-size: 1.2em; }
section.imprint p { margin: 0 0 0.3em 0; }
section.cover { margin: 0; padding: 0; text-align: center; }
section.cover img { max-width: 100%; height: auto; }
nav ol { list-style-type: none; margin: 0; padding: 0; }
nav ol ol { padding: 0 0 0 1.2em; }
nav li { margin: 0.2em 0; }
li.letter > a { font-weight: bold; }
nav.letters p { text-align: center; line-height: 1.8; }
nav.letters a { padding: 0 0.15em; }
section.index ul { list-style-type: none; padding: 0; }
`

// fontFile is one embedded face.
type fontFile struct {
	name, weight, style string
	data                []byte
}

var serifFonts = []fontFile{
	{"LiberationSerif-Regular.ttf", "normal", "normal", liberationserifregular.TTF},
	{"LiberationSerif-Bold.ttf", "bold", "normal", liberationserifbold.TTF},
	{"LiberationSerif-Italic.ttf", "normal", "italic", liberationserifitalic.TTF},
	{"LiberationSerif-BoldItalic.ttf", "bold", "italic", liberationserifbolditalic.TTF},
}

// addStyles adds the stylesheet, the embedded fonts when book.yaml asks
// for them, and the book's own stylesheet, which comes last so that its
// rules win.
func (b *book) addStyles() {
	css := baseCSS
	if b.cfg.EPUB.EmbedFonts {
		var faces strings.Builder
		for i, f := range serifFonts {
			fmt.Fprintf(&faces, "@font-face { font-family: \"Liberation Serif\"; font-weight: %s; font-style: %s; src: url(\"../fonts/%s\"); }\n",
				f.weight, f.style, f.name)
			b.items = append(b.items, item{id: fmt.Sprintf("font-%d", i+1), href: "fonts/" + f.name, mediaType: "font/ttf", data: f.data})
		}
		css = faces.String() + css + "body { font-family: \"Liberation Serif\", serif; }\n"
	}
	b.items = append(b.items, item{id: "css", href: "css/book.css", mediaType: "text/css", data: []byte(css)})
	b.styles = []string{"css/book.css"}
	if own := b.cfg.EPUB.CSS; own.Value != "" {
		if data, ok := b.ownCSS(own); ok {
			b.items = append(b.items, item{id: "css-book", href: "css/custom.css", mediaType: "text/css", data: data})
			b.styles = append(b.styles, "css/custom.css")
		}
	}
}

// ownCSS reads the stylesheet named in book.yaml.
func (b *book) ownCSS(own config.Located) ([]byte, bool) {
	pos := ast.Pos{File: config.FileName, Line: own.Line}
	file, ok := b.cfg.Resolve(own.Value)
	if !ok {
		b.ds.Warnf(pos, "epub.css %q lies outside the book's folder; not used", own.Value)
		return nil, false
	}
	data, err := readLimited(file, 1<<20)
	if err != nil {
		b.ds.Warnf(pos, "epub.css %q: %v; not used", own.Value, unwrap(err))
		return nil, false
	}
	if !utf8.Valid(data) {
		b.ds.Warnf(pos, "epub.css %q is not UTF-8; not used", own.Value)
		return nil, false
	}
	if strings.Contains(string(data), "url(") || strings.Contains(string(data), "@import") {
		b.ds.Warnf(pos, "epub.css %q refers to other files (url() or @import); they are not copied into the EPUB", own.Value)
	}
	return data, true
}
