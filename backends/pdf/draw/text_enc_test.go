package draw

import (
	"strings"
	"testing"
	"unicode/utf16"
)

// encodingSamples are strings with what text encoding must handle:
// ASCII, Latin-1, other BMP runes, runes beyond the BMP, invalid UTF-8,
// an encoded surrogate and every kind of white space.
var encodingSamples = []string{
	"", "a", "  Siehe  Überanpassung \n auf\tSeite 2. ", "x\u00A0y\u2003z\u3000", "\u0085a\u0085",
	"→ S. 644", "𝑤ⱼ 😀", "bad \xff\xfe bytes", "\xed\xa0\x80 surrogate", "\v\f\r", "end\u2028",
}

func TestAppendHexText(t *testing.T) {
	const digits = "0123456789ABCDEF"
	for _, s := range encodingSamples {
		want := []byte("<FEFF")
		for _, c := range utf16.Encode([]rune(sanitize(s))) {
			want = append(want, digits[c>>12], digits[c>>8&15], digits[c>>4&15], digits[c&15])
		}
		want = append(want, '>')
		if got := appendHexText([]byte("x"), s); string(got) != "x"+string(want) {
			t.Errorf("appendHexText(%q) = %s, want x%s", s, got, want)
		}
	}
}

func TestAppendFields(t *testing.T) {
	for _, s := range encodingSamples {
		want := strings.Join(strings.Fields(s), " ")
		if got := appendFields([]byte("x"), []byte(s)); string(got) != "x"+want {
			t.Errorf("appendFields(%q) = %q, want %q", s, got, "x"+want)
		}
	}
}

// TestAppendText reads the text strings back as a PDF reader would:
// literal strings, escapes undone, UTF-16BE after a byte order mark and
// PDFDocEncoding (here Latin-1) otherwise.
func TestAppendText(t *testing.T) {
	for _, s := range append(encodingSamples, "Ü (x) \\ y", "a\rb", "\u2829\u285C\u0D0D") {
		b := appendText(nil, s)
		if len(b) < 2 || b[0] != '(' || b[len(b)-1] != ')' {
			t.Errorf("appendText(%q) = %q, not a literal string", s, b)
			continue
		}
		var raw []byte
		for i := 1; i < len(b)-1; i++ {
			switch c := b[i]; {
			case c == '\\' && b[i+1] == 'r':
				raw = append(raw, '\r')
				i++
			case c == '\\':
				raw = append(raw, b[i+1])
				i++
			case c == '(' || c == ')' || c == '\r':
				t.Errorf("appendText(%q) = %q: unescaped %q", s, b, c)
			default:
				raw = append(raw, c)
			}
		}
		var got []rune
		if len(raw) >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
			u := make([]uint16, 0, len(raw)/2)
			for i := 2; i+1 < len(raw); i += 2 {
				u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
			}
			got = utf16.Decode(u)
		} else {
			for _, c := range raw {
				got = append(got, rune(c))
			}
		}
		if string(got) != sanitize(s) {
			t.Errorf("appendText(%q) = %q, which reads %q", s, b, string(got))
		}
	}
}
