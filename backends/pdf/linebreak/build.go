package linebreak

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Measurer measures text in a caller-defined style (font, weight, size).
type Measurer interface {
	// Width returns the advance width of s.
	Width(s string, style int) float64
	// SpaceWidth returns the width of an inter-word space.
	SpaceWidth(style int) float64
	// HyphenWidth returns the width of the hyphen drawn at a line end.
	HyphenWidth(style int) float64
}

// Hyphenator finds hyphenation points: rune offsets k meaning a hyphen may
// follow the first k runes of word. *hyph.Hyphenator implements it.
type Hyphenator interface {
	Points(word string) []int
}

// Run is a piece of paragraph text in one style. Words may span runs.
type Run struct {
	// Text is the run's text. Spaces (including newlines) separate words;
	// U+00A0 (no-break space), U+202F (narrow no-break space, set as a
	// fixed half space) and U+2007 (figure space, set as wide as a digit)
	// do not allow a break; U+00AD marks the places where its word is
	// best hyphenated (the hyphenator's other points cost PartPenalty
	// more).
	Text string
	// Style is passed to the Measurer and copied to the items.
	Style int
	// NoHyphenate disables automatic hyphenation and breaks after
	// explicit hyphens inside the run, as for inline code.
	NoHyphenate bool
	// HardBreak makes the run a forced line break; Text is ignored.
	HardBreak bool
	// Payload is copied to the run's items so that boxes can be mapped
	// back to the caller's data.
	Payload int
	// Hyphenator, when set, hyphenates the words that begin in this run
	// instead of the Builder's, if the Builder hyphenates at all: a
	// passage in another language.
	Hyphenator Hyphenator
}

// Builder converts runs into Knuth–Plass items. It keeps working memory
// between calls, so one Builder must not be used by several goroutines at
// once.
type Builder struct {
	// Measurer measures text; it is required.
	Measurer Measurer
	// Hyphenator provides automatic hyphenation points; nil disables
	// automatic hyphenation.
	Hyphenator Hyphenator
	// HyphenPenalty is the cost of breaking at an automatic or soft
	// hyphen (TeX's \hyphenpenalty).
	HyphenPenalty float64
	// ExHyphenPenalty is the cost of breaking after an explicit hyphen
	// (TeX's \exhyphenpenalty).
	ExHyphenPenalty float64
	// PartPenalty is added to HyphenPenalty for a hyphen inside a part
	// of a compound written with hyphens ("Open-Core-Mo-dell"), which
	// reads worse than a break at one of its hyphens; Infinity never
	// hyphenates such parts.
	PartPenalty float64
	// SplitPenalty is the cost of the emergency breaks added inside
	// material that is wider than the narrowest measure.
	SplitPenalty float64
	// HyphenText is the text of the hyphen drawn at a hyphenated line end.
	HyphenText string
	// MemoWords, if positive, makes the builder remember the items of up
	// to that many distinct words that lie within one run, and copy them
	// for later occurrences instead of hyphenating and measuring again.
	// Set it only if the Measurer, the Hyphenator and the fields above
	// stay the same for the builder's life.
	MemoWords int

	// p is the working memory of Build, kept between calls.
	p paragraph
	// memo indexes the remembered words, in words, by their texts.
	memo  map[string]int32
	words []memoWord
}

// memoWord is a remembered word: its text (the map's key, which the
// items' texts point into), its items as set one way, and the other ways
// it was met in, if any.
type memoWord struct {
	text string
	memoWay
	more []memoWay
}

// memoWay is a word's items as its run sets it: in a style, hyphenated
// or not, by a hyphenator.
type memoWay struct {
	style  int
	noHyph bool
	hyph   Hyphenator
	items  []Item
}

// set reports whether the way is that of run.
func (w *memoWay) set(run *Run) bool {
	return w.items != nil && w.style == run.Style && w.noHyph == run.NoHyphenate && w.hyph == run.Hyphenator
}

