package layout

import (
	"slices"
	"strings"
	"unicode"

	"bookc/ast"
	"bookc/backends/pdf/linebreak"
)

// Page references follow the word a reference belongs to, never a part
// of it: "[Transformer](#t)-Architektur" is set "Transformer-Architektur
// (→ S. 38)". A reference directly followed by a parenthesis puts its
// page into that parenthesis ("BERT (2018; → S. 3)"), one at the end of
// a parenthesis puts it before the closing bracket ("(vgl. BERT, → S.
// 3)"), and several references ending at the same word share one
// parenthesis ("(→ S. 3, 7)"). A reference to the page it stands on
// prints no page at all: which page that is, the previous layout run
// tells, through the reference's site.

// refSite is one reference in the text whose target's page is printed:
// where the last run put it decides whether the page is printed.
type refSite struct {
	target labelRef
	page   string // the label of the page the site was on in the last run
	omit   bool   // the target is on the site's own page: print no page
	dirty  bool   // omit changed for this run
	flips  uint8  // how often omit changed; it settles after two
}

// pendRef is a page label waiting for the end of the word its
// reference belongs to: it goes in before run at.
type pendRef struct {
	at   int
	ref  labelRef
	id   string
	dest string
	site *refSite
}

// site returns the reference site of n in the entry, made on first use.
func (eb *entryBuilder) site(n *ast.Ref, id string) *refSite {
	if eb.cache.sites == nil {
		eb.cache.sites = map[*ast.Ref]*refSite{}
	}
	s := eb.cache.sites[n]
	if s == nil {
		s = &refSite{target: eb.e.refs[id]}
		eb.cache.sites[n] = s
	}
	return s
}

// wordEnd finds where the word that continues at run i, offset 0, ends:
// the first space, closing punctuation, hard break or footnote mark. It
// returns the run and byte offset, and the rune found there (0 at the
// end of the paragraph).
func (r *runs) wordEnd(i int) (int, int, rune) { return r.wordEndAt(i, 0) }

// suspended extends a word that ends at run j, offset o, with a
// suspended hyphen ("Transformer- und RNN-Modelle") to the end of the
// compound it shares its tail with.
func (r *runs) suspended(j, o int) (int, int) {
	if j >= len(r.list) || o == 0 || r.list[j].Text[o-1] != '-' {
		return j, o
	}
	rest := r.list[j].Text[o:]
	for _, conj := range []string{" und ", " oder ", " bis ", " bzw. ", " sowie ", " and ", " or "} {
		if strings.HasPrefix(rest, conj) {
			k, p, _ := r.wordEndAt(j, o+len(conj))
			return k, p
		}
	}
	return j, o
}

// wordEndAt is wordEnd from byte o of run i.
func (r *runs) wordEndAt(i, o int) (int, int, rune) {
	for j := i; j < len(r.list); j, o = j+1, 0 {
		run := &r.list[j]
		if run.HardBreak || r.meta[run.Payload].note != nil {
			return j, 0, ' '
		}
		for k, c := range run.Text[o:] {
			if unicode.IsSpace(c) || strings.ContainsRune(",;:.!?)]}…", c) {
				return j, o + k, c
			}
		}
	}
	return len(r.list), 0, 0
}

// closing finds the bracket that closes a parenthesis opening at run j,
// offset o (or after spaces from there); ok is false if none opens there
// or none closes it.
func (r *runs) closing(j, o int) (int, int, bool) {
	depth := 0
	for ; j < len(r.list); j, o = j+1, 0 {
		run := &r.list[j]
		if run.HardBreak {
			return 0, 0, false
		}
		for k, c := range run.Text[o:] {
			switch {
			case depth == 0 && c == ' ':
			case depth == 0 && c != '(':
				return 0, 0, false
			case c == '(':
				depth++
			case c == ')':
				depth--
				if depth == 0 {
					return j, o + k, true
				}
			}
		}
	}
	return 0, 0, false
}

// insertion is a place the page labels of some references go.
type insertion struct {
	j, o int    // before byte o of run j
	lead string // what opens the insertion: " (→ ", "; → " or ", → "
	tail string // what closes it
	refs []pendRef
}

// placeRefs puts the page labels of the paragraph's references after
// their words.
func (r *runs) placeRefs() {
	if len(r.pend) == 0 {
		return
	}
	arrow := "→\u00a0" + r.eb.e.lab.Page + "\u00a0"
	var ins []insertion
	for _, p := range r.pend {
		if p.site != nil && p.site.omit {
			continue
		}
		j, o, c := r.wordEnd(p.at)
		if c == ' ' {
			j, o = r.suspended(j, o)
		}
		at := insertion{j: j, o: o, lead: " (" + arrow, tail: ")"}
		switch {
		case c == ')':
			at.lead, at.tail = ", "+arrow, ""
		case c == ' ' || c == 0:
			if cj, co, ok := r.closing(j, o); ok && c != 0 {
				at = insertion{j: cj, o: co, lead: "; " + arrow}
			}
		}
		if n := len(ins); n > 0 && ins[n-1].j == at.j && ins[n-1].o == at.o {
			ins[n-1].refs = append(ins[n-1].refs, p)
			continue
		}
		at.refs = []pendRef{p}
		ins = append(ins, at)
	}
	r.pend = r.pend[:0]
	if len(ins) > 0 {
		r.splice(ins)
	}
}

