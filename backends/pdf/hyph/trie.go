package hyph

import (
	"errors"
	"slices"
)

// noSymbol marks a rune that does not occur in any pattern; no trie edge
// carries it, so matching stops there.
const noSymbol = 0

// node is one state of the pattern trie. Its outgoing edges are
// edges[edgeStart:edgeEnd], sorted by symbol; the values of the pattern
// ending here are vals[valStart:valEnd].
type node struct {
	edgeStart, edgeEnd int32
	valStart, valEnd   int32
}

// edge is a labelled trie transition.
type edge struct {
	sym   uint8
	child int32
}

// val is one non-zero inter-letter value of a pattern, at offset off from
// the position where the pattern starts matching.
type val struct {
	off, v uint8
}

// trie is a compact, read-only Liang pattern trie over a small alphabet.
type trie struct {
	ascii [128]uint8
	other map[rune]uint8
	root  [256]int32
	nodes []node
	edges []edge
	vals  []val
}

// symbol maps a lower-case rune to its alphabet index, or noSymbol.
func (t *trie) symbol(r rune) uint8 {
	if r < 128 {
		return t.ascii[r]
	}
	return t.other[r]
}

// child follows the edge labelled sym out of node n; it returns -1 when
// there is none.
func (t *trie) child(n int32, sym uint8) int32 {
	nd := &t.nodes[n]
	es := t.edges[nd.edgeStart:nd.edgeEnd]
	if len(es) > 8 {
		lo, hi := 0, len(es)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if es[m].sym < sym {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo < len(es) && es[lo].sym == sym {
			return es[lo].child
		}
		return -1
	}
	for _, e := range es {
		if e.sym == sym {
			return e.child
		}
		if e.sym > sym {
			break
		}
	}
	return -1
}

// builder accumulates patterns before they are frozen into a trie.
type builder struct {
	alphabet map[rune]uint8
	children []map[uint8]int32
	values   [][]val
}

// add inserts one pattern, assigning alphabet symbols as needed.
func (b *builder) add(p pattern) error {
	n := int32(0)
	for _, r := range p.letters {
		s, ok := b.alphabet[r]
		if !ok {
			if len(b.alphabet) >= 255 {
				return errors.New("hyph: more than 255 distinct pattern letters")
			}
			s = uint8(len(b.alphabet) + 1)
			b.alphabet[r] = s
		}
		next, ok := b.children[n][s]
		if !ok {
			next = int32(len(b.children))
			b.children[n][s] = next
			b.children = append(b.children, map[uint8]int32{})
			b.values = append(b.values, nil)
		}
		n = next
	}
	var vs []val
	for i, v := range p.values {
		if v != 0 {
			vs = append(vs, val{off: uint8(i), v: v})
		}
	}
	b.values[n] = vs
	return nil
}

// freeze converts the builder into the compact trie layout.
func (b *builder) freeze() *trie {
	t := &trie{other: map[rune]uint8{}}
	for r, s := range b.alphabet {
		if r < 128 {
			t.ascii[r] = s
		} else {
			t.other[r] = s
		}
	}
	t.nodes = make([]node, len(b.children))
	for i, kids := range b.children {
		nd := &t.nodes[i]
		nd.edgeStart = int32(len(t.edges))
		syms := make([]uint8, 0, len(kids))
		for s := range kids {
			syms = append(syms, s)
		}
		slices.Sort(syms)
		for _, s := range syms {
			t.edges = append(t.edges, edge{sym: s, child: kids[s]})
		}
		nd.edgeEnd = int32(len(t.edges))
		nd.valStart = int32(len(t.vals))
		t.vals = append(t.vals, b.values[i]...)
		nd.valEnd = int32(len(t.vals))
	}
	for s := range t.root {
		t.root[s] = -1
	}
	for s, c := range b.children[0] {
		t.root[s] = c
	}
	return t
}

// newBuilder returns an empty builder with just the root node.
func newBuilder() *builder {
	return &builder{
		alphabet: map[rune]uint8{},
		children: []map[uint8]int32{{}},
		values:   [][]val{nil},
	}
}