// lookup returns the items of word as run sets them, if remembered.
func (b *Builder) lookup(word string, run *Run) ([]Item, bool) {
	k, ok := b.memo[word]
	if !ok {
		return nil, false
	}
	m := &b.words[k]
	if m.set(run) {
		return m.items, true
	}
	for i := range m.more {
		if m.more[i].set(run) {
			return m.more[i].items, true
		}
	}
	return nil, false
}

// NewBuilder returns a Builder with TeX-like defaults: hyphen and explicit
// hyphen penalties 50, 450 more for a hyphen inside a part of a
// hyphenated compound, split penalty 50, hyphen text "-".
func NewBuilder(m Measurer, h Hyphenator) *Builder {
	return &Builder{
		Measurer:        m,
		Hyphenator:      h,
		HyphenPenalty:   50,
		ExHyphenPenalty: 50,
		PartPenalty:     450,
		SplitPenalty:    50,
		HyphenText:      "-",
	}
}

// Special characters recognised by the builder.
const (
	softHyphen  = '\u00AD'
	noBreakSp   = '\u00A0'
	narrowNBSP  = '\u202F'
	figureSpace = '\u2007'
)

// isNoBreakSpace reports whether r is a space that must not break.
func isNoBreakSpace(r rune) bool {
	return r == noBreakSp || r == narrowNBSP || r == figureSpace
}

// wordPiece is the part of a word that lies in one run.
type wordPiece struct {
	run  int
	text string
}

// paragraph is the state of one Build call. Its slices keep their
// storage from call to call.
type paragraph struct {
	b     *Builder
	runs  []Run
	items []Item
	word  []wordPiece
	w     word // reused for every word
	soft  []int
	runes []rune
	ok    []bool
	pts   []int
}

// Build converts runs into items ending with the usual paragraph end
// (\penalty10000 \parfillskip \penalty-10000), so that the last line is
// ragged. Material that could not otherwise fit the narrowest measure of
// widths gets emergency break opportunities, so that Break never has to
// produce an overfull line unless a single character is wider than the
// measure.
func (b *Builder) Build(runs []Run, widths LineWidths) []Item {
	size := 3
	for _, r := range runs {
		size += len(r.Text)/3 + 1
	}
	return b.BuildInto(make([]Item, 0, size), runs, widths)
}

// BuildInto is Build storing the items in buf's storage, grown as
// needed; buf's contents are overwritten. Reusing one buffer for many
// paragraphs saves allocations once a paragraph's items are no longer
// needed.
func (b *Builder) BuildInto(buf []Item, runs []Run, widths LineWidths) []Item {
	p := &b.p
	p.b, p.runs, p.items = b, runs, buf[:0]
	for ri, run := range runs {
		if run.HardBreak {
			p.endWord()
			p.trimGlue()
			p.items = appendEnd(p.items, run.Style, run.Payload)
			continue
		}
		p.scan(ri)
	}
	p.endWord()
	p.trimGlue()
	style, payload := 0, 0
	if len(runs) > 0 {
		style, payload = runs[len(runs)-1].Style, runs[len(runs)-1].Payload
	}
	items := appendEnd(p.items, style, payload)
	p.runs, p.items = nil, nil
	return b.Fit(items, widths.Min())
}

// appendEnd appends \penalty10000 \hfil \penalty-10000, which ends a
// line (or the paragraph) with its material set ragged.
func appendEnd(items []Item, style, payload int) []Item {
	return append(items,
		Item{Kind: KindPenalty, Cost: Infinity, Style: style, Payload: payload},
		Item{Kind: KindGlue, Stretch: math.Inf(1), Style: style, Payload: payload},
		Item{Kind: KindPenalty, Cost: -Infinity, Style: style, Payload: payload},
	)
}

// scan splits run ri into word pieces and spaces.
func (p *paragraph) scan(ri int) {
	run := p.runs[ri]
	text := run.Text
	start := 0
	for bi, r := range text {
		nb := isNoBreakSpace(r)
		if !nb && !unicode.IsSpace(r) {
			continue
		}
		if bi > start {
			p.word = append(p.word, wordPiece{run: ri, text: text[start:bi]})
		}
		p.endWord()
		start = bi + utf8.RuneLen(r)
		glue := p.b.space(r, &run)
		switch {
		case nb:
			p.items = append(p.items,
				Item{Kind: KindPenalty, Cost: Infinity, Style: run.Style, Payload: run.Payload}, glue)
		case len(p.items) > 0 && p.items[len(p.items)-1].Kind == KindBox:
			p.items = append(p.items, glue)
		}
	}
	if start < len(text) {
		p.word = append(p.word, wordPiece{run: ri, text: text[start:]})
	}
}

