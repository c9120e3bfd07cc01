package layout

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"bookc/backends/pdf/page"
)

// Dump writes a readable text form of a laid-out document for golden
// tests: per page its label, then every text line top to bottom with its
// baseline, left and right edge and text, a "|" marking where the line
// ends (so a hyphenated line ends in "-|"); then rules, boxes, images,
// link areas and anchors. Numbers are rounded to 0.1 pt.
func Dump(w io.Writer, d *page.Doc) {
	fmt.Fprintf(w, "doc %.1fx%.1f faces %d pages %d\n", d.Width, d.Height, len(d.Faces), len(d.Pages))
	for _, o := range d.Outline {
		fmt.Fprintf(w, "outline %s%q -> page %d y %.1f\n", strings.Repeat("  ", o.Level), o.Title, o.Page+1, o.Y)
	}
	for i, p := range d.Pages {
		fmt.Fprintf(w, "\n=== page %d label %q\n", i+1, p.Label)
		for _, l := range textLines(d, p) {
			fmt.Fprintf(w, "%6.1f %6.1f-%5.1f %s|\n", l.y, l.x1, l.x2, l.text)
		}
		for _, r := range p.Rules {
			fmt.Fprintf(w, "rule %.1f,%.1f-%.1f,%.1f w%.1f\n", r.X1, r.Y1, r.X2, r.Y2, r.Width)
		}
		for _, r := range p.Rects {
			fmt.Fprintf(w, "rect %.1f,%.1f %.1fx%.1f\n", r.X, r.Y, r.W, r.H)
		}
		for _, im := range p.Images {
			fmt.Fprintf(w, "image %s %.1f,%.1f %.1fx%.1f\n", im.Type, im.X, im.Y, im.W, im.H)
		}
		for _, l := range p.Links {
			target := "#" + l.Dest
			if l.URL != "" {
				target = l.URL
			}
			fmt.Fprintf(w, "link %s %.1f,%.1f %.1fx%.1f\n", target, l.X, l.Y, l.W, l.H)
		}
		for _, a := range p.Anchors {
			fmt.Fprintf(w, "anchor #%s %.1f\n", a.ID, a.Y)
		}
	}
}

// dumpLine is the texts of one baseline joined.
type dumpLine struct {
	y, x1, x2 float64
	text      string
}

// textLines groups a page's texts by baseline (superscripts join the
// line below them) and joins each group left to right, with a space
// where pieces are a word space apart.
func textLines(d *page.Doc, p *page.Page) []dumpLine {
	texts := append([]page.Text(nil), p.Texts...)
	sort.SliceStable(texts, func(i, j int) bool {
		if texts[i].Y != texts[j].Y {
			return texts[i].Y < texts[j].Y
		}
		return texts[i].X < texts[j].X
	})
	var out []dumpLine
	for i := 0; i < len(texts); {
		j := i + 1
		for j < len(texts) && texts[j].Y-texts[i].Y < 0.45*texts[j].Size {
			j++
		}
		out = append(out, joinLine(d, texts[i:j]))
		i = j
	}
	return out
}

// joinLine joins the texts of one line.
func joinLine(d *page.Doc, ts []page.Text) dumpLine {
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].X < ts[j].X })
	round := func(v float64) float64 { return math.Round(v*10) / 10 }
	l := dumpLine{x1: round(ts[0].X)}
	var b strings.Builder
	end := ts[0].X
	for k, t := range ts {
		if k > 0 && t.X-end > 0.12*t.Size {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
		wd := 0.0
		if t.Face >= 0 && t.Face < len(d.Faces) {
			wd = d.Faces[t.Face].UnkernedWidth(t.Text, t.Size)
			if t.HScale != 0 {
				wd *= t.HScale
			}
		}
		end = max(end, t.X+wd)
		l.y = max(l.y, t.Y)
	}
	l.y, l.x2, l.text = round(l.y), round(end), b.String()
	return l
}
