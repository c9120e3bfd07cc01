package linebreak

import "strings"

// Segment is a piece of text to draw at a horizontal offset: consecutive
// boxes of the same Style and Payload with no glue between them are merged
// into one segment.
type Segment struct {
	Text    string
	Style   int
	Payload int
	// X is the offset from the start of the line.
	X float64
	// Width is the sum of the merged boxes' widths.
	Width float64
}

// LineLayout is one line ready for drawing.
type LineLayout struct {
	// Segments are the line's text pieces in order.
	Segments []Segment
	// Width is the set width of the line, including a final hyphen.
	Width float64
	// Hyphen tells that a hyphen (the break penalty's Text) must be
	// drawn at HyphenX.
	Hyphen        bool
	HyphenText    string
	HyphenX       float64
	HyphenWidth   float64
	HyphenStyle   int
	HyphenPayload int
	// Line is the corresponding entry of Result.Lines.
	Line Line
}

// GlueWidth returns the width a glue item gets on line ln.
func GlueWidth(it Item, ln Line) float64 {
	w := it.Width
	switch {
	case ln.Ratio < 0:
		w += ln.Ratio * it.Shrink
	case infStretch(it.Stretch):
		w += ln.Fill
	case ln.Ratio > 0:
		w += ln.Ratio * it.Stretch
	}
	return w
}

// Lines lays out every line of r: it positions the boxes, merging
// adjacent ones into segments, and reports line-end hyphens.
func Lines(items []Item, r Result) []LineLayout {
	out := make([]LineLayout, 0, len(r.Lines))
	for _, ln := range r.Lines {
		out = append(out, layoutLine(items, ln))
	}
	return out
}

// layoutLine lays out one line.
func layoutLine(items []Item, ln Line) LineLayout {
	lay := LineLayout{Line: ln, Segments: make([]Segment, 0, glueCount(items[ln.Start:ln.End])+1)}
	var buf [8]string
	pending := buf[:0] // texts of boxes merged into the open segment
	open := false
	closeSeg := func() {
		if open && len(pending) > 1 {
			lay.Segments[len(lay.Segments)-1].Text = strings.Join(pending, "")
		}
		pending = pending[:0]
		open = false
	}
	x := 0.0
	for i := ln.Start; i < ln.End; i++ {
		it := &items[i]
		switch it.Kind {
		case KindBox:
			if open {
				last := &lay.Segments[len(lay.Segments)-1]
				if last.Style == it.Style && last.Payload == it.Payload {
					last.Width += it.Width
					pending = append(pending, it.Text)
					x += it.Width
					continue
				}
				closeSeg()
			}
			lay.Segments = append(lay.Segments, Segment{
				Text: it.Text, Style: it.Style, Payload: it.Payload, X: x, Width: it.Width,
			})
			pending = append(pending, it.Text)
			open = true
			x += it.Width
		case KindGlue:
			closeSeg()
			x += GlueWidth(*it, ln)
		}
	}
	closeSeg()
	if ln.Hyphen && ln.End < len(items) {
		h := &items[ln.End]
		lay.Hyphen = true
		lay.HyphenText = h.Text
		lay.HyphenX = x
		lay.HyphenWidth = h.Width
		lay.HyphenStyle = h.Style
		lay.HyphenPayload = h.Payload
		x += h.Width
	}
	lay.Width = x
	return lay
}

// glueCount returns the number of glue items in items.
func glueCount(items []Item) int {
	n := 0
	for i := range items {
		if items[i].Kind == KindGlue {
			n++
		}
	}
	return n
}
