package draw

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"bookc/backends/pdf/page"
)

// checkLang accepts the shape of a BCP 47 tag: letters, digits and
// hyphens, the first subtag alphabetic. /Lang is written without
// escaping, so nothing else may pass.
func checkLang(lang string) error {
	if lang == "" {
		return nil
	}
	for i, sub := range strings.Split(lang, "-") {
		if len(sub) == 0 || len(sub) > 8 {
			return fmt.Errorf("pdf: language %q is not a BCP 47 tag", lang)
		}
		for _, c := range []byte(sub) {
			letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if !letter && (i == 0 || c < '0' || c > '9') {
				return fmt.Errorf("pdf: language %q is not a BCP 47 tag", lang)
			}
		}
	}
	return nil
}

// checkOutline makes sure the outline tree can be built: each item
// hangs under the last one of the level above, so items must come in
// page order, start at level 0 and descend one level at a time.
func checkOutline(doc *page.Doc) error {
	prevPage, prevLevel := 0, -1
	for i, o := range doc.Outline {
		switch {
		case o.Page < 0 || o.Page >= len(doc.Pages):
			return fmt.Errorf("pdf: outline item %d %q points to page index %d of %d",
				i, o.Title, o.Page, len(doc.Pages))
		case o.Page < prevPage:
			return fmt.Errorf("pdf: outline item %d %q (page index %d) comes after an item on page index %d",
				i, o.Title, o.Page, prevPage)
		case o.Level < 0 || o.Level > prevLevel+1:
			return fmt.Errorf("pdf: outline item %d %q has level %d after level %d",
				i, o.Title, o.Level, prevLevel)
		}
		prevPage, prevLevel = o.Page, o.Level
	}
	return nil
}

// needsCare reports whether s may contain invalid UTF-8 or runes beyond
// the Basic Multilingual Plane, which the ToUnicode maps do not cover.
func needsCare(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || n == 4 {
			return true
		}
		i += n
	}
	return false
}

// sanitize replaces invalid UTF-8 and runes beyond U+FFFF by U+FFFD.
func sanitize(s string) string {
	if !needsCare(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r > 0xFFFF {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// safeURI percent-encodes everything in u that may not stand in a URI as
// written to the PDF: non-ASCII bytes, controls and spaces.
func safeURI(u string) string {
	clean := true
	for i := 0; i < len(u); i++ {
		if c := u[i]; c <= ' ' || c >= 0x7F {
			clean = false
			break
		}
	}
	if clean {
		return u
	}
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		if c := u[i]; c <= ' ' || c >= 0x7F {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}
