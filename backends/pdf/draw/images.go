package draw

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strconv"
	"strings"

	"bookc/backends/pdf/page"
)

// xobject is one image as it goes into the file, shared by every place
// that shows the same data.
type xobject struct {
	num  int    // object number
	res  string // resource name, "/Im1" …
	dict string // the stream dictionary's entries but /Length
	data []byte // the stream data, encoded as dict says
	mask []byte // Flate-compressed alpha channel, nil for opaque images
	w, h int
}

// loadImages decodes every image the pages show, once per distinct data,
// and gives each page's images their resource names, "" for those not to
// be drawn.
func (w *writer) loadImages(out *file) error {
	byHash := map[[32]byte]*xobject{}
	w.imageRes = make([][]string, len(w.doc.Pages))
	for i, p := range w.doc.Pages {
		for k, im := range p.Images {
			if k == 0 {
				w.imageRes[i] = make([]string, len(p.Images))
			}
			if !(im.W > 0 && im.H > 0) {
				w.problem(i+1, "image %q has size %gx%g; skipped", im.Name, im.W, im.H)
				continue
			}
			sum := sha256.Sum256(im.Data)
			x := byHash[sum]
			if x == nil {
				var err error
				if x, err = w.decodeImage(out, im); err != nil {
					return fmt.Errorf("pdf: page %d: image %q: %w", i+1, im.Name, err)
				}
				x.res = "/Im" + strconv.Itoa(len(w.images)+1)
				byHash[sum] = x
				w.images = append(w.images, x)
			}
			w.imageRes[i][k] = x.res
		}
	}
	return nil
}

// decodeImage reads a PNG or JPEG image. A JPEG is embedded as it is; a
// PNG is decoded to 8-bit grey or RGB samples with the alpha channel, if
// any, as a soft mask.
func (w *writer) decodeImage(out *file, im page.Image) (*xobject, error) {
	if len(im.Data) == 0 {
		return nil, fmt.Errorf("no data")
	}
	switch strings.ToLower(im.Type) {
	case "jpg", "jpeg":
		return jpegObject(im.Data)
	case "png":
		img, err := png.Decode(bytes.NewReader(im.Data))
		if err != nil {
			return nil, err
		}
		return pngObject(out, img), nil
	}
	return nil, fmt.Errorf("unsupported type %q (want png or jpg)", im.Type)
}

// jpegObject embeds JPEG data with the DCT filter.
func jpegObject(data []byte) (*xobject, error) {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	cs := "/DeviceRGB"
	switch cfg.ColorModel {
	case color.GrayModel:
		cs = "/DeviceGray"
	case color.CMYKModel:
		cs = "/DeviceCMYK /Decode [1 0 1 0 1 0 1 0]"
	}
	return &xobject{w: cfg.Width, h: cfg.Height, data: data,
		dict: fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode",
			cfg.Width, cfg.Height, cs)}, nil
}

// pngObject converts a decoded PNG to compressed samples.
func pngObject(out *file, img image.Image) *xobject {
	bd := img.Bounds()
	wd, ht := bd.Dx(), bd.Dy()
	gray := img.ColorModel() == color.GrayModel || img.ColorModel() == color.Gray16Model
	comps := 3
	if gray {
		comps = 1
	}
	samples := make([]byte, 0, wd*ht*comps)
	alpha := make([]byte, 0, wd*ht)
	opaque := true
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			c := color.NRGBA64Model.Convert(img.At(x, y)).(color.NRGBA64)
			if gray {
				samples = append(samples, byte(c.R>>8))
			} else {
				samples = append(samples, byte(c.R>>8), byte(c.G>>8), byte(c.B>>8))
			}
			alpha = append(alpha, byte(c.A>>8))
			opaque = opaque && c.A == 0xFFFF
		}
	}
	cs := "/DeviceRGB"
	if gray {
		cs = "/DeviceGray"
	}
	x := &xobject{w: wd, h: ht,
		dict: fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /FlateDecode",
			wd, ht, cs)}
	x.data = bytes.Clone(out.flate(samples))
	if !opaque {
		x.mask = bytes.Clone(out.flate(alpha))
	}
	return x
}

// writeImages writes the image objects, each with its soft mask.
func (w *writer) writeImages(out *file) {
	for _, x := range w.images {
		x.num = out.alloc()
		dict := x.dict
		if x.mask != nil {
			m := out.alloc()
			dict += " /SMask " + ref(m)
			out.stream(m, fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
				x.w, x.h), x.mask)
		}
		out.stream(x.num, dict, x.data)
		x.data, x.mask = nil, nil
	}
}
