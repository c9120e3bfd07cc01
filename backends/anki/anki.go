// Package anki writes the book's terms as Anki flashcards, in two forms
// that carry the same notes under the same GUIDs:
//
//   - cards.csv, a text file for Anki's importer (Anki 2.1.55 or later);
//   - cards.apkg, a package with its own note type, deck and images that a
//     double-click imports into Anki 2.1.50 or later.
//
// A note's GUID comes from the book's id and the entry's id, never from
// its text, so a re-import updates the note in place and keeps its
// review history. A small state file in the book's folder (State) records
// each note's content hash and modification time: the time moves forward
// only when the content changes, which is what Anki's package importer
// needs to update exactly the changed notes, and two builds of the same
// sources stay byte-identical.
package anki

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"

	"bookc/ast"
	"bookc/backends/html"
	"bookc/book"
	"bookc/config"
	"bookc/diag"
	"bookc/link"
)

// The files the backend writes into the output folder: the cards as CSV
// and as a package, and the images the CSV uses in a folder of their own,
// which holds nothing else.
const (
	FileName    = "cards.csv"
	PackageName = "cards.apkg"
	MediaDir    = "anki-media"
)

// MediaFile is an image the cards use, under the flat name they give it.
type MediaFile struct {
	Name string
	Data []byte
}

// Output is what the backend produces: the CSV, the package, the media
// the CSV names, and the state file to keep in the book's folder.
type Output struct {
	CSV   []byte
	APKG  []byte
	Media []MediaFile
	// State is the new content of the state file at StatePath; it equals
	// the old content when no note changed.
	State     []byte
	StatePath string
}

// options are the book's Anki settings with defaults filled in.
type options struct {
	bookID       string
	title        string
	noteType     string // the CSV's #notetype, empty for the stock type
	deck         string
	tags         []string
	words        words
	seeAlso      bool
	seeAlsoLabel string
	lead         bool
	explanation  bool
	reversed     bool
	fields       []string
	// mediaHash maps a media name to a hash of its bytes.
	mediaHash map[string]string
	lang      string // the book's language tag, for the cards' lang attribute
	// stateName is the state file as diagnostics name it.
	stateName string
}

