package draw

import (
	"strings"
	"testing"

	"bookc/backends/pdf/page"
	"bookc/fonts"
)

func TestProblems(t *testing.T) {
	doc := testDoc(t)
	p := doc.Pages[0]
	p.Links = append(p.Links, page.Link{X: 1, Y: 1, W: 5, H: 5, Dest: "nirgends"}, page.Link{X: 1, Y: 1, W: 5, H: 5})
	p.Texts = append(p.Texts,
		page.Text{X: 60, Y: 300, Face: faceSerif, Size: bodySize, Text: "xⱼ"},
		page.Text{X: 60, Y: 320, Face: faceSerif, Size: bodySize, Text: "kaputt\xc3"},
		page.Text{X: 60, Y: 340, Face: faceSerif, Size: 0, Text: "unsichtbar"},
		page.Text{X: 60, Y: 360, Face: faceSerif, Size: bodySize, Text: "Smiley 😀"},
	)
	p.Rules = append(p.Rules, page.Rule{X1: 0, Y1: 0, X2: 10, Y2: 0})
	doc.Pages[2].Anchors = append(doc.Pages[2].Anchors, page.Anchor{ID: testAnchor, Y: 10})
	out, probs, err := WriteChecked(doc)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, p := range probs {
		all = append(all, p.String())
	}
	got := strings.Join(all, "\n")
	for _, want := range []string{
		`page 1: link to "nirgends": no such anchor`,
		`page 1: link at (1, 1) needs exactly one of Dest and URL`,
		`page 1: face LiberationSerif-Regular has no glyph for U+2C7C 'ⱼ'`,
		`page 1: text "kaputt\xc3" is not valid UTF-8`,
		`page 1: text "unsichtbar" has size 0`,
		`page 1: text "Smiley 😀" is not valid UTF-8 or lies beyond U+FFFF`,
		`page 1: rule from (0, 0) to (10, 0) has width 0`,
		`page 3: anchor "ueberanpassung" defined again`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
	path := writeTemp(t, out)
	if o, e, code := run(t, "qpdf", "--check", path); code != 0 {
		t.Fatalf("qpdf --check: exit %d\n%s%s", code, o, e)
	}
	if j := readJSON(t, path); len(j.annots(0)) != 2 {
		t.Errorf("page 1 has %d annotations, want the 2 valid ones", len(j.annots(0)))
	}
}

func TestErrors(t *testing.T) {
	for name, spoil := range map[string]func(*page.Doc){
		"nil page":      func(d *page.Doc) { d.Pages[1] = nil },
		"no pages":      func(d *page.Doc) { d.Pages = nil },
		"page size":     func(d *page.Doc) { d.Width = 0 },
		"face index":    func(d *page.Doc) { d.Pages[0].Texts[0].Face = 7 },
		"nil face":      func(d *page.Doc) { d.Faces[faceBold] = nil },
		"language":      func(d *page.Doc) { d.Meta.Lang = "de) /Evil (x" },
		"outline order": func(d *page.Doc) { d.Outline[0].Page, d.Outline[1].Page = 2, 0 },
		"outline level": func(d *page.Doc) { d.Outline[1].Level = 2 },
		"outline page":  func(d *page.Doc) { d.Outline[1].Page = 3 },
		"image data":    func(d *page.Doc) { d.Pages[1].Images[0].Data = []byte("kein PNG") },
		"image type":    func(d *page.Doc) { d.Pages[1].Images[0].Type = "gif" },
		"font data":     func(d *page.Doc) { d.Faces[faceBold] = brokenFace(t) },
	} {
		t.Run(name, func(t *testing.T) {
			doc := testDoc(t)
			spoil(doc)
			if _, err := Write(doc); err == nil {
				t.Error("no error")
			} else {
				t.Log(err)
			}
		})
	}
	if _, err := Write(nil); err == nil {
		t.Error("nil document: no error")
	}
}

// brokenFace returns a face whose data cannot be subset: it is parsed
// from good data, which is then given an sfnt signature the subsetter
// does not know. (The fonts package rejects such data, so only a face
// whose data changed after parsing gets this far.)
func brokenFace(t *testing.T) *fonts.Face {
	s, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	data := append([]byte(nil), s.SerifBold.Data()...)
	f, err := fonts.Parse("Kaputt", data)
	if err != nil {
		t.Fatal(err)
	}
	copy(data, "wOFF")
	return f
}

func TestCheckLang(t *testing.T) {
	for _, ok := range []string{"", "de", "de-DE", "de-CH-1996", "sgn-DE"} {
		if err := checkLang(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"de_DE", "-de", "de-", "1de", "de DE", "de)(", "deutschland"} {
		if checkLang(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestFaceNames(t *testing.T) {
	s, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	if n := newFaceName(12, s.SerifBold); n != "LiberationSerif-Bold" {
		t.Errorf("face name %q", n)
	}
	for in, want := range map[string]string{"Noto Sans (CJK)": "NotoSansCJK", "Ä/b#c": "bc", "": ""} {
		if got := pdfName(in); got != want {
			t.Errorf("pdfName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSafeURI(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.org/a?b=c#d":     "https://example.org/a?b=c#d",
		"https://de.wikipedia.org/wiki/Ä": "https://de.wikipedia.org/wiki/%C3%84",
		"https://x.org/a b":               "https://x.org/a%20b",
	} {
		if got := safeURI(in); got != want {
			t.Errorf("safeURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNoFaces checks a document without text: the bookmark titles are
// still UTF-16 and no font is embedded.
func TestNoFaces(t *testing.T) {
	doc := &page.Doc{Width: 200, Height: 300, Pages: []*page.Page{{}, {}},
		Outline: []page.OutlineItem{{Title: "Überanpassung", Page: 1}}}
	out, err := Write(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, out)
	mustRun(t, "qpdf", "--check", path)
	if j := readJSON(t, path); len(j.Outlines) != 1 || j.Outlines[0].Title != "Überanpassung" || j.Outlines[0].Page != 2 {
		t.Errorf("outline %+v", j.Outlines)
	}
	if fonts := mustRun(t, "pdffonts", path); strings.Count(fonts, "\n") != 2 {
		t.Errorf("fonts in a document without text:\n%s", fonts)
	}
}
