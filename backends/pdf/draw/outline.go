package draw

import (
	"strconv"

	"bookc/backends/pdf/page"
)

// outlineNode is a bookmark with the objects around it.
type outlineNode struct {
	num                int
	parent, prev, next int
	first, last, kids  int
}

// writeOutline writes the bookmarks as an outline tree, every item
// open (so each /Count is the number of all descendants), and returns
// the number of its root object, 0 if there are no bookmarks.
func (w *writer) writeOutline(out *file, pageObjs []int) int {
	items := w.doc.Outline
	if len(items) == 0 {
		return 0
	}
	root := out.alloc()
	nodes, top := linkOutline(w.doc.Outline, root, out.allocN(len(items)))
	out.object(root, "<</Type /Outlines /First "+ref(nodes[top[0]].num)+" /Last "+
		ref(nodes[top[len(top)-1]].num)+" /Count "+strconv.Itoa(len(items))+">>")
	// The destinations' heights are in hundredths of a point, as they
	// always were.
	height := milli(w.doc.Height)
	var b []byte
	for i, o := range items {
		n := &nodes[i]
		b = append(b[:0], "<</Title "...)
		b = appendText(b, o.Title)
		b = append(b, " /Parent "...)
		b = appendRef(b, n.parent)
		for _, e := range [...]struct {
			key string
			num int
		}{{" /Prev ", n.prev}, {" /Next ", n.next}, {" /First ", n.first}, {" /Last ", n.last}} {
			if e.num != 0 {
				b = append(b, e.key...)
				b = appendRef(b, e.num)
			}
		}
		if n.kids > 0 {
			b = append(b, " /Count "...)
			b = strconv.AppendInt(b, int64(n.kids), 10)
		}
		b = append(b, " /Dest ["...)
		b = appendRef(b, pageObjs[o.Page])
		b = append(b, " /XYZ 0 "...)
		b = appendFixed(b, (height-milli(o.Y)+5)/10, 2)
		b = append(b, " null]>>"...)
		out.objectBytes(n.num, b)
	}
	return root
}

// linkOutline links the bookmarks, numbered from first, into a tree
// under root and returns them with the indices of the top-level ones.
// The items are in reading order and their levels descend one at a time
// (checkOutline).
func linkOutline(items []page.OutlineItem, root, first int) ([]outlineNode, []int) {
	nodes := make([]outlineNode, len(items))
	var top []int                 // top-level items
	stack := []int{}              // open ancestors by level, as item indices
	lastAt := map[int]int{-1: -1} // the last item seen under each parent index
	for i, o := range items {
		nodes[i].num = first + i
		stack = stack[:o.Level]
		parent := -1
		if o.Level > 0 {
			parent = stack[o.Level-1]
		}
		stack = append(stack, i)
		if prev, ok := lastAt[parent]; ok && prev >= 0 {
			nodes[prev].next = nodes[i].num
			nodes[i].prev = nodes[prev].num
		}
		lastAt[parent] = i
		lastAt[i] = -1
		if parent < 0 {
			nodes[i].parent = root
			top = append(top, i)
			continue
		}
		p := &nodes[parent]
		nodes[i].parent = p.num
		if p.first == 0 {
			p.first = nodes[i].num
		}
		p.last = nodes[i].num
		for _, a := range stack[:o.Level] {
			nodes[a].kids++
		}
	}
	return nodes, top
}
