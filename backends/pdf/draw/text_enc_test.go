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
