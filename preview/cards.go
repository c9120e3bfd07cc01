package preview

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"bookc/backends/anki"
	"bookc/book"
)

// cardSet is the Anki backend's CSV read back the way Anki's text
// importer reads it (rslib/src/import_export/text/csv/metadata.rs): the
// header lines, then one note per record, the columns the header does
// not claim for the deck, the GUID, the tags or the note type being the
// note's fields in order.
type cardSet struct {
	noteType string
	deck     string
	tags     string // added to every note
	notes    []note
	media    map[string][]byte
}

// note is one imported note: its first two fields, its deck and tags.
type note struct {
	front, back, deck, tags string
}

// cardSet renders the site's book as Anki cards once.
func (st *site) cardSet() (*cardSet, error) {
	st.cardsOnce.Do(func() {
		b := st.book
		files, ds, err := anki.Render(b)
		if err == nil && ds.HasErrors() {
			err = ds
		}
		if err != nil {
			st.cardsErr = err
			return
		}
		st.cards, st.cardsErr = readCards(files)
	})
	return st.cards, st.cardsErr
}

// readCards parses the CSV: header lines start with '#' before the first
// record; records are tab-separated with RFC 4180 quoting.
func readCards(files []book.File) (*cardSet, error) {
	cs := &cardSet{media: map[string][]byte{}}
	var data []byte
	for _, f := range files {
		if f.Name == anki.FileName {
			data = f.Data
		} else if name, ok := strings.CutPrefix(f.Name, anki.MediaDir+"/"); ok {
			cs.media[name] = f.Data
		}
	}
	special := map[int]string{} // 0-based column → what it holds
	for bytes.HasPrefix(data, []byte("#")) {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		key, val, _ := strings.Cut(strings.TrimSuffix(string(line[1:]), "\r"), ":")
		switch key {
		case "notetype":
			cs.noteType = val
		case "deck":
			cs.deck = val
		case "tags":
			cs.tags = val
		case "deck column", "guid column", "tags column", "notetype column":
			if n, err := strconv.Atoi(val); err == nil && n > 0 {
				special[n-1] = strings.TrimSuffix(key, " column")
			}
		}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = '\t'
	r.FieldsPerRecord = -1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading the cards back: %w", err)
		}
		cs.notes = append(cs.notes, noteOf(rec, special, cs))
	}
	return cs, nil
}

// noteOf maps one record's columns as the header says.
func noteOf(rec []string, special map[int]string, cs *cardSet) note {
	n := note{deck: cs.deck, tags: cs.tags}
	var fields []string
	for i, v := range rec {
		switch special[i] {
		case "deck":
			n.deck = v
		case "tags":
			n.tags = strings.TrimSpace(n.tags + " " + v)
		case "guid", "notetype":
		default:
			fields = append(fields, v)
		}
	}
	if len(fields) > 0 {
		n.front = fields[0]
	}
	if len(fields) > 1 {
		n.back = fields[1]
	}
	return n
}

// cardsPage shows every card as Anki's stock Basic note type shows it:
// the front, and the back as the front, a rule and the answer (a reverse
// card is a record of its own). The media the cards name are served
// beside the page.
func (s *Server) cardsPage(w http.ResponseWriter, r *http.Request) {
	st := s.current()
	if st == nil {
		s.waiting(w, r)
		return
	}
	cs, err := st.cardSet()
	if err != nil {
		plainError(w, http.StatusInternalServerError, err.Error())
		return
	}
	if name := strings.TrimPrefix(r.URL.Path, cardsPrefix); name != "" {
		data, ok := cs.media[name]
		if !ok {
			s.notFound(w, r, st)
			return
		}
		serveBytes(w, r, http.DetectContentType(data), data, filePolicy)
		return
	}
	s.servePage(w, r, http.StatusOK, st, "Anki: "+cs.deck, cs.html(), true)
}

// html renders the card previews. The fields are the backend's HTML,
// shown as Anki shows them; the page's policy lets no script in them run.
func (cs *cardSet) html() string {
	var b strings.Builder
	b.WriteString(`<main class="bookc-cards"><h1>Anki</h1>` + "\n<p>")
	b.WriteString(strconv.Itoa(len(cs.notes)) + " cards, note type <b>" + escape(cs.noteType) + "</b>. ")
	b.WriteString(`Import <a href="` + outPrefix + `cards.apkg">cards.apkg</a> or <a href="` + outPrefix +
		`cards.csv">cards.csv</a> with Anki's File › Import.</p>` + "\n")
	for i, n := range cs.notes {
		fmt.Fprintf(&b, `<article class="bookc-note" id="card-%d">`, i+1)
		card(&b, "Card "+strconv.Itoa(i+1), n.front, n.back)
		if meta := strings.TrimSpace(n.deck + " · " + n.tags); meta != "·" {
			b.WriteString(`<p class="bookc-tags">` + escape(strings.Trim(meta, " ·")) + "</p>")
		}
		b.WriteString("</article>\n")
	}
	b.WriteString("</main>")
	return b.String()
}

// card writes one card's question and answer sides.
func card(b *strings.Builder, label, question, answer string) {
	b.WriteString(`<div class="bookc-card"><div class="bookc-side"><span class="bookc-label">` + label + `</span>` +
		`<div class="card">` + question + `</div></div>`)
	b.WriteString(`<div class="bookc-side"><span class="bookc-label">` + label + ` · answer</span><div class="card">` +
		question + `<hr class="answer"/>` + answer + "</div></div></div>")
}
