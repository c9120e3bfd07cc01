package linebreak

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kinds of break inside a word.
const (
	brkExplicit uint8 = iota // after an explicit hyphen, nothing added
	brkSoft                  // at a soft hyphen, a hyphen is drawn
	brkAuto                  // at a pattern hyphenation point
	brkPart                  // at a pattern point inside a part of a hyphenated compound
)

// prefixLimit bounds the length of word pieces whose fragments are
// measured as differences of prefix widths, which keeps kerning inside the
// whole piece exact; longer pieces measure each fragment on its own.
const prefixLimit = 64

// maxHyphenate is the longest word, in runes, given to the hyphenator.
// Longer strings are no words (the longest German ones have about 80
// letters); when they are too wide for a line, Fit breaks them between
// characters, at a cost linear in their length, instead of setting a
// hyphenation point every few letters.
const maxHyphenate = 256

// cleanPiece is a word piece with soft hyphens removed.
type cleanPiece struct {
	run   int
	text  string
	first int // rune offset of the piece within the word
	n     int // number of runes
}

// brk is a permitted break inside a word, after `at` runes.
type brk struct {
	at   int
	kind uint8
}

// word is a maximal sequence of non-space characters, possibly spanning
// several runs.
type word struct {
	p      *paragraph
	pieces []cleanPiece
	n      int
	breaks []brk
}

// newWord prepares the pending word pieces: it strips soft hyphens and
// decides where the word may break.
func (p *paragraph) newWord() *word {
	w := &p.w
	*w = word{p: p, pieces: w.pieces[:0], breaks: w.breaks[:0]}
	soft := p.soft[:0]
	for _, wp := range p.word {
		text := wp.text
		if strings.ContainsRune(text, softHyphen) {
			var sb strings.Builder
			last, count := 0, 0
			for bi, r := range text {
				if r == softHyphen {
					sb.WriteString(text[last:bi])
					count += utf8.RuneCountInString(text[last:bi])
					last = bi + utf8.RuneLen(softHyphen)
					soft = append(soft, w.n+count)
				}
			}
			sb.WriteString(text[last:])
			text = sb.String()
		}
		n := utf8.RuneCountInString(text)
		if n == 0 {
			continue
		}
		w.pieces = append(w.pieces, cleanPiece{run: wp.run, text: text, first: w.n, n: n})
		w.n += n
	}
	p.soft = soft
	w.breaks = w.findBreaks(w.breaks, soft)
	return w
}

// findBreaks appends the permitted breaks, in order, to out. A word
// without soft or explicit hyphens is hyphenated by the hyphenator. In
// a word with soft hyphens, or a compound written with hyphens
// ("Open-Core-Modell"), those are the breaks of first choice; the
// hyphenator's points in its parts are permitted too, as German
// orthography allows, at a much higher cost (Builder.PartPenalty), for
// lines that would otherwise be loose.
func (w *word) findBreaks(out []brk, soft []int) []brk {
	for _, at := range soft {
		if at > 0 && at < w.n {
			out = append(out, brk{at: at, kind: brkSoft})
		}
	}
	out, hyphen := w.appendExplicit(out)
	if len(out) == 0 && !hyphen {
		return w.autoBreaks(out, brkAuto)
	}
	if len(out) > 0 && w.p.b.PartPenalty < Infinity {
		out = w.autoBreaks(out, brkPart)
	}
	// At equal offsets the explicit break, which draws no extra hyphen,
	// sorts first and survives compaction.
	slices.SortFunc(out, func(a, b brk) int {
		if a.at != b.at {
			return a.at - b.at
		}
		return int(a.kind) - int(b.kind)
	})
	return slices.CompactFunc(out, func(a, b brk) bool { return a.at == b.at })
}

// isHyphen reports whether r is a hyphen or dash after which a word may
// break.
func isHyphen(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2013'
}

// appendExplicit appends breaks after explicit hyphens that follow a letter
// or digit and precede something other than a hyphen. It also reports
// whether the word contains any hyphen at all.
func (w *word) appendExplicit(out []brk) ([]brk, bool) {
	has := false
	for _, pc := range w.pieces {
		if strings.ContainsAny(pc.text, "-\u2010\u2013") {
			has = true
			break
		}
	}
	if !has {
		return out, false
	}
	runes, hyphenable := w.runes()
	for k := 1; k+1 < len(runes); k++ {
		if isHyphen(runes[k]) && hyphenable[k] && !isHyphen(runes[k+1]) &&
			(unicode.IsLetter(runes[k-1]) || unicode.IsDigit(runes[k-1])) {
			out = append(out, brk{at: k + 1, kind: brkExplicit})
		}
	}
	return out, true
}

// runes returns the word's runes and, for each, whether its run allows
// hyphenation. The slices are the paragraph's working memory.
func (w *word) runes() ([]rune, []bool) {
	runes, ok := w.p.runes[:0], w.p.ok[:0]
	for _, pc := range w.pieces {
		allowed := !w.p.runs[pc.run].NoHyphenate
		for _, r := range pc.text {
			runes = append(runes, r)
			ok = append(ok, allowed)
		}
	}
	w.p.runes, w.p.ok = runes, ok
	return runes, ok
}

// text returns the whole word.
func (w *word) text() string {
	if len(w.pieces) == 1 {
		return w.pieces[0].text
	}
	var sb strings.Builder
	for _, pc := range w.pieces {
		sb.WriteString(pc.text)
	}
	return sb.String()
}

