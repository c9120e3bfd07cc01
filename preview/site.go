package preview

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"time"

	"bookc/ast"
	"bookc/backends/epub"
	"bookc/build"
	"bookc/config"
	"bookc/diag"
)

// site is the book as pages: one rendering of the EPUB's files, looked up
// by name, with the reading order for the toolbar's previous and next
// links.
type site struct {
	gen    int // the build it comes from
	book   *build.Book
	labels config.Labels
	lang   string
	files  map[string]epub.File
	spine  []string       // content documents in reading order
	place  map[string]int // document → its index in spine
	styles string         // fingerprint of the stylesheets
	made   time.Time

	cardsOnce sync.Once
	cards     *cardSet
	cardsErr  error
}

// newSite renders a loaded book. It returns nil, with the diagnostics,
// when the writer fails.
func newSite(b *build.Book, gen int) (st *site, ds diag.List) {
	defer func() {
		if r := recover(); r != nil {
			st = nil
			ds.Errorf(ast.Pos{File: "preview"}, "internal error while rendering the pages (please report it with the input): %v", r)
		}
	}()
	files, ds, err := epub.Files(b.Doc, b.Links, b.Config)
	if err != nil {
		ds.Errorf(ast.Pos{File: "preview"}, "%v", err)
		return nil, ds
	}
	st = &site{gen: gen, book: b, labels: b.Config.Labels(), lang: b.Config.Language,
		files: map[string]epub.File{}, place: map[string]int{}, made: time.Now()}
	h := sha256.New()
	for _, f := range files {
		st.files[f.Name] = f
		if f.Spine {
			st.place[f.Name] = len(st.spine)
			st.spine = append(st.spine, f.Name)
		}
		if f.MediaType == "text/css" {
			h.Write([]byte(f.Name))
			h.Write(f.Data)
		}
	}
	st.styles = hex.EncodeToString(h.Sum(nil)[:8])
	return st, ds
}

// neighbours returns the documents before and after name in reading
// order, "" where there is none.
func (st *site) neighbours(name string) (prev, next string) {
	i, ok := st.place[name]
	if !ok {
		return "", ""
	}
	if i > 0 {
		prev = st.spine[i-1]
	}
	if i+1 < len(st.spine) {
		next = st.spine[i+1]
	}
	return prev, next
}

// isDocument reports whether a file is a page to show with the toolbar
// and the live script.
func isDocument(f epub.File) bool { return f.MediaType == "application/xhtml+xml" }

// inject adds the preview's parts to one of the EPUB's documents: the
// stylesheet and live script in its head, the toolbar first in its body.
// The document is otherwise served as the EPUB holds it.
func inject(doc []byte, head, bar string) []byte {
	i := bytes.Index(doc, []byte("</head>"))
	j := bytes.Index(doc, []byte("<body"))
	if i < 0 || j < i {
		return doc
	}
	k := bytes.IndexByte(doc[j:], '>')
	if k < 0 {
		return doc
	}
	k += j + 1
	var b bytes.Buffer
	b.Grow(len(doc) + len(head) + len(bar))
	b.Write(doc[:i])
	b.WriteString(head)
	b.Write(doc[i:k])
	b.WriteString(bar)
	b.Write(doc[k:])
	return b.Bytes()
}

// headParts is what inject puts into a page's head. The script carries
// the page's nonce and the build its pages come from.
func headParts(nonce string, gen int, styles string) string {
	var b strings.Builder
	b.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1"/>` + "\n")
	b.WriteString(`<link rel="stylesheet" type="text/css" href="/_bookc/live.css"/>` + "\n")
	b.WriteString(`<script src="/_bookc/live.js" defer="defer" nonce="` + nonce + `" data-gen="`)
	b.WriteString(strconv.Itoa(gen))
	b.WriteString(`" data-styles="` + styles + `"></script>` + "\n")
	return b.String()
}
