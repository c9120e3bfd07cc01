package draw

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"bookc/backends/pdf/page"
)

// labelStyle is a page label numbering style (ISO 32000-1, 12.4.2).
type labelStyle int

const (
	styleNone       labelStyle = iota // prefix only
	styleDecimal                      // /D
	styleRomanLower                   // /r
	styleRomanUpper                   // /R
)

// labelRange is one entry of the /PageLabels number tree: from page
// index start on, pages are numbered first, first+1, … in style, or all
// carry prefix.
type labelRange struct {
	start  int
	style  labelStyle
	first  int
	prefix string
}

// continues reports whether a page at index i labelled label (already
// parsed as st, v, numbered) carries on the range.
func (r *labelRange) continues(i int, label string, st labelStyle, v int, numbered bool) bool {
	if label == "" {
		return r.style != styleNone || r.prefix == ""
	}
	if numbered {
		return r.style == st && r.first+(i-r.start) == v
	}
	return r.style == styleNone && r.prefix == label
}

// takesBack turns a range of unnumbered pages into the start of the
// numbered range that follows at page index i with v, if the count fits:
// a title page and its blank verso before contents page "iii" become
// "i" and "ii".
func (r *labelRange) takesBack(i int, st labelStyle, v int) bool {
	first := v - (i - r.start)
	if r.style != styleNone || r.prefix != "" || first < 1 {
		return false
	}
	r.style, r.first = st, first
	return true
}

// pageLabels returns the /PageLabels number tree for the printed page
// numbers, or "" if no page has one. A page without a printed number
// continues a numbered range (a chapter opening or blank verso keeps its
// place in the count) or, before a number that leaves room for them, is
// counted into it; other labels become prefixes.
func pageLabels(pages []*page.Page) string {
	ranges, labelled := labelRanges(pages)
	if !labelled {
		return ""
	}
	var b strings.Builder
	b.WriteString("<</Nums [")
	for k, r := range ranges {
		if k > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%d <<%s>>", r.start, r.dict())
	}
	b.WriteString("]>>")
	return b.String()
}

// Labels returns every page's label as the PDF's /PageLabels tree gives
// it to readers: the printed number, or the one the page is counted as
// (the title page of a book whose contents begin at "iii" is "i"). Pages
// that no range numbers get "".
func Labels(pages []*page.Page) []string {
	ranges, labelled := labelRanges(pages)
	out := make([]string, len(pages))
	if !labelled {
		return out
	}
	for k, r := range ranges {
		end := len(pages)
		if k+1 < len(ranges) {
			end = ranges[k+1].start
		}
		for i := r.start; i < end; i++ {
			out[i] = r.label(i)
		}
	}
	return out
}

// label is the label of page index i within the range.
func (r labelRange) label(i int) string {
	n := r.first + i - r.start
	switch r.style {
	case styleDecimal:
		return strconv.Itoa(n)
	case styleRomanLower:
		return page.Roman(n)
	case styleRomanUpper:
		return strings.ToUpper(page.Roman(n))
	}
	return r.prefix
}

// labelRanges cuts the pages into label ranges and reports whether any
// page has a label.
func labelRanges(pages []*page.Page) ([]labelRange, bool) {
	var ranges []labelRange
	labelled := false
	for i, p := range pages {
		st, v, numbered := parseLabel(p.Label)
		labelled = labelled || p.Label != ""
		if n := len(ranges); n > 0 && ranges[n-1].continues(i, p.Label, st, v, numbered) {
			continue
		}
		if n := len(ranges); n > 0 && numbered && ranges[n-1].takesBack(i, st, v) {
			continue
		}
		r := labelRange{start: i, style: st, first: v}
		if !numbered {
			r.prefix = p.Label
		}
		ranges = append(ranges, r)
	}
	return ranges, labelled
}

// dict returns the page label dictionary's entries.
func (r labelRange) dict() string {
	var s string
	switch r.style {
	case styleDecimal:
		s = "/S /D"
	case styleRomanLower:
		s = "/S /r"
	case styleRomanUpper:
		s = "/S /R"
	default:
		if r.prefix == "" {
			return ""
		}
		return "/P " + hexText(r.prefix)
	}
	if r.first != 1 {
		s += " /St " + strconv.Itoa(r.first)
	}
	return s
}

// hexText encodes s as a PDF text string: UTF-16BE with byte order mark,
// written in hex.
func hexText(s string) string { return string(appendHexText(nil, s)) }

// appendHexText appends s as hexText writes it. Invalid UTF-8 and runes
// beyond U+FFFF become U+FFFD, as sanitize makes them.
func appendHexText(b []byte, s string) []byte {
	const digits = "0123456789ABCDEF"
	b = slices.Grow(b, 6+4*len(s))
	b = append(b, "<FEFF"...)
	for _, r := range s {
		if r > 0xFFFF {
			r = utf8.RuneError
		}
		b = append(b, digits[r>>12], digits[r>>8&15], digits[r>>4&15], digits[r&15])
	}
	return append(b, '>')
}

// parseLabel recognises decimal and roman page numbers.
func parseLabel(s string) (labelStyle, int, bool) {
	if s == "" || len(s) > 9 {
		return styleNone, 0, false
	}
	if v, err := strconv.Atoi(s); err == nil && v > 0 && s[0] != '0' && s[0] != '+' {
		return styleDecimal, v, true
	}
	if v := romanValue(strings.ToLower(s)); v > 0 {
		switch s {
		case strings.ToLower(s):
			return styleRomanLower, v, true
		case strings.ToUpper(s):
			return styleRomanUpper, v, true
		}
	}
	return styleNone, 0, false
}

// romanValue returns the value of a canonical lower-case roman numeral
// below 4000, or 0.
func romanValue(s string) int {
	digit := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}
	v := 0
	for i := 0; i < len(s); i++ {
		d, ok := digit[s[i]]
		if !ok {
			return 0
		}
		if i+1 < len(s) && digit[s[i+1]] > d {
			v -= d
		} else {
			v += d
		}
	}
	if v <= 0 || v >= 4000 || page.Roman(v) != s {
		return 0
	}
	return v
}

// appendText appends s as a PDF text string: a literal string in
// PDFDocEncoding when s has only printable ASCII and Latin-1 letters and
// signs (where PDFDocEncoding is Latin-1), else a literal string in
// UTF-16BE with byte order mark, which takes half the bytes of
// hexText's form.
func appendText(b []byte, s string) []byte {
	s = sanitize(s)
	for _, r := range s {
		if r < ' ' || r >= 0x7F && r < 0xA1 || r > 0xFF {
			return appendUTF16Text(b, s)
		}
	}
	b = append(b, '(')
	for _, r := range s {
		switch r {
		case '(', ')', '\\':
			b = append(b, '\\', byte(r))
		default:
			b = append(b, byte(r))
		}
	}
	return append(b, ')')
}

// appendUTF16Text appends s, valid UTF-8 of the Basic Multilingual
// Plane, as a literal string in UTF-16BE with byte order mark. Its bytes
// are escaped as appendCode escapes glyph codes.
func appendUTF16Text(b []byte, s string) []byte {
	b = append(b, '(', 0xFE, 0xFF)
	for _, r := range s {
		b = appendCode(b, uint16(r))
	}
	return append(b, ')')
}