// hyphenable reports whether rune k lies in a run that allows hyphenation.
func (w *word) hyphenable(k int) bool {
	for _, pc := range w.pieces {
		if k < pc.first+pc.n {
			return !w.p.runs[pc.run].NoHyphenate
		}
	}
	return false
}

// autoBreaks appends to out, as breaks of the given kind, the points
// the hyphenator finds in the word's core, the part without leading and
// trailing punctuation; with brkPart, in each part of the core between
// hyphens.
func (w *word) autoBreaks(out []brk, kind uint8) []brk {
	h := w.p.b.Hyphenator
	if h != nil && len(w.pieces) > 0 {
		if rh := w.p.runs[w.pieces[0].run].Hyphenator; rh != nil {
			h = rh
		}
	}
	if h == nil || w.n < 2 || w.n > maxHyphenate {
		return out
	}
	if !slices.ContainsFunc(w.pieces, func(pc cleanPiece) bool { return !w.p.runs[pc.run].NoHyphenate }) {
		return out
	}
	s := w.text()
	lead, lb := 0, len(s)
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			lb = i
			break
		}
		lead++
	}
	core := strings.TrimRightFunc(s[lb:], func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if kind != brkPart {
		return w.corePoints(out, h, core, lead, kind)
	}
	at, start := lead, 0
	for i, r := range core {
		if !isHyphen(r) {
			continue
		}
		out = w.corePoints(out, h, core[start:i], at, kind)
		at += utf8.RuneCountInString(core[start:i]) + 1
		start = i + utf8.RuneLen(r)
	}
	return w.corePoints(out, h, core[start:], at, kind)
}

// corePoints appends the hyphenator's points in core, a run of letters
// that begins after `lead` runes of the word, as breaks of kind.
func (w *word) corePoints(out []brk, h Hyphenator, core string, lead int, kind uint8) []brk {
	if core == "" || mixedCase(core) {
		return out
	}
	for _, pt := range w.p.points(h, core) {
		at := lead + pt
		if at > 0 && at < w.n && w.hyphenable(at-1) && w.hyphenable(at) {
			out = append(out, brk{at: at, kind: kind})
		}
	}
	return out
}

// PointAppender is a Hyphenator that can append its points to a slice,
// as *hyph.Hyphenator can; the builder then reuses one slice.
type PointAppender interface {
	AppendPoints(dst []int, word string) []int
}

// points returns the hyphenation points of word, in the paragraph's
// working memory where h allows it.
func (p *paragraph) points(h Hyphenator, word string) []int {
	if a, ok := h.(PointAppender); ok {
		p.pts = a.AppendPoints(p.pts[:0], word)
		return p.pts
	}
	return h.Points(word)
}

// mixedCase reports whether s has a capital after its first letter and
// also lower-case letters, as in product names ("PyTorch", "ChatGPT"),
// which are not hyphenated.
func mixedCase(s string) bool {
	seen, upper, lower := false, false, false
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r) && seen:
			upper = true
		}
		if unicode.IsLetter(r) {
			seen = true
		}
	}
	return upper && lower
}

// cut is the end of a word fragment inside a piece: a byte offset and the
// index of the break that follows it, or -1.
type cut struct {
	end int
	brk int
}

// emit appends the word's boxes and break penalties to items.
func (w *word) emit(items []Item) []Item {
	bi := 0
	for _, pc := range w.pieces {
		items = w.emitPiece(items, pc, &bi)
	}
	return items
}

// emitPiece appends the fragments of one piece; *bi is the index of the
// next unused break.
func (w *word) emitPiece(items []Item, pc cleanPiece, bi *int) []Item {
	run := &w.p.runs[pc.run]
	m := w.p.b.Measurer
	var buf [8]cut
	cuts := buf[:0]
	for *bi < len(w.breaks) && w.breaks[*bi].at <= pc.first {
		*bi++
	}
	j := 0
	for off := range pc.text {
		if j > 0 && *bi < len(w.breaks) && w.breaks[*bi].at == pc.first+j {
			cuts = append(cuts, cut{end: off, brk: *bi})
			*bi++
		}
		j++
	}
	last := cut{end: len(pc.text), brk: -1}
	if end := pc.first + pc.n; end < w.n && *bi < len(w.breaks) && w.breaks[*bi].at == end {
		last.brk = *bi
		*bi++
	}
	cuts = append(cuts, last)
	prefix := len(cuts) > 1 && pc.n <= prefixLimit
	start, prevW := 0, 0.0
	for _, c := range cuts {
		frag := pc.text[start:c.end]
		var fw float64
		if prefix {
			cw := m.Width(pc.text[:c.end], run.Style)
			fw, prevW = cw-prevW, cw
		} else {
			fw = m.Width(frag, run.Style)
		}
		items = append(items, Item{Kind: KindBox, Width: fw, Text: frag, Style: run.Style, Payload: run.Payload})
		if c.brk >= 0 {
			items = append(items, w.penalty(w.breaks[c.brk].kind, run))
		}
		start = c.end
	}
	return items
}

// penalty returns the penalty item for a break of the given kind after
// text in run.
func (w *word) penalty(kind uint8, run *Run) Item {
	b := w.p.b
	it := Item{Kind: KindPenalty, Flagged: true, Style: run.Style, Payload: run.Payload}
	if kind == brkExplicit {
		it.Cost = b.ExHyphenPenalty
		return it
	}
	it.Cost = b.HyphenPenalty
	if kind == brkPart {
		it.Cost += b.PartPenalty
	}
	it.Width = b.Measurer.HyphenWidth(run.Style)
	it.Text = b.HyphenText
	it.Auto = kind == brkAuto || kind == brkPart
	return it
}
