package parse

import (
	"strings"

	"bookc/ast"
)

// splitSeeAlso moves the links of a see-also section into Refs. A
// paragraph or list that holds nothing but links and separators (| · , ;)
// becomes part of the list; anything else stays in the body.
func splitSeeAlso(s *ast.Section) {
	var body []ast.Block
	for _, b := range s.Body {
		if refs, ok := linkRun(b); ok {
			s.Refs = append(s.Refs, refs...)
			continue
		}
		body = append(body, b)
	}
	s.Body = body
}

func linkRun(b ast.Block) ([]ast.Inline, bool) {
	switch n := b.(type) {
	case *ast.Para:
		return linksOnly(n.Inlines)
	case *ast.List:
		var all []ast.Inline
		for _, it := range n.Items {
			for _, ib := range it {
				refs, ok := linkRun(ib)
				if !ok {
					return nil, false
				}
				all = append(all, refs...)
			}
		}
		return all, len(all) > 0
	}
	return nil, false
}

func linksOnly(ins []ast.Inline) ([]ast.Inline, bool) {
	var refs []ast.Inline
	for _, in := range ins {
		switch n := in.(type) {
		case *ast.Ref, *ast.Link:
			refs = append(refs, n)
		case *ast.Space, *ast.LineBreak:
		case *ast.Text:
			if strings.Trim(n.Text, " \t|·,;–-\u00a0") != "" {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return refs, len(refs) > 0
}