// space returns the glue for space character r in run: an inter-word
// space stretches by 1/2 and shrinks by 1/3 of its width; a narrow
// no-break space is a fixed half space and a figure space a fixed digit
// width.
func (b *Builder) space(r rune, run *Run) Item {
	sw := b.Measurer.SpaceWidth(run.Style)
	g := Item{Kind: KindGlue, Width: sw, Stretch: sw / 2, Shrink: sw / 3, Style: run.Style, Payload: run.Payload}
	switch r {
	case narrowNBSP:
		g.Width, g.Stretch, g.Shrink = sw/2, 0, 0
	case figureSpace:
		g.Width, g.Stretch, g.Shrink = b.Measurer.Width("0", run.Style), 0, 0
	}
	return g
}

// trimGlue removes trailing inter-word glue, as TeX does before
// \parfillskip.
func (p *paragraph) trimGlue() {
	for len(p.items) > 0 {
		last := p.items[len(p.items)-1]
		if last.Kind != KindGlue || infStretch(last.Stretch) {
			return
		}
		p.items = p.items[:len(p.items)-1]
		if n := len(p.items); n > 0 && p.items[n-1].Kind == KindPenalty && p.items[n-1].Cost >= Infinity {
			p.items = p.items[:n-1]
		}
	}
}

// endWord emits the items of the pending word.
func (p *paragraph) endWord() {
	switch {
	case len(p.word) == 0:
		return
	case len(p.word) == 1 && p.b.MemoWords > 0 && len(p.word[0].text) <= maxHyphenate && hasLetter(p.word[0].text):
		p.items = p.memoWord(p.word[0])
	default:
		p.items = p.newWord().emit(p.items)
	}
	p.word = p.word[:0]
}

// hasLetter reports whether s has a letter. Words without one (numbers,
// page labels) are cheap to set and not worth remembering.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// memoWord emits the items of a word within one run, from the memo if
// the word was seen before.
func (p *paragraph) memoWord(wp wordPiece) []Item {
	run := &p.runs[wp.run]
	if tpl, ok := p.b.lookup(wp.text, run); ok {
		n := len(p.items)
		items := append(p.items, tpl...)
		for i := n; i < len(items); i++ {
			items[i].Payload = run.Payload
		}
		return items
	}
	n := len(p.items)
	items := p.newWord().emit(p.items)
	p.b.remember(wp.text, run, items[n:])
	return items
}

// remember stores a copy of a word's items, as run sets them, whose
// texts point into a copy of the word, so that the memo holds no part of
// the caller's text. A word whose boxes do not spell it (soft hyphens
// were dropped) is not stored.
func (b *Builder) remember(word string, run *Run, items []Item) {
	k, seen := b.memo[word]
	if !seen && (b.memo == nil || len(b.memo) >= b.MemoWords) {
		b.memo = make(map[string]int32, min(b.MemoWords, 1024))
		b.words = b.words[:0]
	}
	var m memoWord
	if seen {
		m = b.words[k]
		word = m.text
	} else {
		word = strings.Clone(word)
		m.text = word
	}
	tpl := slices.Clone(items)
	rest := word
	for i := range tpl {
		if tpl[i].Kind != KindBox {
			continue
		}
		t := tpl[i].Text
		if !strings.HasPrefix(rest, t) {
			return
		}
		tpl[i].Text, rest = rest[:len(t)], rest[len(t):]
	}
	if rest != "" {
		return
	}
	way := memoWay{style: run.Style, noHyph: run.NoHyphenate, hyph: run.Hyphenator, items: tpl}
	if seen {
		m.more = append(m.more, way)
		b.words[k] = m
		return
	}
	m.memoWay = way
	b.memo[word] = int32(len(b.words))
	b.words = append(b.words, m)
}
