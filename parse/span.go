package parse

import (
	"bytes"

	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Bracketed spans, pandoc's [text]{lang=en}: goldmark leaves the brackets
// of a label that is no link as text, so a transformer finds a "]"
// directly followed by an attribute block in the source, pairs it with
// its "[", and moves what lies between into a span node.

// kindSpan is the goldmark node kind of a bracketed span.
var kindSpan = gast.NewNodeKind("BracketedSpan")

// spanNode is a bracketed span in goldmark's tree; its attributes are
// the node's attributes.
type spanNode struct{ gast.BaseInline }

func (n *spanNode) Kind() gast.NodeKind { return kindSpan }

func (n *spanNode) Dump(src []byte, level int) { gast.DumpHelper(n, src, level, nil, nil) }

// spanTransformer turns bracketed spans into span nodes.
type spanTransformer struct{}

func (spanTransformer) Transform(doc *gast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte("]{")) {
		return
	}
	var parents []gast.Node
	gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if _, code := n.(*gast.CodeSpan); code {
			return gast.WalkSkipChildren, nil
		}
		if entering && n.HasChildren() {
			if _, ok := n.FirstChild().(*gast.Text); ok || hasText(n) {
				parents = append(parents, n)
			}
		}
		return gast.WalkContinue, nil
	})
	for _, p := range parents {
		spansIn(p, src)
	}
}

func hasText(n gast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*gast.Text); ok {
			return true
		}
	}
	return false
}

// bracket is an open "[" waiting for its "]": the text node and the
// source offset it is at.
type bracket struct {
	t   *gast.Text
	off int
}

// spansIn finds the bracketed spans among parent's children, innermost
// first as their closing brackets come.
func spansIn(parent gast.Node, src []byte) {
	var open []bracket
	for ch := parent.FirstChild(); ch != nil; ch = ch.NextSibling() {
		t, ok := ch.(*gast.Text)
		if !ok {
			continue
		}
	scan:
		for i := t.Segment.Start; i < t.Segment.Stop; i++ {
			if escaped(src, i) {
				continue
			}
			switch src[i] {
			case '[':
				open = append(open, bracket{t, i})
			case ']':
				if len(open) == 0 {
					continue
				}
				o := open[len(open)-1]
				open = open[:len(open)-1]
				if i+1 >= len(src) || src[i+1] != '{' {
					continue
				}
				attrs, end, ok := readAttrs(src, i+1)
				if !ok || !onlyText(t, end) {
					continue
				}
				span := makeSpan(parent, o, t, i, end)
				for _, a := range attrs {
					span.SetAttribute(a.Name, a.Value)
				}
				// Go on after the span, in the text that follows it.
				if next, ok := span.NextSibling().(*gast.Text); ok {
					t, i = next, next.Segment.Start-1
					ch = next
					continue
				}
				ch = span
				break scan
			}
		}
	}
}

// escaped reports whether the byte at i follows an odd number of
// backslashes.
func escaped(src []byte, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && src[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// readAttrs reads the attribute block starting at src[at] == '{' and
// returns its attributes and the offset just after it. The block must
// end on its line.
func readAttrs(src []byte, at int) (parser.Attributes, int, bool) {
	line := src[at:]
	if k := bytes.IndexByte(line, '\n'); k >= 0 {
		line = line[:k]
	}
	r := text.NewReader(line)
	attrs, ok := parser.ParseAttributes(r)
	if !ok {
		return nil, 0, false
	}
	_, seg := r.Position()
	return attrs, at + seg.Start, true
}

// onlyText reports whether the source from t's text up to end is covered
// by text nodes (and the typographer's quotes), so that the attribute
// block can be cut out of the tree.
func onlyText(t *gast.Text, end int) bool {
	for n := gast.Node(t); n != nil; n = n.NextSibling() {
		switch x := n.(type) {
		case *gast.Text:
			if x.Segment.Stop >= end {
				return true
			}
		case *gast.String:
		default:
			return false
		}
	}
	return false
}

// makeSpan moves the nodes between the "[" at o and the "]" at close
// (in text node t) into a new span node and removes the attribute block
// that ends at end.
func makeSpan(parent gast.Node, o bracket, t *gast.Text, close, end int) *spanNode {
	span := &spanNode{}
	// Cut at "]" first: when both brackets are in one text node, the
	// part before "]" still holds the "[".
	last := splitText(parent, t, close, close+1)    // the text after "]"
	first := splitText(parent, o.t, o.off, o.off+1) // the text after "["
	parent.InsertBefore(parent, first, span)
	for n := first; n != nil && n != last; {
		next := n.NextSibling()
		parent.RemoveChild(parent, n)
		if tx, ok := n.(*gast.Text); !ok || tx.Segment.Len() > 0 || tx.SoftLineBreak() || tx.HardLineBreak() {
			span.AppendChild(span, n)
		}
		n = next
	}
	cutAttrs(parent, last, end)
	return span
}

// splitText cuts the bytes [from, to) out of text node t: the part
// before stays in t, the part after becomes a new node right after it,
// which is returned. Line-break flags stay with the last part.
func splitText(parent gast.Node, t *gast.Text, from, to int) gast.Node {
	after := gast.NewTextSegment(text.NewSegment(to, t.Segment.Stop))
	after.SetSoftLineBreak(t.SoftLineBreak())
	after.SetHardLineBreak(t.HardLineBreak())
	after.SetRaw(t.IsRaw())
	t.Segment = text.NewSegment(t.Segment.Start, from)
	t.SetSoftLineBreak(false)
	t.SetHardLineBreak(false)
	parent.InsertAfter(parent, t, after)
	return after
}

// cutAttrs removes the source up to end from the nodes starting at n.
func cutAttrs(parent gast.Node, n gast.Node, end int) {
	for n != nil {
		next := n.NextSibling()
		switch x := n.(type) {
		case *gast.Text:
			if x.Segment.Stop > end || x.Segment.Stop == end && (x.SoftLineBreak() || x.HardLineBreak()) {
				x.Segment = text.NewSegment(max(end, x.Segment.Start), x.Segment.Stop)
				return
			}
			parent.RemoveChild(parent, x)
			if x.Segment.Stop >= end {
				return
			}
		default:
			parent.RemoveChild(parent, n)
		}
		n = next
	}
}
