package epub

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	bk "bookc/book"
	"bookc/book/booktest"
	"bookc/diag"
	"bookc/link"
)

const testYAML = `title: Testglossar
subtitle: Kleine Probe
authors: [Erika Mustermann, Max Muster]
edition: 2. Auflage
date: 2026-11-01
id: test-glossar
content: [content]
`

// testBook is a loaded book ready for Render, with the warnings of its
// loading.
type testBook struct {
	*bk.Book
	ds    diag.List
	pages []link.PrintPage // the printed pagination the page list follows
}

// loadBook writes a book folder with book.yaml, bild.png and the named
// files of testdata as content/NAME (the seed entry from the repository's
// testdata), and loads it as bookc build does.
func loadBook(tb testing.TB, yaml string, files ...string) *testBook {
	tb.Helper()
	dir := tb.TempDir()
	writePNG(tb, filepath.Join(dir, "bild.png"))
	booktest.Write(tb, dir, "book.yaml", []byte(yaml))
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if f == seedFile {
			data, err = booktest.Seed(tb), nil
		}
		if err != nil {
			tb.Fatal(err)
		}
		booktest.Write(tb, dir, "content/"+f, data)
	}
	b, ds := booktest.Load(tb, dir)
	return &testBook{Book: b, ds: ds}
}

// seedFile names the seed entry among the test files.
const seedFile = "hugging-face.txt"

// render returns the EPUB and every diagnostic of loading and rendering.
func (b *testBook) render(tb testing.TB) ([]byte, diag.List) {
	tb.Helper()
	if b.pages != nil {
		b.PrintPages = func() ([]link.PrintPage, diag.List) { return b.pages, nil }
	}
	files, ds := booktest.Render(tb, b.Book, Render)
	return files[FileName], append(append(diag.List(nil), b.ds...), ds...)
}

func writePNG(tb testing.TB, name string) {
	img := image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.White, color.Black})
	img.SetColorIndex(1, 1, 1)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// unzip returns the container's files by name, in zip order.
func unzip(tb testing.TB, data []byte) (map[string][]byte, []*zip.File) {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		files[f.Name] = b
	}
	return files, zr.File
}

const opsNS = "http://www.idpf.org/2007/ops"

// xdoc is what the tests need of one XHTML document.
type xdoc struct {
	ids      map[string]int // id → how often it occurs
	hrefs    []string       // a@href, link@href, img@src, in order
	footnote map[string]bool
	noteRefs []string
	lang     string
	xmlLang  string
	linked   []string // text inside <a> elements
	plain    string   // text outside <a> elements
}

// parseXHTML reads a document with the strict XML decoder.
func parseXHTML(tb testing.TB, name string, data []byte) *xdoc {
	tb.Helper()
	d := &xdoc{ids: map[string]int{}, footnote: map[string]bool{}}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var plain strings.Builder
	inA := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			d.start(t)
			if t.Name.Local == "a" {
				inA++
				d.linked = append(d.linked, "")
			}
		case xml.EndElement:
			if t.Name.Local == "a" {
				inA--
			}
		case xml.CharData:
			if inA > 0 {
				d.linked[len(d.linked)-1] += string(t)
			} else {
				plain.Write(t)
			}
		}
	}
	d.plain = plain.String()
	return d
}

func (d *xdoc) start(t xml.StartElement) {
	var epubType, id string
	for _, a := range t.Attr {
		switch {
		case a.Name.Local == "id":
			id = a.Value
			d.ids[a.Value]++
		case a.Name.Local == "href" || a.Name.Local == "src":
			d.hrefs = append(d.hrefs, a.Value)
		case a.Name.Space == opsNS && a.Name.Local == "type":
			epubType = a.Value
		case t.Name.Local == "html" && a.Name.Local == "lang" && a.Name.Space == "":
			d.lang = a.Value
		case t.Name.Local == "html" && a.Name.Local == "lang":
			d.xmlLang = a.Value
		}
	}
	if epubType == "footnote" {
		d.footnote[id] = true
	}
	if epubType == "noteref" {
		for _, a := range t.Attr {
			if a.Name.Local == "href" {
				d.noteRefs = append(d.noteRefs, a.Value)
			}
		}
	}
}

// xhtmlDocs parses every content document of the package.
func xhtmlDocs(tb testing.TB, files map[string][]byte) map[string]*xdoc {
	docs := map[string]*xdoc{}
	for name, data := range files {
		if strings.HasSuffix(name, ".xhtml") {
			docs[strings.TrimPrefix(name, pkgDir)] = parseXHTML(tb, name, data)
		}
	}
	return docs
}

// resolveHref splits an href from doc into the package file and fragment.
func resolveHref(doc, href string) (file, frag string) {
	file, frag, _ = strings.Cut(href, "#")
	if file == "" {
		return doc, frag
	}
	return path.Join(path.Dir(doc), file), frag
}
