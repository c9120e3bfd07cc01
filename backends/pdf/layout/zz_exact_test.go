package layout

import (
	"crypto/sha256"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"bookc/backends/pdf/page"
)

func exactHash(d *page.Doc) string {
	h := sha256.New()
	f := func(v float64) { fmt.Fprintf(h, "%x,", math.Float64bits(v)) }
	f(d.Width)
	f(d.Height)
	fmt.Fprintf(h, "%d faces %d pages\n", len(d.Faces), len(d.Pages))
	for _, o := range d.Outline {
		fmt.Fprintf(h, "o %q %d %d ", o.Title, o.Level, o.Page)
		f(o.Y)
	}
	for _, p := range d.Pages {
		fmt.Fprintf(h, "P %q\n", p.Label)
		for _, t := range p.Texts {
			f(t.X)
			f(t.Y)
			f(t.Size)
			fmt.Fprintf(h, "%d %q %v\n", t.Face, t.Text, t.Color)
		}
		for _, r := range p.Rules {
			f(r.X1); f(r.Y1); f(r.X2); f(r.Y2); f(r.Width)
			fmt.Fprintf(h, "%v\n", r.Color)
		}
		for _, r := range p.Rects {
			f(r.X); f(r.Y); f(r.W); f(r.H)
			fmt.Fprintf(h, "%v\n", r.Color)
		}
		for _, im := range p.Images {
			f(im.X); f(im.Y); f(im.W); f(im.H)
			fmt.Fprintf(h, "%s %s %d\n", im.Name, im.Type, len(im.Data))
		}
		for _, l := range p.Links {
			f(l.X); f(l.Y); f(l.W); f(l.H)
			fmt.Fprintf(h, "%s %s\n", l.Dest, l.URL)
		}
		for _, a := range p.Anchors {
			fmt.Fprintf(h, "%s ", a.ID)
			f(a.Y)
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil)[:8])
}

func TestZZExact(t *testing.T) {
	for _, dir := range strings.Fields(os.Getenv("HASH_CORPORA")) {
		doc, links, cfg := loadBook(t, dir)
		d, _, _ := Layout(doc, links, cfg, defaultFonts(t))
		fmt.Printf("EXACT %s %s\n", dir, exactHash(d))
	}
	doc, links, cfg := loadTestdata(t, testBook)
	d, _, _ := Layout(doc, links, cfg, defaultFonts(t))
	fmt.Printf("EXACT golden %s\n", exactHash(d))
}
