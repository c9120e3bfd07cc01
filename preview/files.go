package preview

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// maxSource bounds a source file the preview shows.
const maxSource = 8 << 20

// outputTypes are the media types of the build's outputs; other files
// in the output folder are served as bytes to download.
var outputTypes = map[string]string{
	".pdf":  "application/pdf",
	".epub": "application/epub+zip",
	".csv":  "text/plain; charset=utf-8",
	".apkg": "application/octet-stream",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".gif":  "image/gif",
	".webp": "image/webp",
}

// sourceExts are the files of the book's folder the source view shows.
var sourceExts = map[string]bool{".md": true, ".markdown": true, ".txt": true, ".yaml": true, ".yml": true, ".css": true}

// openIn opens name, a slash-separated path, for reading inside dir. It
// refuses hidden names (editor and temporary files among them), anything
// but a regular file, and, through os.Root, every path that leaves dir,
// by ".." or by a symbolic link.
func openIn(dir, name string) (*os.File, fs.FileInfo, error) {
	if name == "" || hidden(name) {
		return nil, nil, fs.ErrNotExist
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	defer root.Close()
	f, err := root.Open(filepath.FromSlash(name))
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = fs.ErrNotExist
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

// hidden reports whether a segment of the slash-separated path starts
// with a dot.
func hidden(name string) bool {
	for _, seg := range strings.Split(name, "/") {
		if strings.HasPrefix(seg, ".") {
			return true
		}
	}
	return false
}

// output answers with a file of the build output: the PDF as built, the
// EPUB and the cards to download.
func (s *Server) output(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, outPrefix)
	f, st, err := openIn(s.opts.OutDir, name)
	if err != nil {
		s.missingOutput(w, r, name, err)
		return
	}
	defer f.Close()
	ext := strings.ToLower(path.Ext(name))
	mt, ok := outputTypes[ext]
	if !ok {
		mt = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", mt)
	if ext != ".pdf" {
		// The PDF viewer of a browser does not run under a policy that
		// forbids everything; the PDF holds no script bookc wrote.
		h.Set("Content-Security-Policy", filePolicy)
	}
	if ext == ".epub" || ext == ".apkg" || mt == "application/octet-stream" {
		h.Set("Content-Disposition", `attachment; filename="`+path.Base(name)+`"`)
	}
	http.ServeContent(w, r, "", st.ModTime(), f)
}

// missingOutput says that an output is not there (yet), as a live page
// that a later build turns into the file's link.
func (s *Server) missingOutput(w http.ResponseWriter, r *http.Request, name string, err error) {
	msg := "is not in the build output yet; it appears once the book builds"
	code := http.StatusNotFound
	if !errors.Is(err, fs.ErrNotExist) {
		msg, code = "cannot be served", http.StatusForbidden
	}
	body := `<main class="bookc-message"><h1>No such output</h1><p><code>` + escape(name) + `</code> ` + msg +
		`. <a href="` + escape(r.URL.Path) + `">Try again</a></p></main>`
	s.servePage(w, r, code, s.current(), "No such output", body, false)
}

// source shows a source file of the book with numbered lines, so that a
// diagnostic's position can link to its line (/_bookc/source/FILE#L12).
// Only text files of the book's folder are shown, not the build output.
func (s *Server) source(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, sourcePrefix)
	if !sourceExts[strings.ToLower(path.Ext(name))] || s.inOutput(name) {
		plainError(w, http.StatusNotFound, "not a source file of the book")
		return
	}
	f, _, err := openIn(s.opts.Dir, name)
	if err != nil {
		plainError(w, http.StatusNotFound, "not a source file of the book")
		return
	}
	defer f.Close()
	var b strings.Builder
	b.WriteString(`<main class="bookc-source"><h1><code>` + escape(name) + "</code></h1>\n<ol>\n")
	sc := bufio.NewScanner(io.LimitReader(f, maxSource))
	sc.Buffer(make([]byte, 64<<10), maxSource)
	for n := 1; sc.Scan(); n++ {
		id := "L" + strconv.Itoa(n)
		b.WriteString(`<li id="` + id + `"><a href="#` + id + `">` + strconv.Itoa(n) + "</a><code>" + escape(sc.Text()) + "</code></li>\n")
	}
	b.WriteString("</ol></main>")
	s.servePage(w, r, http.StatusOK, s.current(), name, b.String(), false)
}

// inOutput reports whether name, relative to the book's folder, lies in
// the build output.
func (s *Server) inOutput(name string) bool {
	dir, err1 := filepath.Abs(s.opts.Dir)
	out, err2 := filepath.Abs(s.opts.OutDir)
	if err1 != nil || err2 != nil {
		return true
	}
	rel, err := filepath.Rel(out, filepath.Join(dir, filepath.FromSlash(name)))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
