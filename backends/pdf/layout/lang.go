package layout

import (
	"bookc/ast"
	"bookc/backends/pdf/hyph"
	"bookc/backends/pdf/linebreak"
	"bookc/config"
)

// Passages in another language ([Hidden Size]{lang=en}, an entry or a
// section with lang=en) are hyphenated with that language's patterns.

// noHyphen finds no hyphenation points: text in a language bookc has no
// patterns for is not hyphenated with the wrong ones.
type noHyphen struct{}

func (noHyphen) Points(string) []int { return nil }

// langHyph returns the hyphenator for text in language lang: nil for the
// book's own language (the paragraph builder's then serves), noHyphen
// for a language without patterns.
func (e *engine) langHyph(lang string) linebreak.Hyphenator {
	if lang == "" || config.BaseLanguage(lang) == config.BaseLanguage(e.cfg.Language) {
		return nil
	}
	if h := patterns(lang); h != nil {
		return h
	}
	return noHyphen{}
}

// patterns returns the shipped patterns for lang, or nil.
func patterns(lang string) *hyph.Hyphenator { return hyph.Named(config.Hyphenation(lang)) }

// span sets a passage, hyphenated in its own language and tagged with it
// when it has one.
func (r *runs) span(n *ast.Span, m runMeta) {
	lang := n.Attr.Lang()
	if lang == "" {
		r.inlines(n.Inlines, m)
		return
	}
	saved := r.hy
	r.hy = r.eb.e.langHyph(lang)
	m.lang = lang
	r.inlines(n.Inlines, m)
	r.hy = saved
}
