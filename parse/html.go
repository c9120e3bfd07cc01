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

// htmlRun is a run of inlines followed by one tag as written in the
// source. Tags live only here, between goldmark's tree and the sanitiser:
// the tree has no node for raw HTML.
type htmlRun struct {
	ins []ast.Inline
	tag string // "" for the last run
}

// htmlBlock turns a raw HTML block into a paragraph: its text, with the
// formatting tags the inline sanitiser understands.
func (c *converter) htmlBlock(pos ast.Pos, raw string) []ast.Block {
	c.f.rawHTML(pos)
	var runs []htmlRun
	var ins []ast.Inline
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			ins = trimSpaces(c.sanitizeInlines(pos, append(runs, htmlRun{ins: ins})))
			if len(ins) == 0 {
				return nil
			}
			return []ast.Block{&ast.Para{Inlines: ins}}
		case html.TextToken:
			text := collapse(html.UnescapeString(string(z.Text())))
			if text != "" {
				ins = append(ins, &ast.Text{Text: text})
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if block[string(name)] {
				ins = append(ins, &ast.Text{Text: " "})
			}
			runs = append(runs, htmlRun{ins: ins, tag: string(z.Raw())})
			ins = nil
		}
	}
}

// block lists tags that separate words where they stand.
var block = map[string]bool{"p": true, "div": true, "br": true, "li": true, "td": true, "th": true, "tr": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "section": true, "blockquote": true}

// collapse turns every run of white space into one space.
func collapse(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// trimSpaces merges neighbouring texts, collapses the spaces tags left
// behind and trims both ends of the run.
func trimSpaces(ins []ast.Inline) []ast.Inline {
	var out []ast.Inline
	for _, in := range ins {
		if t, ok := in.(*ast.Text); ok {
			out = appendText(out, t.Text)
		} else {
			out = append(out, in)
		}
	}
	for _, in := range out {
		if t, ok := in.(*ast.Text); ok {
			t.Text = collapse(t.Text)
		}
	}
	if len(out) > 0 {
		if t, ok := out[0].(*ast.Text); ok {
			t.Text = strings.TrimLeft(t.Text, " ")
		}
		if t, ok := out[len(out)-1].(*ast.Text); ok {
			t.Text = strings.TrimRight(t.Text, " ")
		}
	}
	return out
}

// sanitizeInlines rewrites inlines interleaved with raw HTML tags:
// formatting tags become Strong, Emph, Code and LineBreak nodes, dropped
// elements vanish with their content, every other tag vanishes and leaves
// its text.
func (c *converter) sanitizeInlines(pos ast.Pos, runs []htmlRun) []ast.Inline {
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
	for _, run := range runs {
		if skip == "" {
			top().out = append(top().out, run.ins...)
		}
		for _, t := range tags(run.tag) {
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
	case "b", "strong", "i", "em", "code", "kbd", "samp", "tt", "sup", "sub":
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
	case "sup", "sub":
		return scripted(tag, ins)
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

const (
	plainChars = "0123456789+-=()n"
	supChars   = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ"
	subChars   = "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₙ"
)

// scripted writes the text of a <sup> or <sub> element with Unicode
// superscript or subscript characters where they exist ("10<sup>9</sup>"
// reads "10⁹"); other characters keep their form.
func scripted(tag string, ins []ast.Inline) []ast.Inline {
	table := []rune(supChars)
	if tag == "sub" {
		table = []rune(subChars)
	}
	text := []rune(ast.PlainText(ins))
	for i, r := range text {
		if j := strings.IndexRune(plainChars, r); j >= 0 {
			text[i] = table[j]
		}
	}
	return []ast.Inline{&ast.Text{Text: string(text)}}
}
