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
	dense              int32 // offset of the node's row in trie.dense, or -1
}

// denseMin is the number of children from which a node also gets a dense
// transition row, indexed directly by symbol.
const denseMin = 6

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
	latin [256]uint8 // symbols of U+0000..U+00FF
	other map[rune]uint8
	root  [256]int32
	nodes []node
	edges []edge
	vals  []val
	dense []int32 // rows of len(alphabet)+1 child indices, -1 for none
}

// symbol maps a lower-case rune to its alphabet index, or noSymbol.
func (t *trie) symbol(r rune) uint8 {
	if r >= 0 && r < 256 {
		return t.latin[r]
	}
	return t.other[r]
}

// child follows the edge labelled sym out of node n; it returns -1 when
// there is none.
func (t *trie) child(n int32, sym uint8) int32 {
	nd := &t.nodes[n]
	if nd.dense >= 0 {
		return t.dense[int(nd.dense)+int(sym)]
	}
	for _, e := range t.edges[nd.edgeStart:nd.edgeEnd] {
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
	next     map[uint64]int32
	links    []link
	values   [][]val
}

// link is a trie edge recorded during construction.
type link struct {
	parent int32
	e      edge
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
		key := uint64(n)<<8 | uint64(s)
		child, ok := b.next[key]
		if !ok {
			child = int32(len(b.values))
			b.next[key] = child
			b.links = append(b.links, link{parent: n, e: edge{sym: s, child: child}})
			b.values = append(b.values, nil)
		}
		n = child
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
		if r >= 0 && r < 256 {
			t.latin[r] = s
		} else {
			t.other[r] = s
		}
	}
	slices.SortFunc(b.links, func(x, y link) int {
		if x.parent != y.parent {
			return int(x.parent - y.parent)
		}
		return int(x.e.sym) - int(y.e.sym)
	})
	t.edges = make([]edge, len(b.links))
	t.nodes = make([]node, len(b.values))
	for i := range t.root {
		t.root[i] = -1
	}
	li := 0
	for i := range t.nodes {
		nd := &t.nodes[i]
		nd.edgeStart = int32(li)
		for li < len(b.links) && b.links[li].parent == int32(i) {
			t.edges[li] = b.links[li].e
			if i == 0 {
				t.root[b.links[li].e.sym] = b.links[li].e.child
			}
			li++
		}
		nd.edgeEnd = int32(li)
		nd.valStart = int32(len(t.vals))
		t.vals = append(t.vals, b.values[i]...)
		nd.valEnd = int32(len(t.vals))
		nd.dense = t.denseRow(t.edges[nd.edgeStart:nd.edgeEnd], len(b.alphabet)+1)
	}
	return t
}

// denseRow adds a direct transition row for a node with many edges and
// returns its offset, or -1 for a node with few edges.
func (t *trie) denseRow(es []edge, width int) int32 {
	if len(es) < denseMin {
		return -1
	}
	off := len(t.dense)
	for range width {
		t.dense = append(t.dense, -1)
	}
	for _, e := range es {
		t.dense[off+int(e.sym)] = e.child
	}
	return int32(off)
}

// newBuilder returns an empty builder with just the root node.
func newBuilder() *builder {
	return &builder{
		alphabet: map[rune]uint8{},
		next:     map[uint64]int32{},
		values:   [][]val{nil},
	}
}
