package draw

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"os"
	"path/filepath"
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
	got := string(c.draw(1, &page.Page{Texts: texts}, nil, false, nil))
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
				pen += float64(f.GlyphWidth(uint16(s[0])<<8|uint16(s[1]))) * bodySize / 1000
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

// TestRendered renders every page with poppler, which reads the
// embedded subsets with FreeType: it must not complain, and every page
// with text must have ink on it.
func TestRendered(t *testing.T) {
	path := writeTemp(t, writeTestDoc(t))
	dir := t.TempDir()
	_, errOut, code := run(t, "pdftoppm", "-r", "40", "-gray", path, filepath.Join(dir, "p"))
	if code != 0 || errOut != "" {
		t.Fatalf("pdftoppm: exit %d\n%s", code, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.pgm"))
	if len(files) != 3 {
		t.Fatalf("pdftoppm wrote %d pages, want 3", len(files))
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		// A binary PGM: "P5", width, height and maximum, then the pixels.
		fields := bytes.SplitN(data, []byte("\n"), 4)
		if len(fields) != 4 || string(fields[0]) != "P5" {
			t.Fatalf("%s: not a PGM", name)
		}
		dark := 0
		for _, c := range fields[3] {
			if c < 128 {
				dark++
			}
		}
		if dark < 50 {
			t.Errorf("%s: %d dark pixels; the text was not drawn", filepath.Base(name), dark)
		}
	}
}
