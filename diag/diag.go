// Package diag holds positioned diagnostics: what every stage reports
// about the book, collected, sorted and printed as file:line:col: message.
package diag

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"bookc/ast"
)

// Severity ranks a diagnostic.
type Severity int

// The severities. A warning becomes an error under --strict.
const (
	Warning Severity = iota
	Error
)

// Diagnostic is one message about the book, at a position.
type Diagnostic struct {
	Pos      ast.Pos
	Severity Severity
	Msg      string
	Hint     string // optional, printed after the message
}

// String formats d as "file:line:col: error: message (hint)".
func (d Diagnostic) String() string {
	sev := "warning"
	if d.Severity == Error {
		sev = "error"
	}
	s := fmt.Sprintf("%s: %s: %s", d.Pos, sev, d.Msg)
	if d.Hint != "" {
		s += " (" + d.Hint + ")"
	}
	return s
}

// List is a collection of diagnostics.
type List []Diagnostic

// Warnf appends a warning.
func (l *List) Warnf(pos ast.Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Errorf appends an error.
func (l *List) Errorf(pos ast.Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Add appends diagnostics.
func (l *List) Add(ds ...Diagnostic) { *l = append(*l, ds...) }

// Sort orders the list by position, then severity and message, so output is
// stable whatever order the stages ran in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos != b.Pos {
			return a.Pos.Before(b.Pos)
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		return a.Msg < b.Msg
	})
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Strict returns a copy with every warning raised to an error.
func (l List) Strict() List {
	out := make(List, len(l))
	for i, d := range l {
		d.Severity = Error
		out[i] = d
	}
	return out
}

// Final returns the list as it is reported: warnings made errors when
// strict, sorted by position.
func (l List) Final(strict bool) List {
	if strict {
		l = l.Strict()
	}
	l.Sort()
	return l
}

// Print writes the list, one diagnostic a line.
func (l List) Print(w io.Writer) {
	for _, d := range l {
		fmt.Fprintln(w, d)
	}
}

// Error makes a List usable as an error.
func (l List) Error() string {
	if len(l) == 0 {
		return "no diagnostics"
	}
	if len(l) == 1 {
		return l[0].String()
	}
	return fmt.Sprintf("%s (and %d more)", l[0], len(l)-1)
}

// Quote quotes s for a message, shortened to its first line and at most
// 40 runes.
func Quote(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + "…"
	}
	if rs := []rune(s); len(rs) > 40 {
		s = string(rs[:40]) + "…"
	}
	return strconv.Quote(s)
}
