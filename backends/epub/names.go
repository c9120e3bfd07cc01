package epub

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// translit spells the German special letters the way German writes them
// without umlauts, so ids and file names stay readable in ASCII.
var translit = map[rune]string{
	'ä': "ae", 'ö': "oe", 'ü': "ue", 'Ä': "Ae", 'Ö': "Oe", 'Ü': "Ue",
	'ß': "ss", 'ẞ': "SS", 'æ': "ae", 'Æ': "Ae", 'ø': "o", 'Ø': "O",
	'œ': "oe", 'Œ': "Oe", 'ł': "l", 'Ł': "L", 'đ': "d", 'Đ': "D", 'þ': "th",
}

// greek spells Greek letters, common in formulas and terms, by name.
var greek = map[rune]string{
	'α': "alpha", 'β': "beta", 'γ': "gamma", 'δ': "delta", 'ε': "epsilon", 'ζ': "zeta", 'η': "eta",
	'θ': "theta", 'ι': "iota", 'κ': "kappa", 'λ': "lambda", 'μ': "mu", 'ν': "nu", 'ξ': "xi",
	'ο': "omicron", 'π': "pi", 'ρ': "rho", 'σ': "sigma", 'ς': "sigma", 'τ': "tau", 'υ': "upsilon",
	'φ': "phi", 'χ': "chi", 'ψ': "psi", 'ω': "omega",
}

// fold rewrites s in ASCII: German and Greek letters transliterated,
// accents dropped, other letters and digits as their code point (u65e5),
// and every rune keep rejects replaced by sep. Runs of sep collapse into
// one.
func fold(s string, keep func(r rune) bool, sep byte) string {
	var b strings.Builder
	b.Grow(len(s))
	put := func(r rune) {
		if keep(r) {
			b.WriteRune(r)
		} else if n := b.Len(); n > 0 && b.String()[n-1] != sep {
			b.WriteByte(sep)
		}
	}
	puts := func(t string) {
		for _, c := range t {
			put(c)
		}
	}
	for _, r := range s {
		switch {
		case r < 0x80:
			put(r)
		case translit[r] != "":
			puts(translit[r])
		case greek[unicode.ToLower(r)] != "":
			g := greek[unicode.ToLower(r)]
			if unicode.IsUpper(r) {
				g = strings.ToUpper(g[:1]) + g[1:]
			}
			puts(g)
		default:
			puts(foldRune(r))
		}
	}
	return strings.Trim(b.String(), string(sep))
}

// foldRune returns the ASCII letters of r's decomposition (é gives e), or
// uXXXX for a letter or digit without any, or a space.
func foldRune(r rune) string {
	var ascii []byte
	for _, d := range norm.NFD.String(string(r)) {
		if d < 0x80 {
			ascii = append(ascii, byte(d))
		}
	}
	switch {
	case len(ascii) > 0:
		return string(ascii)
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return fmt.Sprintf("u%04x", r)
	}
	return " "
}

func isFileRune(r rune) bool { return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' }

func isAnchorRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
		r == '-' || r == '_' || r == '.'
}

// maxBase bounds a file name's stem; some readers and zip tools choke on
// very long names.
const maxBase = 60

// fileBase makes a lower-case ASCII file stem from an id:
// "Überanpassung" becomes "ueberanpassung".
func fileBase(id string) string {
	s := fold(strings.ToLower(id), isFileRune, '-')
	if len(s) > maxBase {
		s = strings.TrimRight(s[:maxBase], "-")
	}
	if s == "" {
		return "kapitel"
	}
	return s
}

// validAnchor reports whether id can serve as an XHTML id and URL fragment
// unchanged: an ASCII letter, then letters, digits, '-', '_' and '.'.
func validAnchor(id string) bool {
	if id == "" || !(id[0] >= 'a' && id[0] <= 'z' || id[0] >= 'A' && id[0] <= 'Z') {
		return false
	}
	for _, r := range id {
		if !isAnchorRune(r) {
			return false
		}
	}
	return true
}

// anchorBase maps an id that validAnchor rejects to one it accepts.
func anchorBase(id string) string {
	s := fold(id, isAnchorRune, '-')
	if !validAnchor(s) {
		s = "id-" + s
	}
	return strings.TrimRight(s, "-")
}

// namer hands out names that are unique within one namespace, adding -2,
// -3, … to a name already taken.
type namer struct{ taken map[string]bool }

func newNamer(reserved ...string) *namer {
	n := &namer{taken: map[string]bool{}}
	for _, r := range reserved {
		n.taken[r] = true
	}
	return n
}

// unique returns base, or base-N for the smallest free N ≥ 2, and takes it.
func (n *namer) unique(base string) string {
	name := base
	for i := 2; n.taken[name]; i++ {
		name = base + "-" + strconv.Itoa(i)
	}
	n.taken[name] = true
	return name
}

// anchors maps the book's ids to XHTML ids. Ids that are already valid
// keep their spelling; the others are transliterated, so every document
// and every href use the same mapping.
type anchors struct {
	byID  map[string]string
	names *namer
}

func newAnchors(ids []string) *anchors {
	a := &anchors{byID: map[string]string{}, names: newNamer()}
	for _, id := range ids {
		if validAnchor(id) && !a.names.taken[id] {
			a.byID[id] = id
			a.names.taken[id] = true
		}
	}
	for _, id := range ids {
		if _, ok := a.byID[id]; !ok {
			a.byID[id] = a.names.unique(anchorBase(id))
		}
	}
	return a
}

// of returns the XHTML id for a book id.
func (a *anchors) of(id string) string {
	if s, ok := a.byID[id]; ok {
		return s
	}
	s := a.names.unique(anchorBase(id))
	a.byID[id] = s
	return s
}
