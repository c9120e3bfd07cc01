package draw

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"time"

	"bookc/backends/pdf/page"
	"bookc/fonts"
)

// Face indexes of the test document.
const (
	faceSerif = iota
	faceBold
	faceFallback
)

const (
	testTitle   = "KI-Glossar: Begriffe von „Aktivierung“ bis „Überanpassung“"
	testAuthor  = "Jürgen Weiß"
	testURL     = "https://de.wikipedia.org/wiki/Überanpassung"
	testAnchor  = "ueberanpassung"
	anchorY     = 72.0
	pageW       = 420.0
	pageH       = 595.0
	bodySize    = 10.5
	headingSize = 14.0
)

// Lines of German body text with quotes, dashes, ellipsis and umlauts.
var testLines = []string{
	"Ein Modell lernt aus Beispielen – so weit, so gut … doch wann hört es auf?",
	"Die „Anführungszeichen“ setzt man im Deutschen unten und oben.",
	"Größe, Maß und Fußnote: ä ö ü ß Ä Ö Ü bleiben beim Kopieren erhalten.",
}

// testFaces returns the faces of the test document.
func testFaces(t testing.TB) []*fonts.Face {
	t.Helper()
	s, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	if s.Serif.HasRune('ⱼ') || !s.Fallback[0].HasRune('ⱼ') {
		t.Fatal("test assumes ⱼ is missing from Liberation Serif and present in DejaVu Serif")
	}
	return []*fonts.Face{faceSerif: s.Serif, faceBold: s.SerifBold, faceFallback: s.Fallback[0]}
}

// words sets text word by word from x on baseline y, as the layout does.
func words(faces []*fonts.Face, face int, size, x, y float64, text string) []page.Text {
	f := faces[face]
	space := f.Width(" ", size)
	var out []page.Text
	for _, w := range strings.Fields(text) {
		out = append(out, page.Text{X: x, Y: y, Face: face, Size: size, Text: w})
		x += f.Width(w, size) + space
	}
	return out
}

