package preview

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"bookc/backends/anki"
	"bookc/book"
	"bookc/build"
	"bookc/diag"
)

const (
	bookYAML = "title: Vorschau\nid: vorschau-test\nlanguage: de\ndate: 2026-11-01\ncontent: [content]\n"
	entryA   = "## Alpha {#Alpha .chapter .term}\n\nAlpha ist der **Anfang**, siehe [Beta](#Beta).\n\n![Ein Quadrat](bild.png)\n"
	entryB   = "## Beta {#Beta .chapter .term}\n\nBeta folgt auf Alpha.[^1]\n\n[^1]: Eine Fußnote.\n"
	secret   = "TOP-SECRET-CONTENT"
)

// fixture is a book folder with a secret file beside it, outside the
// folder, that no request may reach.
type fixture struct {
	dir, out string
	srv      *Server
	http     *httptest.Server
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func pngBytes(t *testing.T) string {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for i := range 16 {
		img.Set(i%4, i/4, color.RGBA{200, 30, 30, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	parent := t.TempDir()
	dir := filepath.Join(parent, "book")
	writeFiles(t, parent, map[string]string{"secret.txt": secret, "secret.md": secret, "book.yaml": "title: " + secret + "\n"})
	writeFiles(t, dir, map[string]string{"book.yaml": bookYAML, "content/alpha.md": entryA, "content/beta.md": entryB,
		"content/bild.png": pngBytes(t), "out/book.pdf": "%PDF-1.7 test\n", "out/cards.csv": "#separator:Tab\n"})
	f := &fixture{dir: dir, out: filepath.Join(dir, "out")}
	f.srv = New(Options{Dir: dir, OutDir: f.out, Loopback: true})
	t.Cleanup(f.srv.Close)
	f.http = httptest.NewServer(f.srv)
	t.Cleanup(f.http.Close)
	f.load(t)
	return f
}

// load builds the book as it is now and hands it to the server.
func (f *fixture) load(t *testing.T) (*build.Book, diag.List) {
	t.Helper()
	b, ds := build.Load(f.dir, false)
	before := f.srv.State().Gen
	f.srv.Loaded(b, ds)
	if b != nil {
		waitUntil(t, "the pages", func() bool { return f.srv.State().Gen > before })
	}
	return b, ds
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// raw sends one request exactly as written, so that no client cleans the
// path first, and returns the status code and body.
func (f *fixture) raw(t *testing.T, method, target, host string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", f.http.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if host == "" {
		host = f.http.Listener.Addr().String()
	}
	io.WriteString(c, method+" "+target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
	res, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func (f *fixture) get(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(f.http.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

// TestPages serves the EPUB's documents with the toolbar, the live
// script under a nonce the policy names, the images and the card
// previews.
func TestPages(t *testing.T) {
	f := newFixture(t)
	res, body := f.get(t, "/alpha.xhtml")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/xhtml+xml; charset=utf-8" {
		t.Fatalf("alpha: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, want := range []string{"<strong>Anfang</strong>", `href="beta.xhtml#Beta"`, `class="bookc-bar"`, `rel="next"`, `href="/out/book.pdf"`} {
		if !strings.Contains(body, want) {
			t.Errorf("alpha lacks %s:\n%s", want, body)
		}
	}
	m := regexp.MustCompile(`<script src="/_bookc/live.js" defer="defer" nonce="([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no live script:\n%s", body)
	}
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'nonce-"+m[1]+"';") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("policy %q does not allow exactly the page's script (nonce %s)", csp, m[1])
	}
	if strings.Contains(csp, "unsafe-inline'; script") || strings.Contains(csp, "script-src 'self'") {
		t.Errorf("policy allows other scripts: %q", csp)
	}
	_, again := f.get(t, "/alpha.xhtml")
	if strings.Contains(again, m[1]) {
		t.Error("the nonce repeats between answers")
	}
	img := regexp.MustCompile(`<img src="([^"]+)"`).FindStringSubmatch(body)
	if img == nil {
		t.Fatalf("no image in alpha:\n%s", body)
	}
	if res, data := f.get(t, "/"+img[1]); res.StatusCode != 200 || data != pngBytes(t) {
		t.Errorf("image %s: %d, %d bytes", img[1], res.StatusCode, len(data))
	}
	if _, beta := f.get(t, "/beta.xhtml"); !regexp.MustCompile(`<a [^>]*href="#(_fn-[^"]+)"`).MatchString(beta) ||
		!strings.Contains(beta, `epub:type="footnote"`) || !strings.Contains(beta, "Eine Fußnote.") {
		t.Errorf("beta lacks its linked footnote:\n%s", beta)
	}
	if _, toc := f.get(t, "/"); !strings.Contains(toc, `role="doc-toc"`) || !strings.Contains(toc, "alpha.xhtml") {
		t.Errorf("/ is not the contents:\n%s", toc)
	}
	if _, idx := f.get(t, "/index.xhtml"); !strings.Contains(idx, "Alpha") || !strings.Contains(idx, "Beta") {
		t.Errorf("index lacks terms:\n%s", idx)
	}
	if res, _ := f.get(t, "/nicht-da.xhtml"); res.StatusCode != 404 {
		t.Errorf("missing page: %d", res.StatusCode)
	}
	// Served as XML, a document with the preview's parts must stay well
	// formed, or the browser shows a parse error instead of the page.
	st := f.srv.current()
	for _, name := range st.spine {
		_, doc := f.get(t, "/"+name)
		d := xml.NewDecoder(strings.NewReader(doc))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s is not well-formed: %v", name, err)
				break
			}
		}
	}
	if len(st.spine) < 5 {
		t.Errorf("reading order %v", st.spine)
	}
}

// TestCards shows each term's card, front and answer, as the Anki
// backend writes them.
func TestCards(t *testing.T) {
	f := newFixture(t)
	res, body := f.get(t, "/cards/")
	if res.StatusCode != 200 {
		t.Fatalf("cards: %d", res.StatusCode)
	}
	if n := strings.Count(body, `class="bookc-note"`); n != 2 {
		t.Errorf("%d notes, want 2:\n%s", n, body)
	}
	for _, want := range []string{">Alpha</div>", "<b>Anfang</b>", "Eine Fußnote.", `<hr class="answer"/>`} {
		if !strings.Contains(body, want) {
			t.Errorf("cards lack %s:\n%s", want, body)
		}
	}
	img := regexp.MustCompile(`<img src="([^"]+)"`).FindStringSubmatch(body)
	if img == nil {
		t.Fatalf("no image on the cards:\n%s", body)
	}
	if res, data := f.get(t, "/cards/"+img[1]); res.StatusCode != 200 || data != pngBytes(t) {
		t.Errorf("card image %s: %d", img[1], res.StatusCode)
	}
}

// TestMethods answers GET and HEAD only.
func TestMethods(t *testing.T) {
	f := newFixture(t)
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"} {
		req, _ := http.NewRequest(m, f.http.URL+"/alpha.xhtml", strings.NewReader("x"))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: %d, Allow %q", m, res.StatusCode, res.Header.Get("Allow"))
		}
	}
	res, err := http.Head(f.http.URL + "/alpha.xhtml")
	if err != nil || res.StatusCode != 200 || res.ContentLength <= 0 {
		t.Errorf("HEAD: %v %v", res, err)
	}
}

// TestTraversal sends paths that try to leave the book's folder or the
// build output, plainly, encoded and through symbolic links; none may
// answer with the secret beside the folder or with any file at all.
func TestTraversal(t *testing.T) {
	f := newFixture(t)
	parent := filepath.Dir(f.dir)
	links := map[string]string{
		filepath.Join(f.out, "leak.txt"):         filepath.Join(parent, "secret.txt"),
		filepath.Join(f.out, "up"):               parent,
		filepath.Join(f.out, "rel.pdf"):          "../../secret.txt",
		filepath.Join(f.dir, "content/leak.md"):  filepath.Join(parent, "secret.md"),
		filepath.Join(f.dir, "content/up"):       "../..",
		filepath.Join(f.dir, "content/root.txt"): "/etc/hostname",
	}
	for link, target := range links {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	targets := []string{
		"/../book.yaml", "/../secret.txt", "/%2e%2e/book.yaml", "/%2E%2E/secret.txt", "/..%2fbook.yaml",
		"/..%2Fsecret.txt", "/..%5csecret.txt", "/.%2e/secret.txt", "/out/../../secret.txt", "/out/%2e%2e/%2e%2e/secret.txt",
		"/out/..%2f..%2fsecret.txt", "/out/leak.txt", "/out/up/secret.txt", "/out/rel.pdf", "/out//etc/passwd",
		"//etc/passwd", "/out/%2Fetc%2Fpasswd", "/_bookc/source/../../secret.md", "/_bookc/source/%2e%2e/secret.md",
		"/_bookc/source/content/leak.md", "/_bookc/source/content/up/secret.md", "/_bookc/source/content/root.txt",
		"/_bookc/source/out/cards.csv", "/cards/../../secret.txt", "/cards/%2e%2e%2f%2e%2e%2fsecret.txt",
		"/out/%00", "/alpha.xhtml%00", "/out/./book.pdf", "/out\\..\\..\\secret.txt", "/%252e%252e/secret.txt",
	}
	for _, target := range targets {
		code, body := f.raw(t, "GET", target, "")
		if code == 200 || strings.Contains(body, secret) {
			t.Errorf("GET %s: %d\n%s", target, code, body)
		}
	}
	// What is inside may be served, also through a link that stays inside.
	os.Symlink("book.pdf", filepath.Join(f.out, "same.pdf"))
	for _, target := range []string{"/out/book.pdf", "/out/same.pdf", "/_bookc/source/content/alpha.md", "/_bookc/source/book.yaml"} {
		if code, body := f.raw(t, "GET", target, ""); code != 200 || strings.Contains(body, secret) {
			t.Errorf("GET %s: %d", target, code)
		}
	}
	if code, _ := f.raw(t, "GET", "/out/.book.pdf.123.tmp", ""); code == 200 {
		t.Error("a hidden temporary file was served")
	}
}

// TestHost refuses a Host header that does not name this machine: a page
// on another site cannot read the preview through a DNS name it points
// at 127.0.0.1.
func TestHost(t *testing.T) {
	f := newFixture(t)
	_, port, _ := net.SplitHostPort(f.http.Listener.Addr().String())
	for host, want := range map[string]int{"evil.example": 403, "evil.example:" + port: 403, "127.0.0.1.nip.io:" + port: 403,
		"localhost:" + port: 200, "127.0.0.1:" + port: 200, "[::1]:" + port: 200} {
		if code, _ := f.raw(t, "GET", "/alpha.xhtml", host); code != want {
			t.Errorf("Host %s: %d, want %d", host, code, want)
		}
	}
}

// TestKeepLastGood keeps the pages of the last good build when a load
// fails, while the state names the errors; the next good build replaces
// both.
func TestKeepLastGood(t *testing.T) {
	f := newFixture(t)
	good := f.srv.State().Gen
	writeFiles(t, f.dir, map[string]string{"book.yaml": bookYAML + "farbe: blau\n",
		"content/alpha.md": strings.Replace(entryA, "Anfang", "Neuanfang", 1)})
	if b, _ := f.load(t); b != nil {
		t.Fatal("the broken book loaded")
	}
	st := f.srv.State()
	if st.OK || st.Gen != good || len(st.Diags) == 0 || st.Diags[0].Pos != "book.yaml:6" || st.Diags[0].Severity != "error" {
		t.Fatalf("state after a bad load: %+v", st)
	}
	if _, body := f.get(t, "/alpha.xhtml"); !strings.Contains(body, "<strong>Anfang</strong>") {
		t.Error("the last good page is gone")
	}
	writeFiles(t, f.dir, map[string]string{"book.yaml": bookYAML})
	f.load(t)
	st = f.srv.State()
	if !st.OK || st.Gen <= good || len(st.Diags) != 0 {
		t.Fatalf("state after the fix: %+v", st)
	}
	if _, body := f.get(t, "/alpha.xhtml"); !strings.Contains(body, "<strong>Neuanfang</strong>") {
		t.Error("the fixed page is not served")
	}
}

// TestEvents streams the state at once and after every build; Close ends
// the stream.
func TestEvents(t *testing.T) {
	f := newFixture(t)
	res, err := http.Get(f.http.URL + "/_bookc/events")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	events := make(chan State, 16)
	go func() {
		defer close(events)
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var st State
				if json.Unmarshal([]byte(data), &st) == nil {
					events <- st
				}
			}
		}
	}()
	next := func() State {
		select {
		case st, ok := <-events:
			if !ok {
				t.Fatal("the stream ended")
			}
			return st
		case <-time.After(30 * time.Second):
			t.Fatal("no event")
		}
		return State{}
	}
	first := next()
	if first.Gen == 0 || !first.OK {
		t.Fatalf("first event: %+v", first)
	}
	writeFiles(t, f.dir, map[string]string{"content/beta.md": entryB + "\nSiehe [Gamma](#Gamma).\n"})
	f.load(t)
	for st := next(); st.Gen <= first.Gen || len(st.Diags) == 0; st = next() {
	}
	if d := f.srv.State().Diags; len(d) != 1 || d[0].Pos != "content/beta.md:7:7" || !strings.Contains(d[0].Msg, `unresolved reference "#Gamma"`) {
		t.Errorf("diagnostics: %+v", d)
	}
	f.srv.Close()
	for range events {
	}
}

// TestReadCards maps columns as Anki's importer does: the header's deck,
// GUID and tags columns are not fields; the others are, in order.
func TestReadCards(t *testing.T) {
	csv := "#separator:Tab\n#html:true\n#notetype:Einfach\n#deck column:1\n#tags:buch neu\n#guid column:4\n" +
		"Deck A\tVorne\t\"Hinten mit \"\"Zitat\"\",\tTab und\nZeile\"\tg1\n" +
		"Deck B\t\"#Raute\"\tZweite\tg2\n"
	cs, err := readCards([]book.File{{Name: anki.FileName, Data: []byte(csv)}})
	if err != nil {
		t.Fatal(err)
	}
	want := []note{{front: "Vorne", back: "Hinten mit \"Zitat\",\tTab und\nZeile", deck: "Deck A", tags: "buch neu"},
		{front: "#Raute", back: "Zweite", deck: "Deck B", tags: "buch neu"}}
	if cs.noteType != "Einfach" || len(cs.notes) != 2 || cs.notes[0] != want[0] || cs.notes[1] != want[1] {
		t.Errorf("read %+v", cs)
	}
}