// splice builds the run list anew with the insertions in place, in the
// storage of the list before, which the old list's then keeps.
func (r *runs) splice(ins []insertion) {
	old := r.list
	r.list = slices.Grow(r.spare[:0], len(old)+4*len(ins))
	defer func() { r.spare = old[:0] }()
	k := 0
	for j := 0; j <= len(old); j++ {
		rest := linebreak.Run{}
		if j < len(old) {
			rest = old[j]
		}
		for k < len(ins) && ins[k].j == j {
			if o := ins[k].o; o > 0 {
				head := rest
				head.Text, rest.Text = rest.Text[:o], rest.Text[o:]
				r.list = append(r.list, head)
				for m := k + 1; m < len(ins) && ins[m].j == j; m++ {
					ins[m].o -= o
				}
			}
			r.emit(ins[k])
			k++
		}
		if j < len(old) && (rest.Text != "" || rest.HardBreak) {
			r.list = append(r.list, rest)
		}
	}
}

// emit appends the runs of one insertion: its opening text, the labels
// of its references, distinct and comma-separated, and its close.
func (r *runs) emit(in insertion) {
	st := styleID(vRegular, r.c.text)
	first := in.refs[0]
	r.list = append(r.list, linebreak.Run{Text: in.lead, Style: st, Payload: r.metaOf(runMeta{dest: first.dest})})
	seen := map[string]bool{}
	for _, p := range in.refs {
		if seen[p.id] {
			continue
		}
		if len(seen) > 0 {
			r.list = append(r.list, linebreak.Run{Text: ", ", Style: st, Payload: r.metaOf(runMeta{dest: p.dest})})
		}
		seen[p.id] = true
		m := runMeta{dest: p.dest}
		label := r.eb.e.pageOf(p.id)
		if p.ref != 0 {
			r.dyns = append(r.dyns, p.ref)
			m.dyn, label = p.ref, r.eb.e.label(p.ref)
		}
		r.list = append(r.list, linebreak.Run{Text: label, Style: st, NoHyphenate: true, Payload: r.metaOf(m)})
	}
	if in.tail != "" {
		r.list = append(r.list, linebreak.Run{Text: in.tail, Style: st, Payload: r.metaOf(runMeta{dest: first.dest})})
	}
}

// metaOf returns the payload of a run carrying m.
func (r *runs) metaOf(m runMeta) int {
	r.meta = append(r.meta, m)
	return len(r.meta) - 1
}

// siteSig is the part of a paragraph's cache key that the references'
// sites decide: which of them print no page.
func siteSig(sites []*refSite) string {
	if len(sites) == 0 {
		return ""
	}
	b := make([]byte, 0, len(sites)+1)
	b = append(b, '|')
	for _, s := range sites {
		if s.omit {
			b = append(b, '1')
		} else {
			b = append(b, '0')
		}
	}
	return string(b)
}

// locateSites records on which page each reference site of the main
// matter now stands.
func locateSites(pages []pageOut) {
	for i, pg := range pages {
		l := ""
		for _, pl := range pg.items {
			if pl.it.box == nil {
				continue
			}
			for _, s := range pl.it.box.rare().sites {
				if l == "" {
					l = itoa(i + 1)
				}
				s.page = l
			}
		}
	}
}

// updateSites decides for every site whether its page is printed, now
// that the run found the pages of sites and targets; it reports whether
// any decision changed. A site whose decision changed twice keeps its
// page printed, so that the runs settle.
func (m *mainMatter) updateSites(found map[string]string) bool {
	changed := false
	for _, c := range m.caches {
		for _, s := range c.sites {
			s.dirty = false
			if s.target == 0 {
				continue
			}
			l, ok := found[m.refIDs[s.target-1]]
			omit := ok && s.page != "" && s.page == l && s.flips < 2
			if omit != s.omit {
				s.omit, s.dirty, changed = omit, true, true
				s.flips++
			}
		}
	}
	return changed
}

// sitesDirty reports whether some site of an entry changed its decision
// for this run.
func (c *entryCache) sitesDirty() bool {
	for _, s := range c.sites {
		if s.dirty {
			return true
		}
	}
	return false
}

// itoa formats a small page number.
func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for n >= 10 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	i--
	b[i] = byte('0' + n)
	return string(b[i:])
}
