package layout

import "testing"

// lineItems returns n text lines of height h, breakable after each.
func lineItems(n int, h float64, tag int32) []*vitem {
	var g []*vitem
	for i := 0; i < n; i++ {
		g = append(g, &vitem{kind: kBox, h: h, box: &vbox{line: tag}})
	}
	return g
}

// TestFloatToNextPage floats a figure that does not fit to the top of
// the next page while the text after it fills the page.
func TestFloatToNextPage(t *testing.T) {
	g := lineItems(30, 10, 1)
	fig := lineItems(3, 100, 2)
	fig[0].float = 3
	fig[0].keep, fig[1].keep = true, true
	g = append(append(g, fig...), lineItems(30, 10, 3)...)
	p := &pager{g: g, h: 400}
	pages := p.run()
	if len(pages) < 2 {
		t.Fatalf("%d pages", len(pages))
	}
	tags := func(pg pageOut) (out []int32) {
		for _, pl := range pg.items {
			out = append(out, pl.it.box.line)
		}
		return out
	}
	first, second := tags(pages[0]), tags(pages[1])
	if len(first) != 40 || first[29] != 1 || first[30] != 3 {
		t.Errorf("page 1 holds %v; want 30 lines, then 10 lines of the text after the figure", first)
	}
	if len(second) < 3 || second[0] != 2 || second[2] != 2 || second[3] != 3 {
		t.Errorf("page 2 holds %v; want the figure first", second)
	}
}

// TestNoFloatAfterKeep keeps a figure with the heading before it: both
// go to the next page.
func TestNoFloatAfterKeep(t *testing.T) {
	g := lineItems(30, 10, 1)
	g[29].keep = true
	fig := lineItems(2, 100, 2)
	fig[0].float, fig[0].keep = 2, true
	g = append(append(g, fig...), lineItems(30, 10, 3)...)
	p := &pager{g: g, h: 400}
	pages := p.run()
	if n := len(pages[0].items); n != 29 {
		t.Errorf("page 1 has %d items, want 29 (the heading goes with the figure)", n)
	}
}

// TestNoPageEndAfterHyphen ends a page one line early rather than
// after a line that ends with a hyphen, when glue can fill it.
func TestNoPageEndAfterHyphen(t *testing.T) {
	g := lineItems(20, 10, 1)
	g = append(g, &vitem{kind: kGlue, h: 5, stretch: 5})
	g = append(g, lineItems(30, 10, 2)...)
	g[39].box.hyph = true // the last line that fits on a 400 high page
	p := &pager{g: g, h: 405}
	pages := p.run()
	last := pages[0].items[len(pages[0].items)-1]
	if last.it.box.hyph {
		t.Error("the page ends after a hyphenated line")
	}
	if y := last.y + last.h; y < 404.99 {
		t.Errorf("the page ends at %.2f, not flush with 405", y)
	}
}

// TestFootnoteContinues splits a long footnote: what fits stays at the
// foot of the page with its reference, the rest opens the next page's
// notes, without a number.
func TestFootnoteContinues(t *testing.T) {
	nb := &noteBlock{h: 80}
	for k := 0; k < 10; k++ {
		nb.boxes = append(nb.boxes, &vbox{})
		nb.hs = append(nb.hs, float64(8*k))
	}
	g := lineItems(6, 10, 1)
	ref := lineItems(1, 10, 2)[0]
	ref.box.ext = &boxExtra{notes: []*noteBlock{nb}}
	g = append(append(g, ref), lineItems(10, 10, 3)...)
	p := &pager{g: g, h: 150, noteSep: 10, noteGap: 2}
	pages := p.run()
	if len(pages) < 2 {
		t.Fatalf("%d pages", len(pages))
	}
	one, two := pages[0], pages[1]
	if n := len(one.items); n != 7 || len(one.notes) != 1 || len(one.notes[0].boxes) != 8 || one.notes[0].cont {
		t.Fatalf("page 1: %d items, notes %+v; want the reference and 8 lines of its note", n, one.notes)
	}
	if len(two.notes) != 1 || !two.notes[0].cont || len(two.notes[0].boxes) != 2 || two.notes[0].h != 16 {
		t.Fatalf("page 2 notes %+v; want the 2 lines left, as a continuation", two.notes)
	}
	if y := one.notesH + one.items[6].y + one.items[6].h; y > 150.01 {
		t.Errorf("page 1 overflows: %.1f", y)
	}
}
