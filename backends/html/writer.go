package html

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Writer builds one HTML or XML file. Everything that comes from the book
// goes through Text or Attr, which escape it and drop characters XML 1.0
// forbids, so the same bytes are valid HTML and XHTML; Raw is for markup
// the writer's caller writes itself.
type Writer struct{ buf bytes.Buffer }

// Raw writes markup as is.
func (w *Writer) Raw(ss ...string) {
	for _, s := range ss {
		w.buf.WriteString(s)
	}
}

// Text writes s escaped for element content.
func (w *Writer) Text(s string) { escapeTo(&w.buf, s, false) }

// Attr writes ` name="value"` with the value escaped.
func (w *Writer) Attr(name, value string) {
	w.buf.WriteByte(' ')
	w.buf.WriteString(name)
	w.buf.WriteString(`="`)
	escapeTo(&w.buf, value, true)
	w.buf.WriteByte('"')
}

// Bytes returns what was written; they stay valid until the next write
// or Reset.
func (w *Writer) Bytes() []byte { return w.buf.Bytes() }

// Reset empties the writer and keeps its memory.
func (w *Writer) Reset() { w.buf.Reset() }

// needsEscape reports whether s holds a byte that escapeTo changes.
func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' || c >= 0x80 {
			return true
		}
	}
	return false
}

// escapeTo writes s with &, < and > escaped, and " too in an attribute
// value; invalid UTF-8 is replaced by U+FFFD and characters outside XML
// 1.0's Char production are dropped.
func escapeTo(b *bytes.Buffer, s string, attr bool) {
	if !needsEscape(s) {
		b.WriteString(s)
		return
	}
	if !utf8.ValidString(s) || strings.Contains(s, "\uFFFE") || strings.Contains(s, "\uFFFF") {
		escapeRunes(b, s, attr)
		return
	}
	last := 0
	for i := 0; i < len(s); i++ {
		rep, ok := escapes(s[i], attr)
		if !ok {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// escapes returns the replacement of an ASCII byte that cannot stand as
// is in XML, and whether there is one.
func escapes(c byte, attr bool) (string, bool) {
	switch c {
	case '&':
		return "&amp;", true
	case '<':
		return "&lt;", true
	case '>':
		return "&gt;", true
	case '"':
		return "&quot;", attr
	case '\t', '\n', '\r':
		return "", false
	}
	return "", c < 0x20
}

// escapeRunes is escapeTo's careful path, for text with invalid UTF-8 or
// the noncharacters U+FFFE and U+FFFF.
func escapeRunes(b *bytes.Buffer, s string, attr bool) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
		case r == 0xFFFE, r == 0xFFFF:
		case r < 0x80:
			if rep, ok := escapes(byte(r), attr); ok {
				b.WriteString(rep)
			} else {
				b.WriteByte(byte(r))
			}
		default:
			b.WriteRune(r)
		}
	}
}

// Escape returns s escaped for an attribute value (and so for element
// content too).
func Escape(s string) string { return escapeString(s, true) }

// EscapeText returns s escaped for element content.
func EscapeText(s string) string { return escapeString(s, false) }

func escapeString(s string, attr bool) string {
	if !needsEscape(s) {
		return s
	}
	var b bytes.Buffer
	escapeTo(&b, s, attr)
	return b.String()
}
