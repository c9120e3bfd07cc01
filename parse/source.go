// Package parse is bookc's front end: it reads entry files written in
// Markdown with attribute blocks and turns them into the neutral ast.
// Goldmark's types stay inside this package.
package parse

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"bookc/ast"
	"bookc/diag"
)

// source is one file's text with a table of line starts, to turn byte
// offsets into positions.
type source struct {
	name  string
	text  []byte
	lines []int // byte offset of each line's start
}

func newSource(name string, text []byte) *source {
	s := &source{name: name, text: text, lines: []int{0}}
	for i, c := range text {
		if c == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	return s
}

// pos returns the position of byte offset off; the column counts runes.
func (s *source) pos(off int) ast.Pos {
	if off < 0 {
		off = 0
	}
	if off > len(s.text) {
		off = len(s.text)
	}
	i := sort.SearchInts(s.lines, off+1) - 1
	if i < 0 {
		i = 0
	}
	col := utf8.RuneCount(s.text[s.lines[i]:off]) + 1
	return ast.Pos{File: s.name, Line: i + 1, Col: col}
}

// lineStart returns the position of the first non-blank character on the
// line holding off.
func (s *source) lineStart(off int) ast.Pos {
	p := s.pos(off)
	start := s.lines[p.Line-1]
	col := 1
	for j := start; j < len(s.text) && (s.text[j] == ' ' || s.text[j] == '\t'); j++ {
		col++
	}
	p.Col = col
	return p
}

// clean normalises a file's bytes before parsing: it drops a UTF-8 byte
// order mark, turns CRLF and lone CR into LF, reads text that is not UTF-8
// as Windows-1252 (with a warning) and replaces NUL bytes, which CommonMark
// forbids, by U+FFFD.
func clean(name string, data []byte, ds *diag.List) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	if !utf8.Valid(data) {
		off := firstInvalid(data)
		ds.Warnf(newSource(name, data).pos(off), "file is not valid UTF-8; read as Windows-1252 (Latin-1); save it as UTF-8")
		data = fromCP1252(data)
	}
	data = capIndent(name, data, ds)
	if i := bytes.IndexByte(data, 0); i >= 0 {
		ds.Warnf(newSource(name, data).pos(i), "NUL byte replaced by U+FFFD")
		data = bytes.ReplaceAll(data, []byte{0}, []byte("\uFFFD"))
	}
	return data
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return 0
}

// cp1252 maps the bytes 0x80–0x9F of Windows-1252; the rest of the range
// is Latin-1.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8d, 'Ž', 0x8f,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9d, 'ž', 'Ÿ',
}

func fromCP1252(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xa0:
			out = utf8.AppendRune(out, cp1252[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
}

// maxIndent bounds a line's leading white space. Markdown gives meaning to
// indentation only up to a few levels of nesting; a parser fed lines
// indented by thousands of columns slows down quadratically.
const maxIndent = 160

func capIndent(name string, data []byte, ds *diag.List) []byte {
	var out []byte
	warned := false
	start := 0
	for start < len(data) {
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += start + 1
		}
		line := data[start:end]
		n := 0
		for n < len(line) && (line[n] == ' ' || line[n] == '\t') {
			n++
		}
		if n > maxIndent {
			if out == nil {
				out = append(make([]byte, 0, len(data)), data[:start]...)
			}
			if !warned {
				warned = true
				ds.Warnf(newSource(name, data).pos(start), "line indented by %d characters; indentation beyond %d is ignored", n, maxIndent)
			}
			line = line[n-maxIndent:]
		}
		if out != nil {
			out = append(out, line...)
		}
		start = end
	}
	if out == nil {
		return data
	}
	return out
}
