package draw

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// The content streams are written here, not by fpdf, so they need the
// names under which fpdf lists fonts and images in the page resources.
// fpdf derives them from hashes and keeps them to itself; a template
// (which is never placed, so it does not reach the output) shares the
// document's fonts and images and writes the names into its own content,
// where they are read back. Fonts in a template also share the list of
// runes fpdf puts into each font's subset, which is how the runes drawn
// are made known.

// fontAlias is the short resource name under which the content streams
// use face i; finish renames fpdf's resource names, forty hex digits
// long, to these.
func fontAlias(i int) string { return "/F" + strconv.Itoa(i+1) }

// fontResource returns the resource name, "/F…", of the font registered
// as family.
func (w *writer) fontResource(family string) (string, error) {
	var err error
	tpl := w.pdf.CreateTemplate(func(t *fpdf.Tpl) {
		t.SetFont(family, "", 10)
		err = t.Error()
	})
	if err != nil {
		return "", fmt.Errorf("pdf: font %s: %w", family, err)
	}
	b := tpl.Bytes()
	end := bytes.LastIndex(b, []byte(" Tf ET"))
	start := bytes.LastIndex(b[:max(0, end)], []byte("BT /F"))
	if end < 0 || start < 0 {
		return "", fmt.Errorf("%w: no font selection for %s in %q", errLayout, family, b)
	}
	name, _, _ := strings.Cut(string(b[start+len("BT "):end]), " ")
	return checkResource(name, "/F")
}

// imageResource returns the resource name, "/I…", of the image
// registered as name.
func (w *writer) imageResource(name, tp string) (string, error) {
	var err error
	tpl := w.pdf.CreateTemplate(func(t *fpdf.Tpl) {
		t.ImageOptions(name, 0, 0, 1, 1, false, fpdf.ImageOptions{ImageType: tp}, 0, "")
		err = t.Error()
	})
	if err != nil {
		return "", fmt.Errorf("pdf: image %s: %w", name, err)
	}
	b := tpl.Bytes()
	end := bytes.LastIndex(b, []byte(" Do Q"))
	start := bytes.LastIndex(b[:max(0, end)], []byte(" /I"))
	if end < 0 || start < 0 {
		return "", fmt.Errorf("%w: no image %s in %q", errLayout, name, b)
	}
	return checkResource(string(b[start+1:end]), "/I")
}

// checkResource makes sure a name read back from fpdf is a plain PDF
// name with the expected prefix.
func checkResource(name, prefix string) (string, error) {
	ok := strings.HasPrefix(name, prefix) && len(name) > len(prefix)
	for _, c := range []byte(name[1:]) {
		ok = ok && (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')
	}
	if !ok {
		return "", fmt.Errorf("%w: resource name %q", errLayout, name)
	}
	return name, nil
}

// registerRunes tells fpdf which runes of each face were drawn, so that
// its subsets include their glyphs and widths. (fpdf lists U+0000 to
// U+0038 as used from the start, but with a value that its subsetter
// skips; they must be registered like all others.)
func (w *writer) registerRunes() error {
	var err error
	w.pdf.CreateTemplate(func(t *fpdf.Tpl) {
		for i := range w.doc.Faces {
			s := w.used[i].text()
			if s == "" {
				continue
			}
			t.SetFont(w.names[i].family, "", 10)
			t.Text(0, 0, s)
		}
		err = t.Error()
	})
	if err != nil {
		return fmt.Errorf("pdf: registering the runes drawn: %w", err)
	}
	return nil
}

// renameFontResources renames the fonts in the resource dictionary fpdf
// shares between all pages (object 2, "/F<id> N 0 R" on a line each)
// from fpdf's names to the aliases the content streams use.
func (f *pdfFile) renameFontResources(names []string) error {
	alias := make(map[string]string, len(names))
	for i, n := range names {
		alias[n] = fontAlias(i)
	}
	for i := range f.objects {
		o := &f.objects[i]
		if o.num != 2 || !bytes.HasPrefix(f.body(o), []byte("<<\n/ProcSet ")) {
			continue
		}
		var b []byte
		for line := range bytes.Lines(f.content(o)) {
			name, rest, _ := bytes.Cut(line, []byte(" "))
			if a, ok := alias[string(name)]; ok {
				delete(alias, string(name))
				b = append(append(append(b, a...), ' '), rest...)
			} else {
				b = append(b, line...)
			}
		}
		if len(alias) > 0 {
			break
		}
		o.repl = b
		return nil
	}
	return fmt.Errorf("%w: resource dictionary lacks %d of the fonts", errLayout, len(alias))
}
