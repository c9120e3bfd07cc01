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

// writer holds one document being drawn and the fpdf graphics state last
// set, so that unchanged fonts and colours are not repeated.
type writer struct {
	doc      *page.Doc
	pdf      *fpdf.Fpdf
	names    []faceName
	used     []*runeSet
	links    map[string]int    // anchor id → fpdf link id
	images   map[string]string // fpdf image name → page.Image name
	problems []Problem
	missing  map[missingKey]*missingRune

	face       int
	size       float64
	text, fill page.Color // newWriter sets all colours to black
	stroke     page.Color
	lineWidth  float64 // 0: not set yet
}

// addLinkTargets creates one fpdf link per anchor before any page is
// drawn, so links may point forward. The first anchor of an id wins.
func (w *writer) addLinkTargets() {
	w.links = make(map[string]int)
	for i, p := range w.doc.Pages {
		for _, a := range p.Anchors {
			if _, dup := w.links[a.ID]; dup {
				w.problem(i+1, "anchor %q defined again; links go to the first one", a.ID)
				continue
			}
			id := w.pdf.AddLink()
			w.pdf.SetLink(id, a.Y, i+1)
			w.links[a.ID] = id
		}
	}
}

// drawPages draws every page in order and adds the bookmarks of each
// page while it is current.
func (w *writer) drawPages() error {
	next := 0
	for i, p := range w.doc.Pages {
		n := i + 1
		w.pdf.AddPage()
		w.drawRects(p.Rects)
		if err := w.drawImages(n, p.Images); err != nil {
			return err
		}
		w.drawRules(n, p.Rules)
		w.drawTexts(n, p.Texts)
		w.drawLinks(n, p.Links)
		for ; next < len(w.doc.Outline) && w.doc.Outline[next].Page == i; next++ {
			o := w.doc.Outline[next]
			w.pdf.Bookmark(w.bookmarkTitle(o.Title), o.Level, o.Y)
		}
		if err := w.pdf.Error(); err != nil {
			return fmt.Errorf("pdf: page %d: %w", n, err)
		}
	}
	return nil
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

// drawRects fills the boxes; they lie below everything else.
func (w *writer) drawRects(rects []page.Rect) {
	for _, r := range rects {
		if r.W == 0 || r.H == 0 {
			continue
		}
		w.setFill(r.Color)
		w.pdf.Rect(r.X, r.Y, r.W, r.H, "F")
	}
}

// drawRules strokes the lines.
func (w *writer) drawRules(n int, rules []page.Rule) {
	for _, r := range rules {
		if !(r.Width > 0) {
			w.problem(n, "rule from (%g, %g) to (%g, %g) has width %g; skipped", r.X1, r.Y1, r.X2, r.Y2, r.Width)
			continue
		}
		if r.Width != w.lineWidth {
			w.pdf.SetLineWidth(r.Width)
			w.lineWidth = r.Width
		}
		if r.Color != w.stroke {
			w.pdf.SetDrawColor(int(r.Color.R), int(r.Color.G), int(r.Color.B))
			w.stroke = r.Color
		}
		w.pdf.Line(r.X1, r.Y1, r.X2, r.Y2)
	}
}

// drawTexts places every text run as it is.
func (w *writer) drawTexts(n int, texts []page.Text) {
	for i := range texts {
		t := &texts[i]
		s := w.prepare(n, t)
		if s == "" {
			continue
		}
		w.setFont(t.Face, t.Size)
		w.setTextColor(t.Color)
		w.pdf.Text(t.X, t.Y, s)
	}
}

// prepare returns the string to draw for t: valid BMP-only UTF-8 with
// ignorable runes removed and substitutes applied as the face measured
// them. It records the runes used and those the face lacks.
func (w *writer) prepare(n int, t *page.Text) string {
	if !(t.Size > 0) {
		w.problem(n, "text %q has size %g; skipped", t.Text, t.Size)
		return ""
	}
	s := t.Text
	if needsCare(s) {
		w.problem(n, "text %q is not valid UTF-8 or lies beyond U+FFFF; replaced by U+FFFD", s)
		s = sanitize(s)
	}
	f := w.doc.Faces[t.Face]
	s = f.Printable(s)
	used := w.used[t.Face]
	for _, r := range s {
		used.add(r)
		if !f.HasRune(r) {
			w.noteMissing(n, t.Face, r)
		}
	}
	return s
}

// noteMissing counts a rune drawn with a face that lacks it.
func (w *writer) noteMissing(n, face int, r rune) {
	k := missingKey{face, r}
	m := w.missing[k]
	if m == nil {
		m = &missingRune{first: n}
		w.missing[k] = m
	}
	m.count++
}

// setFont selects face and size unless they are current.
func (w *writer) setFont(face int, size float64) {
	switch {
	case face != w.face:
		w.pdf.SetFont(w.names[face].family, "", size)
	case size != w.size:
		w.pdf.SetFontSize(size)
	default:
		return
	}
	w.face, w.size = face, size
}

// setTextColor makes c the colour of text. Text is painted with the fill
// colour, so both are set: when they differ fpdf wraps every text in a
// q…Q pair of its own.
func (w *writer) setTextColor(c page.Color) {
	if c != w.text {
		w.pdf.SetTextColor(int(c.R), int(c.G), int(c.B))
		w.text = c
	}
	w.setFill(c)
}

// setFill makes c the fill colour.
func (w *writer) setFill(c page.Color) {
	if c != w.fill {
		w.pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
		w.fill = c
	}
}

// drawImages registers each image once, under a name derived from its
// data, and scales it into its box.
func (w *writer) drawImages(n int, images []page.Image) error {
	for _, im := range images {
		if !(im.W > 0 && im.H > 0) {
			w.problem(n, "image %q has size %gx%g; skipped", im.Name, im.W, im.H)
			continue
		}
		name, tp, err := w.registerImage(im)
		if err != nil {
			return fmt.Errorf("pdf: page %d: %w", n, err)
		}
		w.pdf.ImageOptions(name, im.X, im.Y, im.W, im.H, false,
			fpdf.ImageOptions{ImageType: tp, AllowNegativePosition: true}, 0, "")
	}
	return nil
}

// registerImage hands the image data to fpdf the first time it is seen
// and returns the fpdf name and type.
func (w *writer) registerImage(im page.Image) (name, tp string, err error) {
	switch strings.ToLower(im.Type) {
	case "png":
		tp = "PNG"
	case "jpg", "jpeg":
		tp = "JPG"
	default:
		return "", "", fmt.Errorf("image %q: unsupported type %q (want png or jpg)", im.Name, im.Type)
	}
	if len(im.Data) == 0 {
		return "", "", fmt.Errorf("image %q: no data", im.Name)
	}
	sum := sha256.Sum256(im.Data)
	name = "img-" + hex.EncodeToString(sum[:12])
	if w.images == nil {
		w.images = make(map[string]string)
	}
	if _, ok := w.images[name]; ok {
		return name, tp, nil
	}
	w.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: tp}, bytes.NewReader(im.Data))
	if err := w.pdf.Error(); err != nil {
		return "", "", fmt.Errorf("image %q: %w", im.Name, err)
	}
	w.images[name] = im.Name
	return name, tp, nil
}

// drawLinks adds the clickable areas. Internal links to anchors that do
// not exist are skipped.
func (w *writer) drawLinks(n int, links []page.Link) {
	for _, l := range links {
		switch {
		case (l.Dest == "") == (l.URL == ""):
			w.problem(n, "link at (%g, %g) needs exactly one of Dest and URL (Dest %q, URL %q); skipped",
				l.X, l.Y, l.Dest, l.URL)
		case l.URL != "":
			w.pdf.LinkString(l.X, l.Y, l.W, l.H, safeURI(l.URL))
		default:
			id, ok := w.links[l.Dest]
			if !ok {
				w.problem(n, "link to %q: no such anchor; skipped", l.Dest)
				continue
			}
			w.pdf.Link(l.X, l.Y, l.W, l.H, id)
		}
	}
}
