package parse

import (
	"strings"

	"bookc/ast"

	"golang.org/x/net/html"
)

// HTML written in an entry is never passed through: no backend may emit
// markup an author (or an attacker) typed. The front end keeps what reads
// as text, maps a few formatting tags onto the tree (b/strong, i/em, code,
// br) and drops active content (script, style, iframe …) with its text.

// dropped lists elements whose content is not text for the reader.
var dropped = map[string]bool{
	"script": true, "style": true, "iframe": true, "object": true, "embed": true, "noscript": true,
	"template": true, "svg": true, "math": true, "textarea": true, "select": true, "head": true, "title": true,
}

// htmlBlock turns a raw HTML block into paragraphs of its text.
func (c *converter) htmlBlock(pos ast.Pos, raw string) []ast.Block {
	c.f.rawHTML(pos)
	var b strings.Builder
	skip := ""
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			text := strings.Join(strings.Fields(b.String()), " ")
			if text == "" {
				return nil
			}
			return []ast.Block{&ast.Para{Inlines: []ast.Inline{&ast.Text{Text: text}}}}
		case html.TextToken:
			if skip == "" {
				b.WriteString(html.UnescapeString(string(z.Text())))
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			if dropped[string(name)] && skip == "" {
				skip = string(name)
			}
			b.WriteByte(' ')
		case html.EndTagToken:
			name, _ := z.TagName()
			if string(name) == skip {
				skip = ""
			}
			b.WriteByte(' ')
		}
	}
}

// sanitizeInlines rewrites a run of inlines that holds raw HTML: formatting
// tags become Strong, Emph, Code and LineBreak nodes, dropped elements
// vanish with their content, every other tag vanishes and leaves its text.
func (c *converter) sanitizeInlines(pos ast.Pos, ins []ast.Inline) []ast.Inline {
	type frame struct {
		tag string
		out []ast.Inline
	}
	stack := []frame{{}}
	skip := ""
	top := func() *frame { return &stack[len(stack)-1] }
	closeTo := func(tag string) {
		for i := len(stack) - 1; i > 0; i-- {
			if stack[i].tag == tag {
				for len(stack) > i {
					f := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					top().out = append(top().out, wrap(f.tag, f.out)...)
				}
				return
			}
		}
	}
	for _, in := range ins {
		raw, ok := in.(*ast.RawInline)
		if !ok {
			if skip == "" {
				top().out = append(top().out, in)
			}
			continue
		}
		for _, t := range tags(raw.Text) {
			if t.name != "br" && t.name != "wbr" && !formatting(t.name) {
				c.f.rawHTML(pos)
			}
			switch {
			case skip != "":
				if t.end && t.name == skip {
					skip = ""
				}
			case dropped[t.name] && !t.end && !t.self:
				skip = t.name
			case t.name == "br" || t.name == "wbr":
				if t.name == "br" {
					top().out = append(top().out, &ast.LineBreak{})
				}
			case formatting(t.name) && t.end:
				closeTo(t.name)
			case formatting(t.name) && !t.self:
				stack = append(stack, frame{tag: t.name})
			case t.name == "img" && t.alt != "":
				top().out = appendText(top().out, t.alt)
			}
		}
	}
	for len(stack) > 1 {
		closeTo(top().tag)
	}
	return stack[0].out
}

func formatting(tag string) bool {
	switch tag {
	case "b", "strong", "i", "em", "code", "kbd", "samp", "tt":
		return true
	}
	return false
}

func wrap(tag string, ins []ast.Inline) []ast.Inline {
	switch tag {
	case "b", "strong":
		return []ast.Inline{&ast.Strong{Inlines: ins}}
	case "i", "em":
		return []ast.Inline{&ast.Emph{Inlines: ins}}
	}
	return []ast.Inline{&ast.Code{Text: ast.PlainText(ins)}}
}

type tag struct {
	name      string
	end, self bool
	alt       string
}

// tags reads the tags in a piece of inline HTML.
func tags(raw string) []tag {
	var out []tag
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.EndTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		t := tag{name: string(name), end: tt == html.EndTagToken, self: tt == html.SelfClosingTagToken}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			if string(k) == "alt" {
				t.alt = string(v)
			}
		}
		out = append(out, t)
	}
}
