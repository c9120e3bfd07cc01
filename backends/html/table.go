package html

import (
	"strconv"

	"bookc/ast"
)

var (
	alignClass = map[ast.Align]string{ast.AlignLeft: "al", ast.AlignCenter: "ac", ast.AlignRight: "ar"}
	alignStyle = map[ast.Align]string{ast.AlignLeft: "text-align:left", ast.AlignCenter: "text-align:center",
		ast.AlignRight: "text-align:right"}
)

// table writes a pipe table with its head in thead and each column's
// alignment as a class, or as a style on a page without the stylesheet.
func (r *Renderer) table(t *ast.Table) {
	if len(t.Head) == 0 && len(t.Rows) == 0 {
		return
	}
	w := &r.W
	if r.TableLabel != "" {
		r.tables++
		w.Raw(`<div class="table-scroll" role="region" tabindex="0"`)
		w.Attr("aria-label", r.TableLabel+" "+strconv.Itoa(r.tables))
		w.Raw(">")
	}
	w.Raw("<table")
	if r.Presentational {
		w.Attr("border", "1")
	}
	w.Raw(">")
	r.nl()
	if len(t.Head) > 0 {
		w.Raw("<thead>")
		r.nl()
		r.row(t, t.Head, "th")
		w.Raw("</thead>")
		r.nl()
	}
	if len(t.Rows) > 0 {
		w.Raw("<tbody>")
		r.nl()
		for _, row := range t.Rows {
			r.row(t, row, "td")
		}
		w.Raw("</tbody>")
		r.nl()
	}
	w.Raw("</table>")
	if r.TableLabel != "" {
		w.Raw("</div>")
	}
	r.nl()
}

func (r *Renderer) row(t *ast.Table, cells [][]ast.Inline, tag string) {
	w := &r.W
	w.Raw("<tr>")
	for i, c := range cells {
		w.Raw("<", tag)
		if tag == "th" {
			w.Attr("scope", "col")
		}
		if i < len(t.Align) {
			if r.Presentational && alignStyle[t.Align[i]] != "" {
				w.Attr("style", alignStyle[t.Align[i]])
			}
			r.class(alignClass[t.Align[i]])
		}
		w.Raw(">")
		r.Inlines(c)
		w.Raw("</", tag, ">")
	}
	w.Raw("</tr>")
	r.nl()
}

// figure writes an image standing alone with its alt text as the visible
// caption, as the PDF sets it. The caption is hidden from assistive
// technology, which reads the alt text already: it is not read twice. An
// image the output does not carry leaves its alt text.
func (r *Renderer) figure(img *ast.Image) {
	w := &r.W
	src, ok := r.imageSrc(img)
	if !ok {
		if img.Alt != "" {
			w.Raw("<p")
			r.class("image-missing")
			w.Raw(">")
			w.Text(img.Alt)
			w.Raw("</p>")
			r.nl()
		}
		return
	}
	w.Raw("<figure")
	r.class("figure")
	w.Raw(">")
	r.img(img, src, "")
	if img.Alt != "" {
		w.Raw(`<figcaption aria-hidden="true">`)
		w.Text(img.Alt)
		w.Raw("</figcaption>")
	}
	w.Raw("</figure>")
	r.nl()
}

// img writes an img element.
func (r *Renderer) img(img *ast.Image, src, class string) {
	w := &r.W
	w.Raw("<img")
	r.class(class)
	w.Attr("src", src)
	w.Attr("alt", img.Alt)
	if img.Title != "" {
		w.Attr("title", img.Title)
	}
	r.closeVoid()
}

// imageSrc asks the Image hook where img's file is.
func (r *Renderer) imageSrc(img *ast.Image) (string, bool) {
	if r.Image == nil {
		return "", false
	}
	return r.Image(img)
}
