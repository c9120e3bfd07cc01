// Package hyph implements Liang's pattern-based hyphenation algorithm, as
// used by TeX, and ships the German (reformed orthography) patterns and
// Knuth's US English patterns (hyphen.tex, unmodified).
//
// Patterns are read from TeX hyphenation files: the contents of the
// \patterns{...} group and, if present, the \hyphenation{...} exception
// list. Lookups run over a compact trie, so hyphenating a word costs a few
// hundred nanoseconds and, with AppendPoints, no allocation.
package hyph

import (
	"embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode"
)

// files are the pattern files bookc ships, each with its licence header.
//
//go:embed hyph-de-1996.tex hyphen.tex
var files embed.FS

// firstMark is the lowest code point of a combining mark (U+0300).
const firstMark = 0x300

// Minimum fragment lengths used by German, and by plain TeX for English.
const (
	// GermanLeftMin is the least number of letters before a break.
	GermanLeftMin = 2
	// GermanRightMin is the least number of letters after a break.
	GermanRightMin = 3
)

// Hyphenator finds permissible hyphenation points in words. It is safe for
// concurrent use.
type Hyphenator struct {
	t          *trie
	exceptions map[string][]int
	leftMin    int
	rightMin   int
}

// shipped holds each shipped file's hyphenator, parsed on first use.
var shipped sync.Map // file name → func() *Hyphenator

// Named returns the shared hyphenator for the shipped pattern file name
// (as config.Book.Hyphenation names it), with at least 2 letters before
// and 3 after a break, as TeX sets German and English; nil for "" or a
// file bookc does not ship.
func Named(name string) *Hyphenator {
	if name == "" {
		return nil
	}
	if f, ok := shipped.Load(name); ok {
		return f.(func() *Hyphenator)()
	}
	text, err := files.ReadFile(name)
	if err != nil {
		return nil
	}
	f, _ := shipped.LoadOrStore(name, sync.OnceValue(func() *Hyphenator {
		h, err := parse(string(text), GermanLeftMin, GermanRightMin)
		if err != nil {
			panic(fmt.Sprintf("hyph: shipped patterns %s: %v", name, err))
		}
		return h
	}))
	return f.(func() *Hyphenator)()
}

// German returns the shared hyphenator for German in the reformed
// (1996/2006) orthography.
func German() *Hyphenator { return Named("hyph-de-1996.tex") }

// English returns the shared hyphenator for (US) English.
func English() *Hyphenator { return Named("hyphen.tex") }

// New reads a TeX hyphenation file (or a bare whitespace-separated pattern
// list) from r and returns a hyphenator that keeps at least leftMin runes
// before and rightMin runes after every break. Minimums below 1 count as 1.
func New(r io.Reader, leftMin, rightMin int) (*Hyphenator, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("hyph: reading patterns: %w", err)
	}
	return parse(string(data), leftMin, rightMin)
}

// parse builds a hyphenator from the text of a TeX pattern file.
func parse(text string, leftMin, rightMin int) (*Hyphenator, error) {
	src, err := parseSource(text)
	if err != nil {
		return nil, err
	}
	b := newBuilder()
	for _, tok := range src.patterns {
		p, err := parsePattern(tok)
		if err != nil {
			return nil, err
		}
		if err := b.add(p); err != nil {
			return nil, err
		}
	}
	h := &Hyphenator{t: b.freeze()}
	h.setMins(leftMin, rightMin)
	if len(src.exceptions) > 0 {
		h.exceptions = make(map[string][]int, len(src.exceptions))
		for _, tok := range src.exceptions {
			word, points := parseException(tok)
			h.exceptions[word] = points
		}
	}
	return h, nil
}

// setMins stores the minimum fragment lengths, clamped to at least 1.
func (h *Hyphenator) setMins(left, right int) {
	h.leftMin = max(left, 1)
	h.rightMin = max(right, 1)
}

// WithMins returns a hyphenator sharing h's patterns and exceptions but with
// different minimum fragment lengths.
func (h *Hyphenator) WithMins(leftMin, rightMin int) *Hyphenator {
	c := *h
	c.setMins(leftMin, rightMin)
	return &c
}

// Points returns the rune offsets at which word may be hyphenated: an
// offset k means a hyphen may follow the first k runes. Matching ignores
// case. Runs of letters separated by other characters (digits,
// punctuation, apostrophes) are hyphenated independently, and offsets are
// relative to the whole word. It returns nil when there is no point.
func (h *Hyphenator) Points(word string) []int {
	return h.AppendPoints(nil, word)
}

// AppendPoints appends the hyphenation points of word, as returned by
// Points, to dst and returns the extended slice.
func (h *Hyphenator) AppendPoints(dst []int, word string) []int {
	var symBuf [72]uint8
	var markBuf [72]bool
	syms := append(symBuf[:0], h.t.symbol('.'))
	marks := markBuf[:0]
	runRune, runByte, ri := 0, 0, 0
	for bi, r := range word {
		mark := r >= firstMark && unicode.IsMark(r)
		if mark || unicode.IsLetter(r) {
			if len(marks) == 0 {
				runRune, runByte = ri, bi
			}
			syms = append(syms, h.t.symbol(unicode.ToLower(r)))
			marks = append(marks, mark)
		} else if len(marks) > 0 {
			dst = h.run(dst, syms, marks, runRune, word[runByte:bi])
			syms, marks = syms[:1], marks[:0]
		}
		ri++
	}
	if len(marks) > 0 {
		dst = h.run(dst, syms, marks, runRune, word[runByte:])
	}
	return dst
}

// run hyphenates one run of letters. syms holds the leading boundary
// symbol followed by one symbol per rune; marks tells which runes are
// combining marks (never preceded by a break); offset is the run's rune
// offset within the whole word and text its source.
func (h *Hyphenator) run(dst []int, syms []uint8, marks []bool, offset int, text string) []int {
	n := len(marks)
	if n < h.leftMin+h.rightMin {
		return dst
	}
	if h.exceptions != nil {
		if pts, ok := h.exceptions[strings.ToLower(text)]; ok {
			for _, p := range pts {
				if p >= h.leftMin && p <= n-h.rightMin && !marks[p] {
					dst = append(dst, offset+p)
				}
			}
			return dst
		}
	}
	syms = append(syms, syms[0])
	var valBuf [80]uint8
	var vals []uint8
	if len(syms)+1 <= len(valBuf) {
		vals = valBuf[:len(syms)+1]
	} else {
		vals = make([]uint8, len(syms)+1)
	}
	h.t.match(syms, vals)
	for i := h.leftMin; i <= n-h.rightMin; i++ {
		if vals[i+1]&1 == 1 && !marks[i] {
			dst = append(dst, offset+i)
		}
	}
	return dst
}

// match applies every pattern occurring in syms, keeping for each
// inter-symbol position the highest value seen; vals[i] is the position
// before syms[i].
func (t *trie) match(syms, vals []uint8) {
	for s := range syms {
		n := t.root[syms[s]]
		k := s
		for n >= 0 {
			nd := &t.nodes[n]
			for _, v := range t.vals[nd.valStart:nd.valEnd] {
				if p := s + int(v.off); v.v > vals[p] {
					vals[p] = v.v
				}
			}
			k++
			if k >= len(syms) {
				break
			}
			n = t.child(n, syms[k])
		}
	}
}