func optionsOf(cfg *config.Book, ds *diag.List) (options, error) {
	a := cfg.Anki
	o := options{
		bookID:       strings.TrimSpace(cfg.ID),
		title:        headerValue(cfg.Title),
		noteType:     headerValue(a.NoteType),
		fields:       a.Fields,
		tags:         a.Tags,
		words:        wordsFor(cfg.Language),
		seeAlso:      a.SeeAlso == nil || *a.SeeAlso,
		seeAlsoLabel: cfg.Labels().SeeAlso,
		reversed:     a.Reversed,
		lang:         cfg.Language,
	}
	if o.lang == "" {
		o.lang = "de"
	}
	if o.bookID == "" {
		o.bookID = strings.TrimSpace(cfg.Title)
		if o.bookID != "" {
			ds.Warnf(cfg.Pos("title"), "the book has no `id:`; the Anki GUIDs, note type and deck ids come from the title %q, so a new title makes every card a new note (add `id: %s` to keep them)", o.bookID, suggestID(o.bookID))
		}
	}
	if o.bookID == "" {
		return o, errors.New("the book needs a title or an id: card GUIDs are derived from it")
	}
	if o.title == "" {
		o.title = o.bookID
	}
	deck, err := deckName(a.Deck, cfg.Title)
	if err != nil {
		ds.Errorf(cfg.Pos("anki"), "anki.deck: %v", err)
		return o, err
	}
	o.deck = deck
	if given := strings.TrimSpace(a.Deck); given != "" && given != deck {
		ds.Warnf(cfg.Pos("anki"), "anki.deck %q: Anki names the deck %q (control characters go, spaces and colons around \"::\" are trimmed)", given, deck)
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

// suggestID turns a title into an id the warning can propose.
func suggestID(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// deckName normalizes the deck's name as Anki does (components split at
// "::", control characters dropped, white space and colons trimmed) and
// refuses what Anki would turn into another name.
func deckName(deck, title string) (string, error) {
	if strings.TrimSpace(deck) == "" {
		deck = title
	}
	parts := strings.Split(deck, "::")
	for i, p := range parts {
		p = strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f {
				return -1
			}
			return r
		}, p)
		p = strings.Trim(p, " \t\u00a0:")
		if p == "" {
			return "", errors.New("a part of the deck name " + strconv.Quote(deck) + " is empty; Anki would call it \"blank\"")
		}
		parts[i] = p
	}
	name := strings.Join(parts, "::")
	if _, err := strconv.ParseInt(name, 10, 64); err == nil {
		return "", errors.New("the deck name " + strconv.Quote(name) + " is a number; Anki's text importer takes it for a deck id")
	}
	return name, nil
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

// Render writes the cards of the book, with the modification times the
// state file in the book's folder gives; the new state file comes back
// among the files, with its Path.
func Render(b *book.Book) ([]book.File, diag.List, error) {
	prev, ds := ReadState(b.Config)
	if ds.HasErrors() {
		return nil, ds, nil
	}
	out, rds, err := RenderState(b.Doc, b.Links, b.Config, prev)
	ds = append(ds, rds...)
	if err != nil {
		return nil, ds, err
	}
	files := []book.File{{Name: FileName, Data: out.CSV}, {Name: PackageName, Data: out.APKG}}
	for _, m := range out.Media {
		files = append(files, book.File{Name: MediaDir + "/" + m.Name, Data: m.Data})
	}
	if out.StatePath != "" {
		files = append(files, book.File{Name: filepath.Base(out.StatePath), Data: out.State, Path: out.StatePath})
	}
	return files, ds, nil
}

// render renders the book without a state file: every note gets the
// book's date as its modification time.
func render(doc *ast.Document, links *link.Links, cfg *config.Book) (*Output, diag.List, error) {
	return RenderState(doc, links, cfg, nil)
}

// RenderState writes one note per term, in book order, with the
// modification times that prev (the state file's last content, or nil)
// and the notes' content give. Problems with single terms or images are
// diagnostics; the error is non-nil only when no file can be made.
func RenderState(doc *ast.Document, links *link.Links, cfg *config.Book, prev *State) (*Output, diag.List, error) {
	if doc == nil || cfg == nil {
		return nil, nil, errors.New("anki: no book to render")
	}
	var ds diag.List
	o, err := optionsOf(cfg, &ds)
	if err != nil {
		return nil, ds, err
	}
	media := newMediaSet(links, o.bookID)
	notes := collectNotes(doc, links, media, &o, &ds)
	o.mediaHash = media.hashes()
	o.stateName = stateName(cfg)
	st := prev.next(&o, cfg, notes, &ds)
	st.NoteType = prev.noteType(noteTypeHash(&o), st.now)
	notes = append(notes, st.removedNotes(&o)...)
	out := &Output{Media: media.files, StatePath: StatePath(cfg)}
	out.CSV = writeCSV(&o, notes)
	out.APKG, err = writePackage(&o, cfg, st, notes, media.files)
	if err != nil {
		return nil, ds, err
	}
	out.State = st.encode()
	return out, ds, nil
}

// collectNotes makes the notes of the book's terms.
func collectNotes(doc *ast.Document, links *link.Links, media *mediaSet, o *options, ds *diag.List) []*note {
	r := newRenderer(links, media, o)
	guids := map[string]*ast.Entry{}
	var notes []*note
	for _, e := range doc.Entries {
		if !e.Term() {
			continue
		}
		front := front(e)
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
		media.used = media.used[:0]
		back := string(r.back(e))
		if strings.TrimSpace(back) == "" {
			ds.Warnf(e.Pos, "term %q has no text for its card's back", e.ID())
			back = "<p>" + html.EscapeText(o.words.noBack) + "</p>"
		}
		notes = append(notes, &note{
			entryID: e.ID(), guid: guid, title: html.Collapse(e.TitleText()), front: front, back: back,
			tags: noteTags(o, e), media: append([]string(nil), media.used...),
		})
	}
	return notes
}

// note is one term's note as both outputs carry it.
type note struct {
	entryID string
	guid    string
	title   string // plain text
	front   string // HTML
	back    string // HTML
	notice  string // HTML line shown on both sides; set on removed terms
	tags    []string
	media   []string // flat names of the images the note uses
	removed bool
	// nid and mod come from the state: the note's id and modification time.
	nid int64
	mod int64
}
