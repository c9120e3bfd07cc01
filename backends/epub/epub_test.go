package epub

import (
	"bytes"
	"strings"
	"testing"

	"bookc/diag"
)

var testFiles = []string{"ueberanpassung.md", "generalisierung.md", "hugging-face.txt"}

func TestLinksPointAtExistingIDs(t *testing.T) {
	data, _ := loadBook(t, testYAML, testFiles...).render(t)
	files, _ := unzip(t, data)
	docs := xhtmlDocs(t, files)
	for name, d := range docs {
		for id, n := range d.ids {
			if n > 1 {
				t.Errorf("%s: id %q occurs %d times", name, id, n)
			}
		}
		for _, h := range d.hrefs {
			if strings.HasPrefix(h, "https://") || strings.HasPrefix(h, "mailto:") {
				continue
			}
			file, frag := resolveHref(name, h)
			if _, ok := files[pkgDir+file]; !ok {
				t.Errorf("%s: href %q names a file not in the package", name, h)
				continue
			}
			if frag != "" && (docs[file] == nil || docs[file].ids[frag] == 0) {
				t.Errorf("%s: href %q: no id %q in %s", name, h, frag, file)
			}
		}
		for _, h := range d.noteRefs {
			file, frag := resolveHref(name, h)
			if docs[file] == nil || !docs[file].footnote[frag] {
				t.Errorf("%s: noteref %q does not reach an epub:type=footnote aside", name, h)
			}
		}
	}
}

func TestFileNamesAndAnchors(t *testing.T) {
	data, _ := loadBook(t, testYAML, testFiles...).render(t)
	files, _ := unzip(t, data)
	for _, want := range []string{"ueberanpassung.xhtml", "generalisierung.xhtml", "aerger.xhtml", "hugging-face.xhtml",
		"nav.xhtml", "index.xhtml", "titlepage.xhtml", "cover.xhtml", "toc.ncx", "images/bild.png", "images/cover.png"} {
		if files[pkgDir+want] == nil {
			t.Errorf("missing %s", want)
		}
	}
	docs := xhtmlDocs(t, files)
	u := docs["ueberanpassung.xhtml"]
	for _, id := range []string{"Ueberanpassung", "Nebeneintrag", "unter-ueber", "_fn-Nebeneintrag-1"} {
		if u.ids[id] == 0 {
			t.Errorf("ueberanpassung.xhtml lacks id %q", id)
		}
	}
	if files[pkgDir+"nebeneintrag.xhtml"] != nil {
		t.Error("an entry without .chapter got a document of its own")
	}
}

func TestUnresolvedRefsArePlainText(t *testing.T) {
	data, _ := loadBook(t, testYAML, testFiles...).render(t)
	files, _ := unzip(t, data)
	docs := xhtmlDocs(t, files)
	for name, d := range docs {
		for _, h := range d.hrefs {
			if strings.Contains(h, "Nirgendwo") || strings.Contains(h, "Fehlt") || strings.Contains(h, "BERT") {
				t.Errorf("%s: unresolved reference became a link: %q", name, h)
			}
		}
		for _, text := range d.linked {
			if strings.Contains(text, "Nirgendwo") || strings.Contains(text, "Fehlt auch") {
				t.Errorf("%s: unresolved reference %q is linked", name, text)
			}
		}
	}
	u := docs["ueberanpassung.xhtml"]
	if !strings.Contains(u.plain, "Nirgendwo") || !strings.Contains(u.plain, "Fehlt auch") {
		t.Error("unresolved references lost their text")
	}
	if !strings.Contains(string(files[pkgDir+"hugging-face.xhtml"]), "Siehe auch:</span> BERT\u00a0· Diffusion Models") {
		t.Error("see-also line is not one compact line with plain text for unresolved references")
	}
}

