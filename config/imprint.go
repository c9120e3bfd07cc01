package config

import (
	"regexp"
	"strings"

	"bookc/ast"
	"bookc/diag"

	"golang.org/x/text/language"
)

// conformsRE is the form of an EPUB Accessibility 1.1 conformance claim
// (section 2.1 of the specification): the EPUB Accessibility version and
// the WCAG version and level met.
var conformsRE = regexp.MustCompile(`^EPUB Accessibility 1\.1 - WCAG 2\.[012] Level A{1,2}$`)

// checkPublishing validates the ISBNs and the accessibility claim.
func (b *Book) checkPublishing(ds *diag.List, pos func(int) ast.Pos) {
	for _, isbn := range []struct {
		key string
		loc *Located
	}{{"isbn.print", &b.ISBN.Print}, {"isbn.ebook", &b.ISBN.EBook}} {
		if isbn.loc.Value == "" {
			continue
		}
		if _, ok := NormalISBN(isbn.loc.Value); !ok {
			ds.Errorf(pos(lineOr(isbn.loc.Line, b.Line["isbn"])), "%s: %q is not a valid ISBN (13 digits, or 10, with a matching check digit)", isbn.key, isbn.loc.Value)
		}
	}
	a := b.EPUB.Accessibility
	if c := a.ConformsTo; c.Value != "" && !conformsRE.MatchString(c.Value) {
		ds.Errorf(pos(lineOr(c.Line, b.Line["epub"])), "epub.accessibility.conforms-to: %q is not a conformance claim; write e.g. \"EPUB Accessibility 1.1 - WCAG 2.1 Level AA\"", c.Value)
	}
	if a.ConformsTo.Value == "" && (a.CertifiedBy != "" || a.Credential != "" || a.Report != "") {
		ds.Warnf(pos(b.Line["epub"]), "epub.accessibility: a certifier is given but no conforms-to claim; the certifier is left out")
	}
}

func lineOr(line, def int) int {
	if line > 0 {
		return line
	}
	return def
}

// NormalISBN returns the ISBN without hyphens and spaces, and whether its
// check digit is right. An ISBN-10 may end in X.
func NormalISBN(s string) (string, bool) {
	d := strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return -1
		}
		return r
	}, strings.TrimPrefix(strings.TrimSpace(s), "ISBN "))
	switch len(d) {
	case 13:
		sum := 0
		for i := 0; i < 13; i++ {
			c := d[i]
			if c < '0' || c > '9' {
				return d, false
			}
			w := 1
			if i%2 == 1 {
				w = 3
			}
			sum += w * int(c-'0')
		}
		return d, sum%10 == 0
	case 10:
		sum := 0
		for i := 0; i < 10; i++ {
			c := d[i]
			v := int(c - '0')
			switch {
			case c == 'X' && i == 9:
				v = 10
			case c < '0' || c > '9':
				return d, false
			}
			sum += (10 - i) * v
		}
		return d, sum%11 == 0
	}
	return d, false
}

// LanguageTag checks a language tag written in the book (book.yaml's
// language, a {lang=..} attribute) and returns it in canonical BCP 47
// form, "de-AT" for "de_at". It reports false for a tag that is not well
// formed or names a language BCP 47 does not know.
func LanguageTag(s string) (string, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if s == "" {
		return "", false
	}
	t, err := language.Parse(s)
	if err != nil {
		return "", false
	}
	return t.String(), true
}

// HasImprint reports whether book.yaml gives what an imprint page shows:
// a publisher, rights or an ISBN.
func (b *Book) HasImprint() bool {
	return strings.TrimSpace(b.Publisher) != "" || strings.TrimSpace(b.Rights) != "" ||
		b.ISBN.Print.Value != "" || b.ISBN.EBook.Value != ""
}

// ImprintLines are the lines of the imprint page, the same in the PDF and
// the EPUB: title and subtitle, authors, edition, rights, publisher and
// the ISBNs of both editions, each named.
func (b *Book) ImprintLines() []string {
	if !b.HasImprint() {
		return nil
	}
	l := b.Labels()
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	title := b.Title
	if s := strings.TrimSpace(b.Subtitle); s != "" {
		title += ". " + s
	}
	add(title)
	add(strings.Join(b.AuthorList(), ", "))
	add(b.Edition)
	add(b.Rights)
	add(b.Publisher)
	if v := b.ISBN.Print.Value; v != "" {
		add("ISBN " + v + " (" + l.Edition + ")")
	}
	if v := b.ISBN.EBook.Value; v != "" {
		add("ISBN " + v + " (" + l.EBook + ")")
	}
	return out
}
