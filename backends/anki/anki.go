// Package anki writes the book's terms as a text file for Anki's importer
// (Anki 2.1.55 or later): one note per term, with a stable GUID so that a
// re-import updates the notes in place and keeps their review history.
//
// The file is tab-separated, UTF-8 without a byte order mark, and starts
// with Anki's header lines:
//
//	#separator:Tab
//	#html:true
//	#notetype:Basic
//	#deck:KI-Glossar
//	#guid column:4
//	#tags column:3
//
// Each row holds Front, Back, Tags and GUID. No #columns line is written:
// Anki maps named columns to fields by name, and the stock note types are
// named in the collection's language ("Vorderseite" in a German
// collection), so names would leave the Back field unmapped there. Without
// names Anki maps the columns that are not the GUID or tags column to the
// note type's fields in order, which works for every two-field note type.
package anki

import (
	"bytes"
	"errors"
	"strings"

	"bookc/ast"
	"bookc/backends/html"
	"bookc/book"
	"bookc/config"
	"bookc/diag"
	"bookc/link"
)

// The files the backend writes into the output folder: the cards, and the
// images they use in a folder of their own, which holds nothing else.
const (
	FileName = "cards.csv"
	MediaDir = "anki-media"
)

// mediaFile is an image the cards use, under the flat name they give it.
type mediaFile struct {
	Name string
	Data []byte
}

// output is what the backend produces: the CSV and the media it names.
type output struct {
	CSV   []byte
	Media []mediaFile
}

// The 1-based columns of a row, as the header announces them.
const (
	colFront = 1
	colBack  = 2
	colTags  = 3
	colGUID  = 4
	numCols  = 4
)

// options are the book's Anki settings with defaults filled in.
type options struct {
	bookID       string
	noteType     string
	deck         string
	tags         []string
	letterPrefix string
	seeAlso      bool
	seeAlsoLabel string
	lead         bool
	explanation  bool
	fields       []string
}

func optionsOf(cfg *config.Book) (options, error) {
	a := cfg.Anki
	o := options{
		bookID:       strings.TrimSpace(cfg.ID),
		noteType:     headerValue(a.NoteType),
		fields:       a.Fields,
		deck:         headerValue(a.Deck),
		tags:         a.Tags,
		letterPrefix: cfg.Labels().Letter,
		seeAlso:      a.SeeAlso == nil || *a.SeeAlso,
		seeAlsoLabel: cfg.Labels().SeeAlso,
	}
	if o.bookID == "" {
		o.bookID = strings.TrimSpace(cfg.Title)
	}
	if o.bookID == "" {
		return o, errors.New("the book needs a title or an id: card GUIDs are derived from it")
	}
	if o.noteType == "" {
		o.noteType = "Basic"
		if a.Reversed {
			o.noteType = "Basic (and reversed card)"
		}
	}
	if o.deck == "" {
		o.deck = headerValue(cfg.Title)
	}
	for _, part := range a.Back {
		o.lead = o.lead || part == "lead"
		o.explanation = o.explanation || part == "explanation"
	}
	if len(a.Back) == 0 {
		o.lead = true
	}
	return o, nil
}

// headerValue makes s fit on one header line: Anki reads the value up to
// the line end and does not trim it.
func headerValue(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s))
}

// Render writes one note per term, in book order. Problems with single
// images are warnings; the error is non-nil only when no file can be made.
func Render(b *book.Book) ([]book.File, diag.List, error) {
	out, ds, err := render(b.Doc, b.Links, b.Config)
	if err != nil {
		return nil, ds, err
	}
	files := []book.File{{Name: FileName, Data: out.CSV}}
	for _, m := range out.Media {
		files = append(files, book.File{Name: MediaDir + "/" + m.Name, Data: m.Data})
	}
	return files, ds, nil
}

func render(doc *ast.Document, links *link.Links, cfg *config.Book) (*output, diag.List, error) {
	if doc == nil || cfg == nil {
		return nil, nil, errors.New("anki: no book to render")
	}
	o, err := optionsOf(cfg)
	if err != nil {
		return nil, nil, err
	}
	var ds diag.List
	media := newMediaSet(links)
	r := newRenderer(links, media, &o)
	var buf bytes.Buffer
	buf.Grow(256 + 1024*len(doc.Entries))
	writeHeader(&buf, &o)
	guids := map[string]*ast.Entry{}
	for _, e := range doc.Entries {
		if !e.Term() {
			continue
		}
		front := html.EscapeText(html.Collapse(e.TitleText()))
		if front == "" {
			ds.Warnf(e.Pos, "term %q has an empty title; Anki would skip its card", e.ID())
			continue
		}
		guid := noteGUID(o.bookID, e.ID())
		if prev, ok := guids[guid]; ok {
			ds.Errorf(e.Pos, "term %q gets the same card GUID as the term at %s", e.ID(), prev.Pos)
			continue
		}
		guids[guid] = e
		back := r.back(e)
		if len(back) == 0 {
			ds.Warnf(e.Pos, "term %q has no text for its card's back", e.ID())
		}
		writeRow(&buf, front, back, noteTags(&o, e), guid)
	}
	return &output{CSV: buf.Bytes(), Media: media.files}, ds, nil
}
