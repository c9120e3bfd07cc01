package layout

import (
	"math"
	"strings"
	"unicode/utf8"

	"bookc/ast"
	"bookc/backends/pdf/page"
)

// codeRow is one printed line of a code block.
type codeRow struct {
	text string
	cont bool // continues the source line above: gets the marker
}

// code sets a code block in mono on a grey ground, line by line so that
// it may break across pages. Lines too long for the measure wrap, and
// each continuation starts with a visible marker; nothing is clipped or
// hyphenated.
func (eb *entryBuilder) code(cb *ast.CodeBlock, c ctx) {
	e := eb.e
	st := styleID(vMono, szCodeBlock)
	sty := &e.styles[st]
	lead := math.Round(sty.size*1.3*20) / 20
	pad, vpad := 0.5*sty.size, 0.4*lead
	w := e.width(c)
	markW := e.faces[e.markerFace].Width(e.markerText+" ", sty.size)
	var rows []codeRow
	for _, line := range strings.Split(expandTabs(cb.Text), "\n") {
		rows = append(rows, eb.wrapCode(eb.clean(line, st), st, w-2*pad, markW)...)
	}
	base := e.baseline(st, lead)
	n := len(rows)
	// A page may break after row i only with two rows that are not
	// blank on either side of it.
	filled := make([]int, n+1) // filled[i]: rows before i that are not blank
	for i, row := range rows {
		filled[i+1] = filled[i]
		if strings.TrimSpace(row.text) != "" {
			filled[i+1]++
		}
	}
	for i, row := range rows {
		h, top := lead, 0.0
		if i == 0 {
			h, top = h+vpad, vpad
		}
		if i == n-1 {
			h += vpad
		}
		bx := &vbox{base: top + base, role: roleLine, line: int32(i), nlines: int32(n)}
		bx.ext = &boxExtra{rects: []page.Rect{{X: c.left, Y: -0.25, W: w, H: h + 0.5, Color: grey}}}
		bx.frags = eb.takeLabel()
		x := c.left + pad
		if row.cont {
			bx.frags = append(bx.frags, frag{x: x, face: e.markerFace, st: int16(st), text: e.markerText, color: ruleColor})
			x += markW
		}
		bx.frags = e.appendText(bx.frags, x, 0, st, row.text)
		keep := i < n-1 && (filled[i+1] < 2 || filled[n]-filled[i+1] < 2)
		eb.push(box(h, bx, keep))
	}
	eb.st.Lines += int32(n)
}

// expandTabs replaces tabs by spaces to the next multiple of four.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		switch r {
		case '\t':
			for k := 4 - col%4; k > 0; k-- {
				b.WriteByte(' ')
			}
			col += 4 - col%4
		case '\n':
			b.WriteRune(r)
			col = 0
		default:
			b.WriteRune(r)
			col++
		}
	}
	return b.String()
}

// wrapCode splits a source line into rows no wider than avail (the first)
// or avail-markW (continuations), preferring to break after a space or
// punctuation in the second half of a row.
func (eb *entryBuilder) wrapCode(line string, st int, avail, markW float64) []codeRow {
	e := eb.e
	if e.textWidth(line, st) <= avail {
		return []codeRow{{text: line}}
	}
	var rows []codeRow
	for cont := false; line != ""; cont = true {
		room := avail
		if cont {
			room -= markW
		}
		cut := codeCut(line, func(s string) float64 { return e.textWidth(s, st) }, room)
		rows = append(rows, codeRow{text: line[:cut], cont: cont})
		line = line[cut:]
	}
	return rows
}

// codeCut returns the byte length of the longest prefix of line that
// fits room, moved back, if that is possible in the prefix's second
// half, to just after a space, else after a comma or semicolon, else
// after an operator or opening bracket; a continuation never starts with
// a closing bracket or punctuation. At least one rune is taken.
func codeCut(line string, width func(string) float64, room float64) int {
	fit, all := longestFit(line, width, room)
	if all {
		return len(line)
	}
	if fit == 0 {
		_, n := utf8.DecodeRuneInString(line)
		return n
	}
	if line[fit] == ' ' {
		return fit + 1 // a space at the cut hangs, invisible, past the edge
	}
	for _, after := range []string{" ", ",;", "([{=+-*/._"} {
		for k := fit; k > fit/2; k-- {
			if strings.IndexByte(after, line[k-1]) >= 0 && strings.IndexByte(")]},;.:", line[k]) < 0 {
				return k
			}
		}
	}
	return fit
}

// longestFit returns the byte length of the longest prefix of line, ending
// at a rune boundary, that fits room, and whether that is all of line. It
// measures prefixes of doubling length and then bisects, so that each
// measurement is at most about twice the fitting prefix: a source line
// far longer than the measure costs time linear in its length, not in the
// square of it.
func longestFit(line string, width func(string) float64, room float64) (int, bool) {
	fits := func(n int) bool { return width(line[:n]) <= room }
	lo, hi := 0, runeBoundary(line, min(len(line), 64))
	for fits(hi) {
		if hi == len(line) {
			return hi, true
		}
		lo, hi = hi, runeBoundary(line, min(len(line), 2*hi))
	}
	// fits(lo) holds, fits(hi) does not.
	for {
		mid := runeBoundary(line, (lo+hi)/2)
		if mid <= lo || mid >= hi {
			mid = runeBoundary(line, lo+1)
		}
		if mid >= hi {
			return lo, false
		}
		if fits(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
}

// runeBoundary moves i forward to the start of a rune (or the end of s).
func runeBoundary(s string, i int) int {
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}
