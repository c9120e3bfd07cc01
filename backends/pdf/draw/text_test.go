package draw

import (
	"bytes"
	"compress/zlib"
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"bookc/backends/pdf/page"
	"bookc/fonts"
)

// kerned sets word from x as the layout does: cut where the face kerns
// a pair, each piece placed at the kerned position.
func kerned(f *fonts.Face, face int, size, x, y float64, word string) []page.Text {
	var out []page.Text
	start, prev := 0, rune(-1)
	for i, r := range word {
		if prev >= 0 {
			if k := f.Kern(prev, r); k != 0 {
				piece := word[start:i]
				out = append(out, page.Text{X: x, Y: y, Face: face, Size: size, Text: piece})
				x += f.UnkernedWidth(piece, size) + float64(k)*size/float64(f.UnitsPerEm())
				start = i
			}
		}
		prev = r
	}
	return append(out, page.Text{X: x, Y: y, Face: face, Size: size, Text: word[start:]})
}

// justified sets words on baseline y from x, spread to width, and
// returns the texts and where each word starts.
func justified(f *fonts.Face, face int, size, x, y, width float64, words []string) ([]page.Text, []float64) {
	natural := 0.0
	for _, w := range words {
		natural += f.Width(w, size)
	}
	space := (width - natural) / float64(len(words)-1)
	var texts []page.Text
	var starts []float64
	for _, w := range words {
		starts = append(starts, x)
		texts = append(texts, kerned(f, face, size, x, y, w)...)
		x += f.Width(w, size) + space
	}
	return texts, starts
}

