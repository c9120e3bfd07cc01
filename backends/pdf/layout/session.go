package layout

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"

	"bookc/ast"
	"bookc/config"
	"bookc/fonts"
	"bookc/link"
)

// A watch session lays the book out after every save, and most saves
// change one entry. A Session keeps, from one layout to the next, what
// setting each entry produced, so that an entry whose inputs are all as
// they were is not set again. The result is the one a clean layout
// gives: an entry is taken over only when setting it afresh in the
// first run would produce what was kept, and from then on the runs go
// as they would from scratch.
//
// What an entry's setting reads is its own tree (the parse cache hands
// out the same *ast.Entry for an unchanged file), the ids in it (which
// generated ids of duplicate titles change without the file changing),
// what its references and images resolve to, its bookmarks (which
// depend on the chapters and letters before it), whether it is the
// first entry, and the texts of the page labels it prints. The rest is
// global: the configuration, the fonts, and the numbering of referenced
// targets; when any of it changes, nothing is kept.

// Session keeps entries' layouts between the layouts of a watch
// session. Its zero value is ready to use; a layout holds it for its
// whole duration, so layouts that share one run one after the other.
type Session struct {
	mu      sync.Mutex
	global  string   // the configuration the entries were set under
	faces   [][]byte // the fonts' data, face by face
	refIDs  []string // the referenced targets, numbered in this order
	entries map[*ast.Entry]*keptEntry
	pages   pageReuse // the main pages drawn
	// Reused counts the entries the last layout took over as they were
	// in its first run, for tests and figures.
	Reused int
}

// keptEntry is an entry's layout as the last layout left it, with the
// fingerprint of the inputs it was set from.
type keptEntry struct {
	sig   string
	cache *entryCache
}

// globalSig fingerprints the configuration: any change of book.yaml
// drops the session.
func globalSig(cfg *config.Book) string {
	c := *cfg
	c.Line = nil
	b, err := json.Marshal(&c)
	if err != nil {
		return ""
	}
	return string(b)
}

// sameFaces reports whether the fonts are those the session's entries
// were set with.
func (s *Session) sameFaces(faces []*fonts.Face) bool {
	if len(faces) != len(s.faces) {
		return false
	}
	for i, f := range faces {
		if !bytes.Equal(f.Data(), s.faces[i]) {
			return false
		}
	}
	return true
}

// start takes over, for main matter m, the kept caches of entries whose
// fingerprints match, and drops the rest. It returns, by entry, whether
// its cache was taken over; the first run then uses only what was set
// with the very page labels and reference sites it has itself (see
// entryCache.fitsExactly).
func (s *Session) start(m *mainMatter) []bool {
	e := m.e
	global := globalSig(e.cfg)
	if global == "" || global != s.global || !s.sameFaces(e.faces) || !slices.Equal(s.refIDs, m.refIDs) {
		s.entries, s.pages.prev = nil, nil
	}
	s.Reused = 0
	taken := make([]bool, len(m.sigs))
	for i, en := range m.doc.Entries {
		k := s.entries[en]
		if k == nil || k.sig != m.sigs[i] {
			continue
		}
		// An entry appears once in a book; should it appear twice, the
		// second sets itself afresh.
		delete(s.entries, en)
		k.cache.fresh()
		m.caches[i], taken[i] = k.cache, true
	}
	s.global, s.refIDs = global, m.refIDs
	s.faces = s.faces[:0]
	for _, f := range e.faces {
		s.faces = append(s.faces, f.Data())
	}
	return taken
}

// keep stores the entries' caches of a finished layout for the next.
// Only a layout whose last run agrees with the labels and sites it
// ended with leaves outputs the next can trust; after one that stopped
// at the cap nothing is kept.
func (s *Session) keep(m *mainMatter) {
	s.entries = nil
	s.pages.next()
	if !m.settled {
		s.pages.prev = nil
		return
	}
	s.entries = make(map[*ast.Entry]*keptEntry, len(m.sigs))
	for i, en := range m.doc.Entries {
		s.entries[en] = &keptEntry{sig: m.sigs[i], cache: m.caches[i]}
	}
	s.Reused = int(m.took.Load())
}

// fresh puts a kept cache's reference sites in the state a first run
// starts from: every page printed, no decision changed yet. The
// paragraphs' caches see the change themselves.
func (c *entryCache) fresh() {
	for _, st := range c.sites {
		st.omit, st.dirty, st.flips, st.page = false, false, 0, ""
	}
}

// entrySigs fingerprints every entry's inputs other than its tree and
// the global ones: its place, ids, bookmarks, and what its references
// and images resolve to. An entry with nothing to fingerprint gets "".
func entrySigs(e *engine, doc *ast.Document, outl [][]outlineMark) []string {
	sigs := make([]string, len(doc.Entries))
	inParts(len(doc.Entries), max(1, min(4, len(doc.Entries)/64)), func(_, lo, hi int) {
		var b strings.Builder
		for i := lo; i < hi; i++ {
			b.Reset()
			entrySig(&b, e.links, doc.Entries[i], i == 0, outl[i])
			sigs[i] = b.String()
		}
	})
	return sigs
}

// entrySig writes entry en's fingerprint to b.
func entrySig(b *strings.Builder, links *link.Links, en *ast.Entry, first bool, outl []outlineMark) {
	if first {
		b.WriteString("first\x00")
	}
	for _, o := range outl {
		b.WriteString(strconv.Itoa(o.level))
		b.WriteString(o.title)
		b.WriteByte(0)
	}
	b.WriteString(en.ID())
	b.WriteByte(0)
	for _, n := range en.Nodes() {
		switch x := n.(type) {
		case *ast.Section:
			b.WriteByte('s')
			b.WriteString(x.Attr.ID)
			b.WriteByte(0)
		case *ast.Heading:
			b.WriteByte('h')
			b.WriteString(x.Attr.ID)
			b.WriteByte(0)
		case *ast.Ref:
			t := links.Ref(x)
			if t == nil {
				b.WriteString("r-\x00")
				break
			}
			b.WriteByte('r')
			b.WriteString(t.ID)
			b.WriteByte(0)
			b.WriteByte(byte('0' + t.Kind))
			if t.Entry != nil {
				b.WriteByte('e')
			}
		case *ast.Image:
			a := links.Image(x)
			if a == nil {
				b.WriteString("i-\x00")
				break
			}
			sum := sha256.Sum256(a.Data)
			b.WriteString("i" + a.Format + strconv.Itoa(a.Width) + "x" + strconv.Itoa(a.Height))
			b.Write(sum[:])
		}
	}
}
