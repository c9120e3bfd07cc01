package epub

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"
	"sync"

	"bookc/ast"
	"bookc/config"

	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The generated cover's size, the 1:1.6 shape most stores ask for.
const (
	coverW = 1600
	coverH = 2560
	margin = 160
)

var (
	coverBG = color.RGBA{0x1d, 0x35, 0x57, 0xff}
	coverFG = color.RGBA{0xf4, 0xf1, 0xe8, 0xff}
)

// addCover adds the cover image and the page showing it: the image
// book.yaml names, or a generated one.
func (b *book) addCover() error {
	data, mt, ext := b.configCover()
	if data == nil {
		var err error
		if data, err = b.cachedCover(); err != nil {
			return err
		}
		mt, ext = "image/png", ".png"
	}
	href := "images/cover" + ext
	b.coverImg = "cover-image"
	b.items = append(b.items, item{id: b.coverImg, href: href, mediaType: mt, props: "cover-image", data: data})
	b.addPage("cover", coverFile, b.coverPage(href))
	return nil
}

// configCover reads the cover named in book.yaml; nil means none (or an
// unusable one, with a warning), so a cover is generated.
func (b *book) configCover() ([]byte, string, string) {
	c := b.cfg.EPUB.Cover
	if c.Value == "" {
		return nil, "", ""
	}
	pos := ast.Pos{File: config.FileName, Line: c.Line}
	file, ok := b.cfg.Resolve(c.Value)
	if !ok {
		b.ds.Warnf(pos, "epub.cover %q lies outside the book's folder; a cover is generated", c.Value)
		return nil, "", ""
	}
	data, err := readLimited(file, maxImage)
	if err != nil {
		b.ds.Warnf(pos, "epub.cover %q: %v; a cover is generated", c.Value, unwrap(err))
		return nil, "", ""
	}
	mt, ext := sniffImage(data)
	if mt != "image/png" && mt != "image/jpeg" {
		b.ds.Warnf(pos, "epub.cover %q is not a PNG or JPEG file; a cover is generated", c.Value)
		return nil, "", ""
	}
	return data, mt, ext
}

// coverLine is one block of text on the cover.
type coverLine struct {
	ttf      []byte
	text     string
	size     float64 // largest size, shrunk until the text fits
	maxLines int
	top      int // baseline of the first line
}

// drawCover draws title, subtitle, authors and edition in Liberation
// Serif on a plain background. The image is paletted (a ramp from
// background to text colour), which keeps the PNG small and its bytes
// fixed.
func (b *book) drawCover() ([]byte, error) {
	img := image.NewGray(image.Rect(0, 0, coverW, coverH))
	draw.Draw(img, image.Rect(coverW/2-200, 700, coverW/2+200, 708), image.White, image.Point{}, draw.Src)
	blocks := []coverLine{
		{liberationserifbold.TTF, b.cfg.Title, 150, 5, 900},
		{liberationserifitalic.TTF, b.cfg.Subtitle, 68, 4, 0},
		{liberationserifregular.TTF, strings.Join(b.cfg.AuthorList(), ", "), 72, 2, 2200},
		{liberationserifregular.TTF, b.cfg.Edition, 52, 1, 2380},
	}
	y := 0
	for i, bl := range blocks {
		if strings.TrimSpace(bl.text) == "" {
			continue
		}
		if bl.top == 0 {
			bl.top = y + int(bl.size*2.2)
		}
		end, err := drawLines(img, bl)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			y = end
		}
	}
	return encodeCover(img)
}

// drawLines sets one block centred, wrapped to the cover's width, and
// returns the baseline of its last line.
func drawLines(img *image.Gray, bl coverLine) (int, error) {
	f, err := opentype.Parse(bl.ttf)
	if err != nil {
		return 0, err
	}
	var face font.Face
	var lines []string
	for size := bl.size; ; size *= 0.9 {
		face, err = opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return 0, err
		}
		lines = wrapText(face, bl.text, coverW-2*margin)
		if len(lines) <= bl.maxLines && fits(face, lines) || size < 24 {
			break
		}
	}
	d := &font.Drawer{Dst: img, Src: image.White, Face: face}
	lineH := face.Metrics().Height.Ceil() * 11 / 10
	y := bl.top
	for i, l := range lines {
		if i > 0 {
			y += lineH
		}
		w := d.MeasureString(l).Ceil()
		d.Dot = fixed.P((coverW-w)/2, y)
		d.DrawString(l)
	}
	return y, nil
}

// wrapText breaks s into lines no wider than width, at spaces. A dash
// standing alone stays with the word after it.
func wrapText(face font.Face, s string, width int) []string {
	var lines []string
	cur := ""
	for _, word := range coverWords(s) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if cur != "" && font.MeasureString(face, try).Ceil() > width {
			lines = append(lines, cur)
			try = word
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// coverWords splits s at spaces, joining a lone dash to the next word.
func coverWords(s string) []string {
	var out []string
	glue := ""
	for _, w := range strings.Fields(s) {
		if w == "–" || w == "—" || w == "-" {
			glue += w + " "
			continue
		}
		out = append(out, glue+w)
		glue = ""
	}
	if glue != "" {
		out = append(out, strings.TrimSpace(glue))
	}
	return out
}

func fits(face font.Face, lines []string) bool {
	for _, l := range lines {
		if font.MeasureString(face, l).Ceil() > coverW-2*margin {
			return false
		}
	}
	return true
}

// encodeCover turns the grey coverage map into a paletted PNG.
func encodeCover(g *image.Gray) ([]byte, error) {
	pal := make(color.Palette, 256)
	for i := range pal {
		mix := func(a, b uint8) uint8 { return uint8((int(a)*(255-i) + int(b)*i + 127) / 255) }
		pal[i] = color.RGBA{mix(coverBG.R, coverFG.R), mix(coverBG.G, coverFG.G), mix(coverBG.B, coverFG.B), 0xff}
	}
	p := &image.Paletted{Pix: g.Pix, Stride: g.Stride, Rect: g.Rect, Palette: pal}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// covers keeps the last generated cover: drawing it costs more than the
// rest of a small book's EPUB, and in watch mode the title rarely changes.
var covers struct {
	sync.Mutex
	key  string
	data []byte
}

// cachedCover returns the generated cover for the book's title page
// texts, drawing it only when they changed.
func (b *book) cachedCover() ([]byte, error) {
	key := strings.Join([]string{b.cfg.Title, b.cfg.Subtitle, strings.Join(b.cfg.AuthorList(), ", "), b.cfg.Edition}, "\x00")
	covers.Lock()
	defer covers.Unlock()
	if covers.data != nil && covers.key == key {
		return covers.data, nil
	}
	data, err := b.drawCover()
	if err != nil {
		return nil, err
	}
	covers.key, covers.data = key, data
	return data, nil
}
