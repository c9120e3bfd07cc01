package epub

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// xmlWriter builds one XML file. Everything that comes from the book goes
// through text or attr, which escape it and drop characters XML 1.0
// forbids; raw is for markup this package writes itself.
type xmlWriter struct{ buf bytes.Buffer }

// raw writes markup as is.
func (w *xmlWriter) raw(ss ...string) {
	for _, s := range ss {
		w.buf.WriteString(s)
	}
}

// text writes s escaped for element content.
func (w *xmlWriter) text(s string) { escapeTo(&w.buf, s, false) }

// attr writes ` name="value"` with the value escaped.
func (w *xmlWriter) attr(name, value string) {
	w.buf.WriteByte(' ')
	w.buf.WriteString(name)
	w.buf.WriteString(`="`)
	escapeTo(&w.buf, value, true)
	w.buf.WriteByte('"')
}

// bytes returns what was written.
func (w *xmlWriter) bytes() []byte { return w.buf.Bytes() }

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

// escape returns s escaped for an attribute value.
func escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b bytes.Buffer
	escapeTo(&b, s, true)
	return b.String()
}
