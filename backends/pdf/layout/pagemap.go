package layout

// The page map: which source node each page of the main matter begins
// with. The EPUB places its page-break markers before those nodes, so
// that a reader following "S. 42" in a lecture finds the same text.

// start is where a node of an entry begins: the index of the first of
// the entry's items that sets it, and the node (*ast.Entry, *ast.Section
// or an ast.Block).
type start struct {
	item int
	node any
}

// mark records that node begins with the next item the entry pushes.
// Footnote bodies are set apart from the main flow and are not marked.
func (eb *entryBuilder) mark(node any) {
	if eb.inNote {
		return
	}
	eb.starts = append(eb.starts, start{item: len(eb.items), node: node})
}

// pageStarts returns, for each main-matter page, the first node whose
// first box lies on it, or nil when none begins there.
func (m *mainMatter) pageStarts(pages []pageOut) []any {
	type gstart struct {
		item int // galley index of the node's first box
		node any
	}
	n := 0
	for _, p := range m.parts {
		n += len(p.starts)
	}
	starts := make([]gstart, 0, n)
	off := 0
	for _, p := range m.parts {
		for _, s := range p.starts {
			k := s.item
			for k < len(p.items) && p.items[k].kind != kBox {
				k++
			}
			if k < len(p.items) {
				starts = append(starts, gstart{off + k, s.node})
			}
		}
		off += len(p.items)
	}
	out := make([]any, len(pages))
	j := 0
	for i, pg := range pages {
		if pg.blank {
			continue
		}
		for j < len(starts) && starts[j].item < pg.from {
			j++
		}
		if j < len(starts) && starts[j].item < pg.to {
			out[i] = starts[j].node
		}
	}
	return out
}
