package hyph

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// source holds the raw pattern and exception tokens found in a TeX
// hyphenation file.
type source struct {
	patterns   []string
	exceptions []string
}

// stripComments removes TeX comments: everything from an unescaped % to the
// end of its line.
func stripComments(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for line := range strings.Lines(text) {
		cut := len(line)
		for i := 0; i < len(line); i++ {
			if line[i] == '%' && (i == 0 || line[i-1] != '\\') {
				cut = i
				break
			}
		}
		b.WriteString(line[:cut])
		if cut < len(line) {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// block returns the contents of every `\name{...}` group in text.
func block(text, name string) ([]string, error) {
	var out []string
	marker := `\` + name
	for {
		i := strings.Index(text, marker)
		if i < 0 {
			return out, nil
		}
		rest := strings.TrimLeft(text[i+len(marker):], " \t\r\n")
		if !strings.HasPrefix(rest, "{") {
			text = rest
			continue
		}
		end := strings.IndexByte(rest, '}')
		if end < 0 {
			return nil, fmt.Errorf("hyph: unterminated \\%s group", name)
		}
		out = append(out, rest[1:end])
		text = rest[end+1:]
	}
}

// parseSource splits a TeX hyphenation file into pattern and exception
// tokens. Text without a \patterns group is read as a bare list of
// whitespace-separated patterns.
func parseSource(text string) (source, error) {
	text = stripComments(text)
	pats, err := block(text, "patterns")
	if err != nil {
		return source{}, err
	}
	exc, err := block(text, "hyphenation")
	if err != nil {
		return source{}, err
	}
	var src source
	if len(pats) == 0 && len(exc) == 0 {
		pats = []string{text}
	}
	for _, p := range pats {
		src.patterns = append(src.patterns, strings.Fields(p)...)
	}
	for _, e := range exc {
		src.exceptions = append(src.exceptions, strings.Fields(e)...)
	}
	return src, nil
}

// pattern is one parsed Liang pattern: its letters (lower case, with '.'
// for a word boundary) and the inter-letter values, where values[i] is the
// value before letters[i] and values[len(letters)] the value after the last.
type pattern struct {
	letters []rune
	values  []uint8
}

// parsePattern parses a token such as ".ab3a" or "2b1c".
func parsePattern(tok string) (pattern, error) {
	var p pattern
	p.values = append(p.values, 0)
	for _, r := range tok {
		switch {
		case r >= '0' && r <= '9':
			p.values[len(p.values)-1] = uint8(r - '0')
		case r == '\\' || r == '{' || r == '}' || r == utf8.RuneError:
			return pattern{}, fmt.Errorf("hyph: invalid character %q in pattern %q", r, tok)
		default:
			p.letters = append(p.letters, unicode.ToLower(r))
			p.values = append(p.values, 0)
		}
	}
	if len(p.letters) == 0 {
		return pattern{}, fmt.Errorf("hyph: pattern %q has no letters", tok)
	}
	if len(p.letters) > 250 {
		return pattern{}, errors.New("hyph: pattern too long")
	}
	return p, nil
}

// parseException parses an exception such as "ta-ble" into its lower-case
// word and the rune offsets of its hyphens.
func parseException(tok string) (string, []int) {
	var b strings.Builder
	var points []int
	n := 0
	for _, r := range tok {
		if r == '-' {
			if n > 0 && (len(points) == 0 || points[len(points)-1] != n) {
				points = append(points, n)
			}
			continue
		}
		b.WriteRune(unicode.ToLower(r))
		n++
	}
	if len(points) > 0 && points[len(points)-1] == n {
		points = points[:len(points)-1]
	}
	return b.String(), points
}
