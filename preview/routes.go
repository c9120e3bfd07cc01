package preview

import (
	"bytes"
	_ "embed"
	"net/http"
	"strings"
	"time"

	"bookc/backends/epub"
)

// The preview's own files. Everything else the server has is the book's.
var (
	//go:embed live.js
	liveJS []byte
	//go:embed live.css
	liveCSS []byte
)

// The names under which the rendered pages come: the book's documents at
// the top, the preview's own parts below /_bookc/.
const (
	outPrefix    = "/out/"
	cardsPrefix  = "/cards/"
	sourcePrefix = "/_bookc/source/"
	pdfPath      = outPrefix + "book.pdf"
	epubPath     = outPrefix + "book.epub"
)

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("/_bookc/live.js", func(w http.ResponseWriter, r *http.Request) {
		serveBytes(w, r, "text/javascript; charset=utf-8", liveJS, filePolicy)
	})
	m.HandleFunc("/_bookc/live.css", func(w http.ResponseWriter, r *http.Request) {
		serveBytes(w, r, "text/css; charset=utf-8", liveCSS, filePolicy)
	})
	m.HandleFunc("/_bookc/events", s.events)
	m.HandleFunc("/_bookc/state", s.stateJSON)
	m.HandleFunc(sourcePrefix, s.source)
	m.HandleFunc(outPrefix, s.output)
	m.HandleFunc(cardsPrefix, s.cardsPage)
	m.HandleFunc("/", s.page)
	s.mux = m
}

// current returns the last good pages, or nil.
func (s *Server) current() *site {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.site
}

// page answers with one of the book's files: a document with the
// preview's parts added, anything else (stylesheets, images) as it is.
// "/" is the table of contents.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	st := s.current()
	if st == nil {
		s.waiting(w, r)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" {
		name = epub.NavFile
	}
	f, ok := st.files[name]
	if !ok {
		s.notFound(w, r, st)
		return
	}
	if !isDocument(f) {
		serveBytes(w, r, f.MediaType, f.Data, filePolicy)
		return
	}
	nonce := newNonce()
	doc := inject(f.Data, headParts(nonce, st.gen, st.styles), toolbar(st, name))
	serveBytes(w, r, "application/xhtml+xml; charset=utf-8", doc, pagePolicy(nonce, false))
}

// serveBytes answers with data of the given type and policy; HEAD and
// ranges are handled.
func serveBytes(w http.ResponseWriter, r *http.Request, mediaType string, data []byte, policy string) {
	h := w.Header()
	h.Set("Content-Type", mediaType)
	if policy != "" {
		h.Set("Content-Security-Policy", policy)
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

// waiting answers every page before the first good build: a page that
// shows the diagnostics and turns into the book as soon as it builds.
func (s *Server) waiting(w http.ResponseWriter, r *http.Request) {
	body := `<main class="bookc-message"><h1>The book has not built yet</h1>` +
		`<p>This page shows the book as soon as it builds without errors.</p></main>`
	s.servePage(w, r, http.StatusServiceUnavailable, nil, "bookc preview", body, false)
}

// notFound answers a name the book has no file for. The page stays live:
// it shows the file if a later build makes it.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *site) {
	body := `<main class="bookc-message"><h1>Not in the book</h1><p>The book has no page ` +
		`<code>` + escape(r.URL.Path) + `</code>. <a href="/">` + escape(st.labels.Contents) + `</a></p></main>`
	s.servePage(w, r, http.StatusNotFound, st, "Not found", body, false)
}

// servePage answers with a page of the preview's own, with the toolbar
// and the live script, as HTML.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, code int, st *site, title, body string, styleAttrs bool) {
	nonce := newNonce()
	gen, styles, lang, bar := 0, "", "en", ""
	if st != nil {
		gen, styles, lang, bar = st.gen, st.styles, st.lang, toolbar(st, "")
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"" + escape(lang) + "\">\n<head>\n<meta charset=\"utf-8\"/>\n")
	b.WriteString("<title>" + escape(title) + "</title>\n")
	b.WriteString(headParts(nonce, gen, styles))
	b.WriteString("</head>\n<body class=\"bookc-own\">\n" + bar + body + "\n</body>\n</html>\n")
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", pagePolicy(nonce, styleAttrs))
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write([]byte(b.String()))
	}
}

// toolbar is the bar on top of every page: the book's contents and index,
// the previous and next document, the PDF, the cards and the EPUB.
func toolbar(st *site, name string) string {
	var b strings.Builder
	b.WriteString(`<nav class="bookc-bar" aria-label="Preview">`)
	link := func(href, label, rel string) {
		b.WriteString(`<a href="` + escape(href) + `"`)
		if rel != "" {
			b.WriteString(` rel="` + rel + `"`)
		}
		b.WriteString(">" + escape(label) + "</a>")
	}
	link("/", st.labels.Contents, "")
	link("/"+epub.IndexFile, st.labels.Index, "")
	prev, next := st.neighbours(name)
	if prev != "" {
		link("/"+prev, "←", "prev")
	}
	if next != "" {
		link("/"+next, "→", "next")
	}
	b.WriteString(`<span class="bookc-gap"></span>`)
	link(pdfPath, "PDF", "")
	link(cardsPrefix, "Anki", "")
	link(epubPath, "EPUB", "")
	b.WriteString(`<span class="bookc-pdf" id="bookc-pdf"></span></nav>` + "\n")
	return b.String()
}

// escape escapes text for HTML and XML alike.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
