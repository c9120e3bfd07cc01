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

// cardSet is the Anki backend's output read back the way Anki's importer
// reads it: the header lines, then one note per record.
type cardSet struct {
	noteType string
	deck     string
	notes    []note
	media    map[string][]byte
}

// note is one imported note: its two fields and its tags.
type note struct {
	front, back, tags string
}

// cards renders the site's book as Anki cards once.
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

// readCards parses the CSV as Anki does: lines starting with '#' before
// the first record are headers, fields are tab-separated with RFC 4180
// quoting, the first two columns are the note's fields and the third its
// tags (the header says so, and the backend always writes it that way).
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
	for bytes.HasPrefix(data, []byte("#")) {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		key, val, _ := strings.Cut(string(line[1:]), ":")
		switch key {
		case "notetype":
			cs.noteType = val
		case "deck":
			cs.deck = val
		}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = '\t'
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading the cards back: %w", err)
		}
		if len(rec) < 3 {
			return nil, fmt.Errorf("reading the cards back: a record with %d fields", len(rec))
		}
		cs.notes = append(cs.notes, note{front: rec[0], back: rec[1], tags: rec[2]})
	}
	return cs, nil
}

// cardsPage shows every card as Anki's stock note types show them: the
// front, and the back as the front, a rule and the answer. A reversed
// note type adds the card that asks with the back. The media the cards
// name are served beside the page.
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
	reversed := strings.Contains(strings.ToLower(cs.noteType), "reversed")
	var b strings.Builder
	b.WriteString(`<main class="bookc-cards"><h1>` + escape(cs.deck) + "</h1>\n<p>")
	b.WriteString(strconv.Itoa(len(cs.notes)) + " notes, note type <b>" + escape(cs.noteType) + "</b>. ")
	b.WriteString(`Import <a href="` + outPrefix + `cards.csv">cards.csv</a> with Anki's File › Import.</p>` + "\n")
	for i, n := range cs.notes {
		fmt.Fprintf(&b, `<article class="bookc-note" id="note-%d">`, i+1)
		card(&b, "Card 1", n.front, n.back)
		if reversed {
			card(&b, "Card 2", n.back, n.front)
		}
		if n.tags != "" {
			b.WriteString(`<p class="bookc-tags">` + escape(n.tags) + "</p>")
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
