// Package linebreak implements Knuth–Plass total-fit line breaking over
// boxes, glue and penalties, and a paragraph builder that turns styled text
// runs into such items with German hyphenation.
//
// The package knows nothing about fonts or PDF: widths come from an
// injected Measurer, and Lines returns x offsets for a drawing layer.
package linebreak

import "math"

// Infinity is the penalty cost at or above which a break is forbidden; a
// cost at or below -Infinity forces a break.
const Infinity = 10000

// Kind tells which of the three Knuth–Plass item types an Item is.
type Kind uint8

// The item kinds.
const (
	// KindBox is material of fixed width, such as a word fragment.
	KindBox Kind = iota
	// KindGlue is stretchable and shrinkable space; a break may occur at
	// glue that directly follows a box.
	KindGlue
	// KindPenalty is a possible break with a cost; if the break is taken,
	// Width (for example a hyphen) is added to the line.
	KindPenalty
)

// Item is a box, glue or penalty. Fields that do not apply to its Kind are
// ignored. Text, Style and Payload are carried through for the caller.
type Item struct {
	// Kind selects the item type.
	Kind Kind
	// Flagged marks a penalty as a hyphenation break, for the
	// double-hyphen and final-hyphen demerits.
	Flagged bool
	// Auto marks a penalty inserted by automatic hyphenation; such breaks
	// are not tried in the first (pretolerance) pass.
	Auto bool
	// HangL and HangR are how far a box may hang into the left margin
	// when it starts a line and into the right one when it ends a line
	// (character protrusion, for punctuation and quotes), in thousandths
	// of the width unit (see Hang); HangR of a penalty is how far its
	// width, a hyphen, may hang. They fill what would be padding.
	HangL, HangR uint16
	// Split marks an emergency break that Fit added inside material too
	// wide for the measure.
	Split bool
	// Width is the natural width of a box or glue, or the width added
	// when breaking at a penalty.
	Width float64
	// Stretch is the glue's stretchability; math.Inf(1) gives infinitely
	// stretchable glue such as \parfillskip.
	Stretch float64
	// Shrink is the glue's shrinkability.
	Shrink float64
	// Cost is the penalty value: >= Infinity forbids, <= -Infinity forces.
	Cost float64
	// Style is an opaque caller value (font, weight, size, ...).
	Style int
	// Payload is an opaque caller value, for example a run index.
	Payload int
	// Text is the text drawn for a box.
	Text string
}

// Hang converts a protrusion width to the unit of Item.HangL and
// Item.HangR, rounded and limited to what they hold.
func Hang(w float64) uint16 {
	return uint16(min(max(math.Round(w*1000), 0), math.MaxUint16))
}

// hang is the width of a protrusion stored with Hang.
func hang(h uint16) float64 { return float64(h) / 1000 }

// Box returns a box item of the given width.
func Box(width float64) Item {
	return Item{Kind: KindBox, Width: width}
}

// Glue returns a glue item.
func Glue(width, stretch, shrink float64) Item {
	return Item{Kind: KindGlue, Width: width, Stretch: stretch, Shrink: shrink}
}

// Penalty returns a penalty item.
func Penalty(width, cost float64, flagged bool) Item {
	return Item{Kind: KindPenalty, Width: width, Cost: cost, Flagged: flagged}
}

// infStretch reports whether glue stretch is infinite.
func infStretch(s float64) bool {
	return math.IsInf(s, 1)
}

// LineWidths gives the measure of every line: First[n] for the first
// len(First) lines (for example a hanging indentation) and Rest for all
// others. Lines are numbered from 0.
type LineWidths struct {
	First []float64
	Rest  float64
}

// Uniform returns LineWidths with the same measure w for every line.
func Uniform(w float64) LineWidths {
	return LineWidths{Rest: w}
}

// At returns the measure of line n.
func (lw LineWidths) At(n int) float64 {
	if n < len(lw.First) {
		return lw.First[n]
	}
	return lw.Rest
}

// Min returns the narrowest measure of any line.
func (lw LineWidths) Min() float64 {
	m := lw.Rest
	for _, w := range lw.First {
		m = min(m, w)
	}
	return m
}