// tinyPNG returns a 4×4 PNG with a colour gradient.
func tinyPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for y := range 4 {
		for x := range 4 {
			img.Set(x, y, color.RGBA{uint8(60 * x), uint8(60 * y), 200, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tinyJPEG returns an 8×8 grey JPEG.
func tinyJPEG(t testing.TB) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = uint8(4 * i)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testDoc builds a three-page document: a title page linking forward,
// a page with a rule, a code box and an image, and the target page with
// the entry "Überanpassung" and a subscript j from the fallback face.
func testDoc(t testing.TB) *page.Doc {
	t.Helper()
	faces := testFaces(t)
	p1 := &page.Page{}
	p1.Texts = append(p1.Texts, words(faces, faceBold, headingSize, 60, 100, "KI-Glossar")...)
	p1.Texts = append(p1.Texts, words(faces, faceSerif, bodySize, 60, 130, "Siehe Überanpassung auf Seite 2.")...)
	p1.Links = []page.Link{
		{X: 60, Y: 120, W: 150, H: 14, Dest: testAnchor},
		{X: 60, Y: 140, W: 150, H: 14, URL: testURL},
	}
	p1.Texts = append(p1.Texts, words(faces, faceSerif, bodySize, 60, 150, "Wikipedia-Artikel")...)

	p2 := &page.Page{Label: "1"}
	for i, l := range testLines {
		p2.Texts = append(p2.Texts, words(faces, faceSerif, bodySize, 60, 100+float64(i)*14, l)...)
	}
	p2.Rules = []page.Rule{{X1: 60, Y1: 150, X2: 360, Y2: 150, Width: 0.4, Color: page.Color{R: 90, G: 90, B: 90}}}
	p2.Rects = []page.Rect{{X: 55, Y: 160, W: 310, H: 24, Color: page.Color{R: 235, G: 235, B: 235}}}
	p2.Texts = append(p2.Texts, words(faces, faceSerif, bodySize, 60, 176, "Codeblock auf grauem Grund")...)
	p2.Images = []page.Image{
		{X: 60, Y: 200, W: 40, H: 40, Name: "verlauf", Type: "png", Data: tinyPNG(t)},
		{X: 120, Y: 200, W: 40, H: 40, Name: "foto", Type: "jpg", Data: tinyJPEG(t)},
	}

	p3 := &page.Page{Label: "2", Anchors: []page.Anchor{{ID: testAnchor, Y: anchorY}}}
	p3.Texts = append(p3.Texts, words(faces, faceBold, headingSize, 60, 100, "Überanpassung")...)
	p3.Texts = append(p3.Texts, page.Text{X: 60, Y: 130, Face: faceSerif, Size: bodySize, Text: "Das Gewicht"})
	x := 60 + faces[faceSerif].Width("Das Gewicht ", bodySize)
	dasW := faces[faceSerif].UnkernedWidth("Das ", bodySize)
	p3.Spans = []page.Span{{X: 60 + dasW, Y: 120, W: faces[faceSerif].UnkernedWidth("Gewicht", bodySize), H: 14, Lang: "de-CH"}}
	p3.Texts = append(p3.Texts,
		page.Text{X: x, Y: 130, Face: faceSerif, Size: bodySize, Text: "w"},
		page.Text{X: x + faces[faceSerif].Width("w", bodySize), Y: 130, Face: faceFallback, Size: bodySize, Text: "ⱼ"},
		page.Text{X: 60, Y: 150, Face: faceSerif, Size: bodySize, Text: "Farbig", Color: page.Color{R: 160, G: 20, B: 20}},
	)
	p3.Texts = append(p3.Texts, page.Text{X: 200, Y: 560, Face: faceSerif, Size: bodySize, Text: "2", Elem: page.ArtifactFoot})
	doc := &page.Doc{
		Width: pageW, Height: pageH,
		Faces: faces,
		Pages: []*page.Page{p1, p2, p3},
		Outline: []page.OutlineItem{
			{Title: "Glossar", Level: 0, Page: 0, Y: 80},
			{Title: "Überanpassung", Level: 1, Page: 2, Y: anchorY},
		},
		Meta: page.Meta{
			Title: testTitle, Author: testAuthor, Subject: "Künstliche Intelligenz",
			Keywords: "KI Glossar", Lang: "de-DE",
			Date: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC),
		},
	}
	tagTestDoc(doc)
	return doc
}

// Structure elements of the test document.
const (
	elemDoc int32 = iota
	elemTitle
	elemIntro
	elemText
	elemCode
	elemImage
	elemSect
	elemHeading
	elemBody
	elemEnglish
)

// tagTestDoc gives the test document its structure: a title and a
// paragraph with two links, three lines of text, a code block and a
// figure on the second page, an entry with heading and paragraph on the
// third; rules, boxes and the photo are artifacts.
func tagTestDoc(d *page.Doc) {
	d.Elems = []page.Elem{
		elemDoc: {Role: "Document"}, elemTitle: {Role: "H1"}, elemIntro: {Role: "P"},
		elemText: {Role: "P"}, elemCode: {Role: "Code"}, elemImage: {Role: "Figure", Alt: "Farbverlauf"},
		elemSect: {Role: "Sect"}, elemHeading: {Role: "H1", Parent: elemSect},
		elemBody: {Role: "P", Parent: elemSect}, elemEnglish: {Role: "Span", Parent: elemBody, Lang: "en"},
	}
	set := func(ts []page.Text, from int, e int32) {
		for i := from; i < len(ts); i++ {
			ts[i].Elem = e
		}
	}
	p1, p2, p3 := d.Pages[0], d.Pages[1], d.Pages[2]
	set(p1.Texts, 0, elemIntro)
	p1.Texts[0].Elem = elemTitle
	set(p2.Texts, 0, elemText)
	set(p2.Texts, len(p2.Texts)-4, elemCode)
	p2.Images[0].Elem = elemImage
	set(p3.Texts[:len(p3.Texts)-1], 0, elemBody)
	p3.Texts[0].Elem = elemHeading
	p3.Texts[len(p3.Texts)-2].Elem = elemEnglish
}

// writeTestDoc writes the test document and fails on problems.
func writeTestDoc(t testing.TB) []byte {
	t.Helper()
	out, probs, err := WriteChecked(testDoc(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Errorf("unexpected problem: %s", p)
	}
	return out
}