// bboxWord is a word as pdftotext -bbox reports it.
type bboxWord struct {
	XMin float64 `xml:"xMin,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

// bboxWords runs pdftotext -bbox on the first page of path.
func bboxWords(t *testing.T, path string) []bboxWord {
	t.Helper()
	out := mustRun(t, "pdftotext", "-bbox", "-enc", "UTF-8", "-f", "1", "-l", "1", path, "-")
	d := xml.NewDecoder(strings.NewReader(out))
	d.Strict = false
	var words []bboxWord
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("pdftotext -bbox output: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "word" {
			var w bboxWord
			if err := d.DecodeElement(&w, &se); err != nil {
				t.Fatal(err)
			}
			words = append(words, w)
		}
	}
	return words
}

func TestJustifiedPositions(t *testing.T) {
	faces := testFaces(t)
	f := faces[faceSerif]
	for _, pair := range []string{"Te", "Vo", "Wa"} {
		r := []rune(pair)
		if f.Kern(r[0], r[1]) == 0 {
			t.Fatalf("test assumes %s kerns %q", f.Name(), pair)
		}
	}
	lines := [][]string{
		strings.Fields("Technik und Vorhersage: Wahrscheinlich „Überanpassung“ – größer"),
		strings.Fields("Tempo Volumen Wasser Teil Vogel Tal Wald Tor ß ä ö ü"),
	}
	doc := &page.Doc{Width: pageW, Height: pageH, Faces: faces,
		Meta: page.Meta{Date: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}}
	p := &page.Page{}
	var want []bboxWord
	for i, words := range lines {
		y := 100 + 20*float64(i)
		texts, starts := justified(f, faceSerif, bodySize, 50, y, 320, words)
		p.Texts = append(p.Texts, texts...)
		for k, w := range words {
			want = append(want, bboxWord{XMin: starts[k], Text: w})
		}
	}
	doc.Pages = []*page.Page{p}
	out, err := Write(doc)
	if err != nil {
		t.Fatal(err)
	}
	got := bboxWords(t, writeTemp(t, out))
	if len(got) != len(want) {
		t.Fatalf("pdftotext found %d words, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Text != w.Text {
			t.Errorf("word %d: %q, want %q", i, got[i].Text, w.Text)
		}
		if d := math.Abs(got[i].XMin - w.XMin); d > 0.1 {
			t.Errorf("word %q starts at x=%.3f, want %.3f", w.Text, got[i].XMin, w.XMin)
		}
	}
}

// TestTJNumbers checks the text operators themselves: one text object,
// kerned pieces joined in one TJ array with the kerning as a number, and
// the pen after every piece where the layout put the next one.
func TestTJNumbers(t *testing.T) {
	faces := testFaces(t)
	f := faces[faceSerif]
	c := newCanvas(faces, pageH)
	texts, _ := justified(f, faceSerif, bodySize, 50, 100, 200, []string{"Vorteil", "Tee"})
	got := string(c.draw(1, &page.Page{Texts: texts}, nil))
	if strings.Count(got, "BT") != 1 || strings.Count(got, "TJ") != 1 || strings.Count(got, "Td") != 1 {
		t.Errorf("want one BT, Td and TJ:\n%q", got)
	}
	// Replay the array as a viewer would and compare the pen with the
	// layout's positions.
	arr := got[strings.Index(got, "[")+1 : strings.LastIndex(got, "]")]
	pen := 50.0
	k := 0
	for arr != "" {
		if arr[0] == '(' {
			end := strings.IndexByte(arr, ')')
			s := arr[1:end]
			for len(s) >= 2 {
				pen += f.UnkernedWidth(string(rune(s[0])<<8|rune(s[1])), bodySize)
				s = s[2:]
			}
			arr = arr[end+1:]
			continue
		}
		end := strings.IndexByte(arr, '(')
		num, err := strconv.ParseFloat(arr[:end], 64)
		if err != nil {
			t.Fatalf("bad number in %q", got)
		}
		pen -= num / 1000 * bodySize
		arr = arr[end:]
		for k+1 < len(texts) && texts[k+1].X <= pen+0.5 {
			k++
			if d := math.Abs(texts[k].X - pen); d > 0.001 {
				t.Errorf("text %q drawn at %.4f, layout has %.4f", texts[k].Text, pen, texts[k].X)
			}
		}
	}
	if k != len(texts)-1 {
		t.Errorf("checked %d of %d texts in %q", k+1, len(texts), got)
	}
}

// TestSubsetsHaveDrawnGlyphs checks that every rune drawn with a face
// that has it maps to a glyph of the embedded subset.
func TestSubsetsHaveDrawnGlyphs(t *testing.T) {
	doc := testDoc(t)
	out := writeTestDoc(t)
	f, err := parseFile(out)
	if err != nil {
		t.Fatal(err)
	}
	maps := cidToGIDMaps(t, f)
	for i, face := range doc.Faces {
		m := maps[face.Metrics().PostScriptName]
		if m == nil {
			t.Fatalf("no CIDToGIDMap for %s among %d fonts", face.Metrics().PostScriptName, len(maps))
		}
		for _, p := range doc.Pages {
			for _, tx := range p.Texts {
				if tx.Face != i {
					continue
				}
				for _, r := range face.Printable(tx.Text) {
					if face.HasRune(r) && (2*int(r)+1 >= len(m) || m[2*r] == 0 && m[2*r+1] == 0) {
						t.Errorf("%s: %q has no glyph in the subset", face.Name(), r)
					}
				}
			}
		}
	}
}

// cidToGIDMaps returns the uncompressed CIDToGIDMap of each font,
// by PostScript name without subset tag.
func cidToGIDMaps(t *testing.T, f *pdfFile) map[string][]byte {
	t.Helper()
	byNum := map[int]*object{}
	for i := range f.objects {
		byNum[f.objects[i].num] = &f.objects[i]
	}
	maps := map[string][]byte{}
	for i := range f.objects {
		body := f.body(&f.objects[i])
		if !bytes.Contains(body, []byte("/Subtype /CIDFontType2")) {
			continue
		}
		name := field(body, "/BaseFont /")
		_, name, _ = strings.Cut(name, "+")
		num, err := strconv.Atoi(field(body, "/CIDToGIDMap "))
		if err != nil || byNum[num] == nil {
			t.Fatalf("font %s: bad /CIDToGIDMap", name)
		}
		data := f.body(byNum[num])
		data = data[bytes.Index(data, []byte("stream\n"))+len("stream\n") : bytes.LastIndex(data, []byte("\nendstream"))]
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if maps[name], err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	}
	return maps
}

// field returns the token after key in a dictionary.
func field(body []byte, key string) string {
	i := bytes.Index(body, []byte(key))
	if i < 0 {
		return ""
	}
	rest := body[i+len(key):]
	end := bytes.IndexAny(rest, " \n/>")
	if end < 0 {
		end = len(rest)
	}
	return string(rest[:end])
}
