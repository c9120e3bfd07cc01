package link

import (
	"net/url"
	"strings"

	"bookc/ast"
	"bookc/diag"
)

// The one rule for addresses: a cross-reference (#Id) is internal and
// resolves to a target; an external link becomes a link only when it is a
// web, FTP or mail address; anything else (a relative file, javascript:,
// data:) is refused, warned about once at the link, and every backend
// sets the link's text alone.

// URL returns the address an external link may point to, with the bytes
// a URL may not hold percent-encoded, and false when it is refused.
func URL(raw string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "ftp":
		if u.Host == "" {
			return "", false
		}
	case "mailto":
		if u.Opaque == "" {
			return "", false
		}
	default:
		return "", false
	}
	return percentFix(u.String()), true
}

// percentFix percent-encodes the bytes that may not appear in a URL.
func percentFix(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// checkLinks warns at every external link that URL refuses.
func checkLinks(e *ast.Entry, ds *diag.List) {
	for _, n := range e.Nodes() {
		if l, ok := n.(*ast.Link); ok {
			if _, ok := URL(l.URL); !ok {
				ds.Warnf(l.Pos, "link %s is not a web or mail address; it is set as text", diag.Quote(l.URL))
			}
		}
	}
}
