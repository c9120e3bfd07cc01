package layout

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bookc/ast"
	"bookc/backends/pdf/page"
)

func TestDistribute(t *testing.T) {
	tests := []struct {
		mins, maxs []float64
		avail      float64
		want       []float64
	}{
		{[]float64{10, 10}, []float64{30, 40}, 100, []float64{30, 40}},
		{[]float64{10, 10}, []float64{50, 90}, 60, []float64{10 + 40.0/3, 10 + 80.0/3}},
		{[]float64{40, 80}, []float64{50, 90}, 60, []float64{20, 40}},
	}
	for _, tc := range tests {
		got := distribute(tc.mins, tc.maxs, tc.avail)
		for i := range got {
			if d := got[i] - tc.want[i]; d > 1e-9 || d < -1e-9 {
				t.Errorf("distribute(%v, %v, %v) = %v, want %v", tc.mins, tc.maxs, tc.avail, got, tc.want)
				break
			}
		}
	}
}

func TestCodeCut(t *testing.T) {
	width := func(s string) float64 { return float64(len([]rune(s))) }
	tests := []struct {
		line string
		room float64
		want string
	}{
		{"short", 10, "short"},
		{"alpha beta gamma delta", 13, "alpha beta "},
		{"f(a,b)+g(c)", 9, "f(a,b)+g("},
		{"xs[i]) + 1", 6, "xs[i]) "},
		{"call(x)) rest", 8, "call(x)) "},
		{"abcdefghij", 4, "abcd"},
		{"äöüäöü", 3, "äöü"},
	}
	for _, tc := range tests {
		if got := tc.line[:codeCut(tc.line, width, tc.room)]; got != tc.want {
			t.Errorf("codeCut(%q, %v) = %q, want %q", tc.line, tc.room, got, tc.want)
		}
	}
}

func TestRoman(t *testing.T) {
	for n, want := range map[int]string{1: "i", 3: "iii", 4: "iv", 9: "ix", 14: "xiv", 40: "xl", 1994: "mcmxciv"} {
		if got := page.Roman(n); got != want {
			t.Errorf("page.Roman(%d) = %q, want %q", n, got, want)
		}
	}
}

// pngHeader returns the start of a PNG file that claims w×h pixels.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2
	binary.Write(&b, binary.BigEndian, uint32(13))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func TestCheckImage(t *testing.T) {
	if im := checkImage(pngHeader(30000, 10)); !strings.Contains(im.err, "too large") {
		t.Errorf("30000×10: err %q, want too large", im.err)
	}
	if im := checkImage(pngHeader(8000, 8000)); !strings.Contains(im.err, "too large") {
		t.Errorf("8000×8000: err %q, want too large", im.err)
	}
	if im := checkImage(pngHeader(10, 10)); im.err != "image data is damaged" {
		t.Errorf("header only: err %q, want damaged", im.err)
	}
	if im := checkImage([]byte("GIF89a")); im.err == "" {
		t.Error("GIF accepted")
	}
	img := image.NewNRGBA64(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.NRGBA64{R: 0xffff, A: 0xffff})
	var buf bytes.Buffer
	png.Encode(&buf, img)
	im := checkImage(buf.Bytes())
	if im.err != "" || im.w != 3 || im.h != 2 || im.typ != "png" {
		t.Fatalf("16-bit PNG: %+v", im)
	}
	if im.data[24] != 8 {
		t.Errorf("16-bit PNG kept bit depth %d, want 8", im.data[24])
	}
}

// TestPaperAndSides checks page geometry for other papers and one-sided
// printing: every text stays inside the page.
func TestPaperAndSides(t *testing.T) {
	for _, extra := range []string{
		"  paper: letter\n  two-sided: false\n",
		"  paper: {width: 170mm, height: 240mm}\n  margins: {inner: 15mm, outer: 15mm}\n",
	} {
		yaml := strings.Replace(testBook, "  paper: A5\n", extra, 1)
		doc, links, cfg := loadTestdata(t, yaml)
		d, st, _ := Layout(doc, links, cfg, defaultFonts(t))
		checkQuality(t, st)
		for i, p := range d.Pages {
			for _, tx := range p.Texts {
				if tx.X < 0 || tx.Y < 0 || tx.X > d.Width || tx.Y > d.Height {
					t.Errorf("%q: page %d: text %q at %.1f,%.1f outside the page", extra, i+1, tx.Text, tx.X, tx.Y)
				}
			}
		}
	}
}

// TestPlainLen checks that plainLen counts what ast.PlainText writes,
// for every paragraph and see-also list of the test and sample books.
func TestPlainLen(t *testing.T) {
	doc, _, _ := loadTestdata(t, testBook)
	docs := []*ast.Document{doc}
	if _, err := os.Stat(filepath.Join("..", "..", "..", "book.yaml")); err == nil {
		sample, _, _ := loadBook(t, filepath.Join("..", "..", ".."))
		docs = append(docs, sample)
	}
	n := 0
	for _, d := range docs {
		for _, en := range d.Entries {
			ast.WalkEntry(en, func(x any) bool {
				var ins []ast.Inline
				switch p := x.(type) {
				case *ast.Para:
					ins = p.Inlines
				case *ast.Section:
					ins = p.Refs
				}
				if got, want := plainLen(ins), len(ast.PlainText(ins)); got != want {
					t.Errorf("plainLen = %d, want %d for %q", got, want, ast.PlainText(ins))
				}
				n++
				return true
			})
		}
	}
	if n == 0 {
		t.Error("no paragraphs checked")
	}
}
