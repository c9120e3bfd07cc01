package draw

import (
	"math"
	"strconv"
)

// milli converts a length or factor to thousandths, rounded to the
// nearest. Every number written into a content stream goes through a
// fixed-point form like this one, so that equal values are written alike
// and relative moves add up exactly.
func milli(v float64) int64 { return int64(math.Round(v * 1000)) }

// appendFixed appends v/10^places in decimal, without trailing zeros in
// the fraction and without a fraction when it is zero: 10500 with
// places 3 is "10.5", -250 with places 2 is "-2.5", 7000 is "7".
func appendFixed(b []byte, v int64, places int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	div := int64(1)
	for range places {
		div *= 10
	}
	b = strconv.AppendInt(b, v/div, 10)
	frac := v % div
	if frac == 0 {
		return b
	}
	b = append(b, '.')
	for div /= 10; frac != 0; div /= 10 {
		b = append(b, byte('0'+frac/div))
		frac %= div
	}
	return b
}

// appendMilli appends v thousandths, as appendFixed does.
func appendMilli(b []byte, v int64) []byte { return appendFixed(b, v, 3) }

// appendColor appends the three components of an RGB colour, or one for
// a grey, as fractions of 1 with three places, followed by op or, for a
// grey, grayOp.
func appendColor(b []byte, r, g, bl uint8, op, grayOp string) []byte {
	comp := func(c uint8) int64 { return (int64(c)*1000 + 127) / 255 }
	if r == g && g == bl {
		b = appendMilli(b, comp(r))
		return append(append(b, ' '), grayOp...)
	}
	b = appendMilli(b, comp(r))
	b = append(b, ' ')
	b = appendMilli(b, comp(g))
	b = append(b, ' ')
	b = appendMilli(b, comp(bl))
	return append(append(b, ' '), op...)
}

// appendCode appends the two-byte code of glyph g, which the fonts'
// Identity-H encoding and identity CIDToGIDMap take as the glyph id, to
// a literal string.
// Parentheses and backslashes are escaped, and carriage returns, which
// a reader would take for line ends.
func appendCode(b []byte, g uint16) []byte {
	for _, c := range [2]byte{byte(g >> 8), byte(g)} {
		switch c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, c)
		}
	}
	return b
}
