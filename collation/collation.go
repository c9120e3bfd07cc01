// Package collation orders terms as a German dictionary does (DIN 5007-1:
// ä sorts as a, ß as ss, case only breaks ties) and names their letter
// groups. Other languages use their own collation rules.
package collation

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Sorter compares strings in a language's collation. It is not safe for
// concurrent use; make one per goroutine.
type Sorter struct {
	c   *collate.Collator
	buf collate.Buffer
}

// New returns a sorter for a BCP 47 language tag; an unknown tag falls back
// to the root collation.
func New(lang string) *Sorter {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.Und
	}
	return &Sorter{c: collate.New(tag)}
}

// Key returns a binary sort key for s.
func (s *Sorter) Key(str string) []byte {
	k := s.c.KeyFromString(&s.buf, str)
	out := make([]byte, len(k))
	copy(out, k)
	s.buf.Reset()
	return out
}

// SortStable sorts n items by the strings key(i) returns, keeping the
// original order of equal keys.
func (s *Sorter) SortStable(n int, key func(i int) string, swap func(i, j int)) {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = string(s.Key(key(i)))
	}
	sort.Stable(&byKey{keys: keys, swap: swap})
}

type byKey struct {
	keys []string
	swap func(i, j int)
}

func (b *byKey) Len() int           { return len(b.keys) }
func (b *byKey) Less(i, j int) bool { return b.keys[i] < b.keys[j] }
func (b *byKey) Swap(i, j int) {
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
	b.swap(i, j)
}

// Letter returns the letter group of a term: its first letter, upper case,
// without diacritics (Ä → A, ß → S). Terms that start with a digit or a
// symbol share the group "#".
func Letter(term string) string {
	for _, r := range norm.NFD.String(strings.TrimSpace(term)) {
		switch {
		case unicode.IsLetter(r):
			if r == 'ß' {
				return "S"
			}
			return strings.ToUpper(string(r))
		case unicode.IsDigit(r):
			return "#"
		case unicode.IsPunct(r) || unicode.IsSpace(r):
			continue
		default:
			return "#"
		}
	}
	return "#"
}
