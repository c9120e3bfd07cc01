package layout

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // decoders for image.DecodeConfig and image.Decode
	"image/png"
	"strings"

	"bookc/ast"
	"bookc/backends/pdf/page"
	"bookc/link"
)

// Limits on images: the linker's, so both refuse the same pictures.
const (
	maxImageSide   = link.MaxImageSide
	maxImagePixels = link.MaxImagePixels
)

// imageData is an image read and checked for the PDF, or why not.
type imageData struct {
	data []byte
	typ  string // "png" or "jpg"
	name string
	w, h int
	err  string
}

// figure sets an image scaled to the measure (and at most 40% of the
// text height) with its alternative text as caption below. An image that
// cannot be used is reported and replaced by its alternative text.
func (eb *entryBuilder) figure(img *ast.Image, c ctx) {
	im := eb.image(img)
	if im.err != "" {
		if im.err != refused {
			eb.warnf(img.Pos, "image %q: %s; its text is set instead", img.Src, im.err)
		}
		cc := c
		cc.italic = true
		eb.within("P", func() {
			eb.push(eb.para(img, cc, paraOpts{}, func(r *runs) {
				r.text("["+eb.e.lab.Figure+": "+img.Alt+"]", runMeta{})
			})...)
		})
		return
	}
	e := eb.e
	w := e.width(c)
	iw, ih := float64(im.w)*0.75, float64(im.h)*0.75 // 96 dpi
	scale := min(1, w/iw, 0.4*e.textH/ih)
	iw, ih = iw*scale, ih*scale
	top := 0.25 * e.lead
	bx := &vbox{role: roleOther, frags: eb.takeLabel()}
	bx.ext = &boxExtra{images: []page.Image{{X: c.left + (w-iw)/2, Y: top, W: iw, H: ih, Name: im.name, Type: im.typ, Data: im.data}}}
	caption := strings.TrimSpace(img.Alt) != ""
	fig := eb.within("Figure", func() { eb.push(box(ih+top+0.35*e.lead, bx, caption)) })
	fig.alt = strings.TrimSpace(img.Alt)
	if fig.alt == "" {
		bx.elem = artifactNode // an image without a text is decoration
	}
	if caption {
		cc := e.smallCtx()
		cc.left, cc.right, cc.ragged = c.left+0.05*w, c.right+0.05*w, true
		lines := eb.para(img, cc, paraOpts{align: ast.AlignCenter, keepAll: true}, func(r *runs) {
			r.text(img.Alt, runMeta{})
		})
		eb.within("Caption", func() { eb.push(lines...) })
	}
}

// image reads an image once per entry.
func (eb *entryBuilder) image(img *ast.Image) *imageData {
	if im, ok := eb.cache.images[img]; ok {
		return im
	}
	im := eb.readImage(img)
	eb.cache.images[img] = im
	return im
}

// refused marks an image the linker already reported.
const refused = "refused by the linker"

// readImage takes the image the linker checked and prepares it for the
// PDF writer.
func (eb *entryBuilder) readImage(img *ast.Image) *imageData {
	a := eb.e.links.Image(img)
	if a == nil {
		return &imageData{err: refused}
	}
	if a.Format == "png" && pngNeedsReencode(a.Data) {
		return checkImage(a.Data) // decodes and flattens it for the writer
	}
	// The linker has checked and decoded this file already.
	im := &imageData{data: a.Data, typ: "jpg", w: a.Width, h: a.Height}
	if a.Format == "png" {
		im.typ = "png"
	}
	im.name = imageName(im.data)
	return im
}

func imageName(data []byte) string {
	sum := sha256.Sum256(data)
	return "img-" + hex.EncodeToString(sum[:8])
}

// checkImage checks an image's format and size before decoding it, then
// decodes it to make sure the PDF writer will not fail on it.
func checkImage(data []byte) *imageData {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return &imageData{err: "not a readable PNG or JPEG image"}
	}
	if format != "png" && format != "jpeg" {
		return &imageData{err: fmt.Sprintf("format %s is not supported (use PNG or JPEG)", format)}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxImageSide || cfg.Height > maxImageSide ||
		int64(cfg.Width)*int64(cfg.Height) > maxImagePixels {
		return &imageData{err: fmt.Sprintf("%d×%d pixels is too large (at most %d a side and %d megapixels)",
			cfg.Width, cfg.Height, maxImageSide, maxImagePixels/1_000_000)}
	}
	decoded, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return &imageData{err: "image data is damaged"}
	}
	im := &imageData{data: data, typ: "jpg", w: cfg.Width, h: cfg.Height}
	if format == "png" {
		im.typ = "png"
		if pngNeedsReencode(data) {
			var buf bytes.Buffer
			flat := image.NewNRGBA(decoded.Bounds())
			draw.Draw(flat, flat.Bounds(), decoded, decoded.Bounds().Min, draw.Src)
			if err := png.Encode(&buf, flat); err != nil {
				return &imageData{err: "image data is damaged"}
			}
			im.data = buf.Bytes()
		}
	}
	im.name = imageName(im.data)
	return im
}

// pngNeedsReencode reports PNG features the PDF writer cannot embed as
// they are: 16-bit samples and interlacing.
func pngNeedsReencode(data []byte) bool {
	if len(data) < 29 {
		return true
	}
	return data[24] == 16 || data[28] != 0
}