func TestRawHTMLNeverReachesTheBook(t *testing.T) {
	data, _ := loadBook(t, testYAML, append(testFiles, "roh.md")...).render(t)
	files, _ := unzip(t, data)
	for name, b := range files {
		low := bytes.ToLower(b)
		for _, bad := range []string{"<script", "onerror", "onmouseover", "javascript:", "<img src=x", "kommentar"} {
			if bytes.Contains(low, []byte(bad)) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
	}
	doc := string(files[pkgDir+"roh.xhtml"])
	for _, want := range []string{"Blocktext <strong>fett</strong>", "ein Verweis", "klick"} {
		if !strings.Contains(doc, want) {
			t.Errorf("roh.xhtml lacks %q:\n%s", want, doc)
		}
	}
}

func TestImageWarnings(t *testing.T) {
	_, ds := loadBook(t, testYAML, testFiles...).render(t)
	lines := map[int]string{}
	for _, d := range ds {
		if d.Pos.File == "content/ueberanpassung.md" && d.Severity == diag.Warning && strings.Contains(d.Msg, "image") {
			lines[d.Pos.Line] = d.Msg
		}
	}
	for line, word := range map[int]string{30: "no such file", 32: "never fetched", 34: "leaves the book"} {
		if !strings.Contains(lines[line], word) {
			t.Errorf("line %d: want a warning with %q, got %q (all: %v)", line, word, lines[line], ds)
		}
	}
}

func TestReproducible(t *testing.T) {
	a, _ := loadBook(t, testYAML, testFiles...).render(t)
	b, _ := loadBook(t, testYAML, testFiles...).render(t)
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same book differ")
	}
	_, zf := unzip(t, a)
	if zf[0].Name != "mimetype" || zf[0].Method != 0 || len(zf[0].Extra) != 0 {
		t.Errorf("first entry %q (method %d, %d extra bytes); want mimetype stored without extra", zf[0].Name, zf[0].Method, len(zf[0].Extra))
	}
	for _, f := range zf {
		if got := f.Modified.Format("2006-01-02"); got != "2026-11-01" {
			t.Errorf("%s: zip time %s, want the book's date", f.Name, got)
		}
	}
}

func TestLangOnEveryDocument(t *testing.T) {
	data, _ := loadBook(t, strings.Replace(testYAML, "date:", "language: de-AT\ndate:", 1), testFiles...).render(t)
	files, _ := unzip(t, data)
	for name, d := range xhtmlDocs(t, files) {
		if d.lang != "de-AT" || d.xmlLang != "de-AT" {
			t.Errorf("%s: lang %q, xml:lang %q", name, d.lang, d.xmlLang)
		}
		if !bytes.HasPrefix(files[pkgDir+name], []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
			t.Errorf("%s lacks the UTF-8 XML declaration", name)
		}
	}
}

func TestMetadata(t *testing.T) {
	data, _ := loadBook(t, testYAML, testFiles...).render(t)
	files, _ := unzip(t, data)
	opf := string(files[pkgDir+opfFile])
	for _, want := range []string{
		"<dc:identifier id=\"bookid\">urn:uuid:" + uuidV5(nsURL, "bookc:id:test-glossar") + "<",
		`<meta property="dcterms:modified">2026-11-01T00:00:00Z</meta>`,
		`<dc:creator id="creator-2">Max Muster</dc:creator>`,
		`<meta property="schema:accessibilityHazard">none</meta>`,
		`properties="cover-image"`, `properties="nav"`,
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("content.opf lacks %s", want)
		}
	}
	// A new edition with another date is still the same book.
	other, _ := loadBook(t, strings.Replace(testYAML, "2026-11-01", "2027-03-01", 1), testFiles[0]).render(t)
	of, _ := unzip(t, other)
	if id := uuidV5(nsURL, "bookc:id:test-glossar"); !strings.Contains(string(of[pkgDir+opfFile]), id) {
		t.Error("identifier changed with the date")
	}
	nsDNS := nsURL
	nsDNS[3] = 0x10
	if got := uuidV5(nsDNS, "www.example.com"); got != "2ed6657d-e927-568b-95e1-2665a8aea6a2" {
		t.Errorf("uuidV5 = %s, want the RFC 9562 example", got)
	}
}

func TestNavGroupsByLetter(t *testing.T) {
	data, _ := loadBook(t, testYAML, testFiles...).render(t)
	files, _ := unzip(t, data)
	nav := string(files[pkgDir+navFile])
	for _, want := range []string{`<li class="letter"><a href="aerger.xhtml">A</a>`, `epub:type="landmarks"`,
		`<a epub:type="index" href="index.xhtml">Index</a>`, `<a epub:type="bodymatter" href="aerger.xhtml">`} {
		if !strings.Contains(nav, want) {
			t.Errorf("nav.xhtml lacks %s", want)
		}
	}
	idx := string(files[pkgDir+indexFile])
	if !strings.Contains(idx, `<a href="#_letter-U">U</a>`) || !strings.Contains(idx, `href="ueberanpassung.xhtml#Nebeneintrag"`) {
		t.Errorf("index page lacks the letter bar or a term:\n%s", idx)
	}
}
