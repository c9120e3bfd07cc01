package draw

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf16"

	"bookc/backends/pdf/page"

	"codeberg.org/go-pdf/fpdf"
)

// writer holds one document being drawn.
type writer struct {
	doc       *page.Doc
	pdf       *fpdf.Fpdf
	names     []faceName
	fontRes   []string  // resource name fpdf gives each face
	used      []runeSet // runes drawn with each face
	anchors   map[string]anchorTarget
	annots    [][]linkAnnot     // link areas by page, nil if there are none
	annotSize int               // upper bound for their length in the file
	images    map[string]string // fpdf image name → page.Image name
	imageRes  map[string]string // fpdf image name → resource name
	problems  []Problem
	missing   map[missingKey]*missingRune
	contents  [][]byte // compressed content stream of each page
}

// drawPages draws every page in order. fpdf gets the pages and
// bookmarks here and the link areas are noted; the content streams are
// written by a pool of canvases while the pages are added.
func (w *writer) drawPages() error {
	workers := w.startPool()
	next := 0
	for i, p := range w.doc.Pages {
		n := i + 1
		w.pdf.AddPage()
		images, err := w.placeImages(n, p.Images)
		if err != nil {
			workers.stop()
			return err
		}
		w.addLinks(n, p.Links)
		for ; next < len(w.doc.Outline) && w.doc.Outline[next].Page == i; next++ {
			o := w.doc.Outline[next]
			w.pdf.Bookmark(w.bookmarkTitle(o.Title), o.Level, o.Y)
		}
		if err := w.pdf.Error(); err != nil {
			workers.stop()
			return fmt.Errorf("pdf: page %d: %w", n, err)
		}
		workers.jobs <- pageJob{index: i, images: images}
	}
	return workers.finish()
}

// bookmarkTitle prepares a title for fpdf's Bookmark, which converts it
// to UTF-16 only while a UTF-8 font is current. Without any face the
// title is encoded here.
func (w *writer) bookmarkTitle(s string) string {
	s = sanitize(s)
	if len(w.doc.Faces) > 0 {
		return s
	}
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2, 2+2*len(u))
	b[0], b[1] = 0xFE, 0xFF
	for _, c := range u {
		b = append(b, byte(c>>8), byte(c))
	}
	return string(b)
}

// placeImages registers each image of page n once, under a name derived
// from its data, and returns their resource names, "" for images that
// are not to be drawn.
func (w *writer) placeImages(n int, images []page.Image) ([]string, error) {
	if len(images) == 0 {
		return nil, nil
	}
	names := make([]string, len(images))
	for i, im := range images {
		if !(im.W > 0 && im.H > 0) {
			w.problem(n, "image %q has size %gx%g; skipped", im.Name, im.W, im.H)
			continue
		}
		name, err := w.registerImage(im)
		if err != nil {
			return nil, fmt.Errorf("pdf: page %d: %w", n, err)
		}
		names[i] = w.imageRes[name]
	}
	return names, nil
}

// registerImage hands the image data to fpdf the first time it is seen,
// notes its resource name and returns the fpdf name.
func (w *writer) registerImage(im page.Image) (name string, err error) {
	var tp string
	switch strings.ToLower(im.Type) {
	case "png":
		tp = "PNG"
	case "jpg", "jpeg":
		tp = "JPG"
	default:
		return "", fmt.Errorf("image %q: unsupported type %q (want png or jpg)", im.Name, im.Type)
	}
	if len(im.Data) == 0 {
		return "", fmt.Errorf("image %q: no data", im.Name)
	}
	sum := sha256.Sum256(im.Data)
	name = "img-" + hex.EncodeToString(sum[:12])
	if w.images == nil {
		w.images = make(map[string]string)
		w.imageRes = make(map[string]string)
	}
	if _, ok := w.images[name]; ok {
		return name, nil
	}
	w.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: tp}, bytes.NewReader(im.Data))
	if err := w.pdf.Error(); err != nil {
		return "", fmt.Errorf("image %q: %w", im.Name, err)
	}
	res, err := w.imageResource(name, tp)
	if err != nil {
		return "", err
	}
	w.images[name] = im.Name
	w.imageRes[name] = res
	return name, nil
}
