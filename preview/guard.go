package preview

import (
	"crypto/rand"
	"encoding/base64"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// guard wraps the server's routes with the rules every request must pass
// before any of them sees it: only GET and HEAD, a Host header naming this
// machine when the server listens on loopback (a page elsewhere cannot
// reach it through a DNS name it controls), and a path that is clean in
// every spelling.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setCommonHeaders(w.Header())
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			plainError(w, http.StatusMethodNotAllowed, "only GET and HEAD are answered")
			return
		}
		if s.opts.Loopback && !loopbackHost(r.Host) {
			plainError(w, http.StatusForbidden, "this preview answers requests for localhost only")
			return
		}
		p, ok := cleanPath(r.URL)
		if !ok {
			plainError(w, http.StatusBadRequest, "bad path")
			return
		}
		r.URL.Path = p
		next.ServeHTTP(w, r)
	})
}

// setCommonHeaders sets what every answer carries: no caching (every
// answer may change with the next save), no content sniffing, no
// referrer, no framing by other sites.
func setCommonHeaders(h http.Header) {
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
}

// plainError answers with a short text message.
func plainError(w http.ResponseWriter, code int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'")
	w.WriteHeader(code)
	w.Write([]byte(msg + "\n"))
}

// cleanPath returns the request's path, decoded, when it is safe to map
// onto files: absolute, without "." or ".." segments, empty segments,
// backslashes, NUL or other control characters, and without an encoded
// slash. Both the path as sent and the decoded one are checked, so
// "/%2e%2e/x" and "/..%2fx" are refused like "/../x".
func cleanPath(u *url.URL) (string, bool) {
	raw := u.EscapedPath()
	if !strings.HasPrefix(raw, "/") {
		return "", false
	}
	low := strings.ToLower(raw)
	if strings.Contains(low, "%2f") || strings.Contains(low, "%5c") || strings.Contains(low, "%00") {
		return "", false
	}
	p, err := url.PathUnescape(raw)
	if err != nil || !safeSegments(raw) || !safeSegments(p) {
		return "", false
	}
	return p, true
}

// safeSegments reports whether every segment of the absolute path p is a
// plain name. A trailing slash (an empty last segment) is allowed.
func safeSegments(p string) bool {
	if strings.ContainsAny(p, "\\") {
		return false
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	segs := strings.Split(p[1:], "/")
	for i, seg := range segs {
		switch {
		case seg == "" && i == len(segs)-1:
		case seg == "", seg == ".", seg == "..":
			return false
		}
	}
	return true
}

// loopbackHost reports whether a Host header names this machine:
// localhost or a loopback address, with or without a port.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// newNonce returns a fresh value for a page's script nonce.
func newNonce() string {
	var b [18]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// pagePolicy is the Content-Security-Policy of a preview page: its own
// script only, through the nonce the page was served with; styles, images
// and fonts from the preview alone; the event stream as the only
// connection; no plugins, forms, base rewriting or framing. styleAttrs
// allows style attributes, which Anki cards use to align table cells.
func pagePolicy(nonce string, styleAttrs bool) string {
	style := "style-src 'self'; "
	if styleAttrs {
		style += "style-src-attr 'unsafe-inline'; "
	}
	return "default-src 'none'; script-src 'nonce-" + nonce + "'; " + style +
		"img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
		"form-action 'none'; frame-ancestors 'none'"
}

// filePolicy is the Content-Security-Policy of every other answer but the
// PDF: nothing in it may run (an SVG image could carry a script).
const filePolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"
