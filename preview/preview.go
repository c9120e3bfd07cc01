// Package preview serves a book as web pages while its author writes: the
// EPUB's own documents, a page of Anki card previews and the built PDF.
// An open page follows every build by itself over Server-Sent Events,
// keeping its scroll position, and shows the book's diagnostics over the
// page until they are fixed; a build with errors leaves the last good
// pages in place.
//
// The server answers GET and HEAD only, serves nothing but the rendered
// pages, the build output and the book's source files (read through an
// os.Root, so neither ".." nor a symbolic link leads out), and gives every
// page a Content-Security-Policy that lets only its own script run.
package preview

import (
	"net/http"
	"strings"
	"sync"
	"time"

	"bookc/build"
	"bookc/diag"
)

// Options configure a Server.
type Options struct {
	Dir    string // the book's folder; its source files are shown under /_bookc/source/
	OutDir string // the build output, served under /out/
	// Loopback refuses requests whose Host header does not name this
	// machine, as a server listening on a loopback address should.
	Loopback bool
}

// Server is the preview's HTTP handler and its state: the last good pages
// and the latest build's diagnostics. Loaded and Emitted feed it; both may
// be called while requests are being answered.
type Server struct {
	opts Options
	mux  *http.ServeMux

	mu       sync.Mutex
	site     *site // last good pages; nil until the first good build
	build    int   // number of the latest build
	ok       bool  // the latest build loaded without errors
	parts    map[string]diag.List
	pdf      string // time the PDF was last written, "15:04:05"
	pdfBuild int    // the build it comes from
	subs     map[chan []byte]struct{}

	quit chan struct{} // closed by Close: the event streams end
}

// New returns a server with no pages yet.
func New(opts Options) *Server {
	s := &Server{opts: opts, parts: map[string]diag.List{}, subs: map[chan []byte]struct{}{}, quit: make(chan struct{})}
	s.routes()
	return s
}

// ServeHTTP answers a request, after the guard's checks.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.guard(s.mux).ServeHTTP(w, r)
}

// Close ends the event streams. Call it before shutting the HTTP server
// down, which waits for open streams.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.quit:
	default:
		close(s.quit)
	}
}

// Loaded takes the result of a load: the book, nil when it has errors,
// and its diagnostics. A good book is rendered into pages at once, before
// the outputs are written, so that open pages follow an edit first; after
// a bad load the last good pages stay.
func (s *Server) Loaded(b *build.Book, ds diag.List) {
	s.mu.Lock()
	s.build++
	n := s.build
	s.ok = b != nil
	s.parts = map[string]diag.List{"load": ds}
	s.mu.Unlock()
	if b != nil {
		st, rds := newSite(b, n)
		s.mu.Lock()
		s.parts["pages"] = rds
		if st != nil {
			s.site = st
		}
		s.mu.Unlock()
	}
	s.broadcast()
}

// Emitted takes the result of writing a group of outputs after the latest
// load: the backends' diagnostics join the page's, and a written PDF is
// announced.
func (s *Server) Emitted(formats, written []string, ds diag.List) {
	s.mu.Lock()
	s.parts["emit "+strings.Join(formats, ",")] = ds
	for _, f := range formats {
		if f == "pdf" && !ds.HasErrors() && len(written) > 0 {
			s.pdf, s.pdfBuild = time.Now().Format("15:04:05"), s.build
		}
	}
	s.mu.Unlock()
	s.broadcast()
}
