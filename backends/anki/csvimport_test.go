package anki

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// This file replays what Anki's text importer does with cards.csv, as
// transcribed from rslib/src/import_export/text/csv/metadata.rs
// (parse_meta_value, maybe_set_notetype_and_deck, maybe_init_notetype_map,
// map_field_columns_by_index/by_name, ensure_first_field_is_mapped,
// maybe_set_tags_column), csv/import.rs (ColumnContext) and
// text/import.rs (DeckIdsByNameOrId, get_or_create_deck_id, into_native),
// for the versions that differ in what matters here.

// ankiVersion holds the importer's behaviour in one Anki release.
type ankiVersion struct {
	name string
	// ifMatches: the "#if matches" header is read (2.1.58 and later).
	ifMatches bool
	// deckByName: an unknown "#deck" name creates the deck (25.07.3 and
	// later); before, it is ignored and the current deck is used.
	deckByName bool
}

var ankiVersions = []ankiVersion{
	{"2.1.55", false, false},
	{"24.11", true, false},
	{"25.09", true, true},
}

// stockType is a note type of a fresh profile: its fields, and how many
// cards a note with every field set gets.
type stockType struct {
	name   string
	fields []string
	cards  int
}

// ankiProfile is a fresh collection in one language. The type used for
// adding is the first; the only deck is "Default".
type ankiProfile struct {
	lang  string
	types []stockType
}

var (
	englishProfile = ankiProfile{"en", []stockType{
		{"Basic", []string{"Front", "Back"}, 1},
		{"Basic (and reversed card)", []string{"Front", "Back"}, 2},
		{"Basic (optional reversed card)", []string{"Front", "Back", "Add Reverse"}, 2},
		{"Basic (type in the answer)", []string{"Front", "Back"}, 1},
		{"Cloze", []string{"Text", "Back Extra"}, 1},
	}}
	germanProfile = ankiProfile{"de", []stockType{
		{"Einfach", []string{"Vorderseite", "Rückseite"}, 1},
		{"Einfach (beide Richtungen)", []string{"Vorderseite", "Rückseite"}, 2},
		{"Einfach (optional umgekehrte Karte)", []string{"Vorderseite", "Rückseite", "Umgekehrte Karte hinzufügen"}, 2},
		{"Einfach (Antwort eintippen)", []string{"Vorderseite", "Rückseite"}, 1},
		{"Lückentext", []string{"Text", "Rückseite Extra"}, 1},
	}}
)

// importedNote is a row as Anki stores it.
type importedNote struct {
	noteType string
	fields   map[string]string
	deck     string
	guid     string
	tags     []string
	cards    int
}

// importResult is what one import does.
type importResult struct {
	notes  []importedNote
	update bool // duplicates (same GUID) are updated
	decks  []string
}

// simulateImport imports a CSV into a profile, as the importer of version
// v does with the dialog left as it opens. existingTags are the tags a
// note with the same GUID has from an earlier import.
func simulateImport(t *testing.T, data []byte, p ankiProfile, v ankiVersion, existingTags []string) importResult {
	t.Helper()
	f, err := readAnkiFile(data)
	if err != nil {
		t.Fatal(err)
	}
	nt := p.types[0] // defaults_for_adding: the stock profile's current type
	if name, ok := f.Meta["notetype"]; ok {
		for _, st := range p.types {
			if st.name == name { // notetype_by_name_or_id: exact name
				nt = st
			}
		}
	}
	res := importResult{update: true, decks: []string{"Default"}} // DupeResolution 0 is "update"
	if v.ifMatches {
		if m, ok := f.Meta["if matches"]; ok {
			res.update = m == "update current"
		}
	}
	defaultDeck := "Default"
	deckCol := f.DeckCol
	if name, ok := f.Meta["deck"]; ok && deckCol == 0 && v.deckByName {
		defaultDeck = name
		res.decks = append(res.decks, name)
	}
	meta := map[int]bool{}
	for _, c := range []int{f.GUIDCol, f.TagsCol, deckCol} {
		if c > 0 {
			meta[c] = true
		}
	}
	labels := f.Columns
	if len(labels) == 0 { // maybe_set_fallback_columns
		labels = make([]string, len(f.Rows[0]))
	}
	cols := mapFields(nt, labels, meta)
	tagsCol := f.TagsCol
	if tagsCol == 0 { // maybe_set_tags_column
		maxField := 0
		for _, c := range cols {
			maxField = max(maxField, c)
		}
		for i := maxField + 1; i <= len(labels); i++ {
			if !meta[i] {
				tagsCol = i
				break
			}
		}
	}
	res.notes = importRows(f, nt, cols, deckCol, tagsCol, defaultDeck, existingTags, &res)
	return res
}

// importRows turns the rows into notes as ColumnContext and into_native
// do: mapped fields, the row's deck (created when missing), the GUID, and
// tags from the tags column or else the note's own, plus #tags.
func importRows(f *ankiFile, nt stockType, cols []int, deckCol, tagsCol int, defaultDeck string, existingTags []string, res *importResult) []importedNote {
	var notes []importedNote
	global := strings.Fields(f.Meta["tags"])
	for _, row := range f.Rows {
		n := importedNote{noteType: nt.name, fields: map[string]string{}, deck: defaultDeck, cards: nt.cards}
		for i, c := range cols {
			if c > 0 && c <= len(row) {
				n.fields[nt.fields[i]] = row[c-1]
			}
		}
		if deckCol > 0 {
			n.deck = row[deckCol-1]
			if !contains(res.decks, n.deck) {
				res.decks = append(res.decks, n.deck) // get_or_create_deck_id
			}
		}
		if f.GUIDCol > 0 {
			n.guid = row[f.GUIDCol-1]
		}
		n.tags = append([]string(nil), existingTags...) // into_native: tags stay unless a column gives them
		if tagsCol > 0 {
			n.tags = strings.Fields(row[tagsCol-1])
		}
		n.tags = append(n.tags, global...)
		notes = append(notes, n)
	}
	return notes
}

// mapFields returns, for each field of nt, its 1-based column or 0.
func mapFields(nt stockType, labels []string, meta map[int]bool) []int {
	cols := make([]int, len(nt.fields))
	cols[0] = 1
	named := false
	for _, l := range labels {
		named = named || l != ""
	}
	if !named { // map_field_columns_by_index
		k := 0
		for i := 1; i <= len(labels) && k < len(cols); i++ {
			if !meta[i] {
				cols[k] = i
				k++
			}
		}
	} else { // map_field_columns_by_name
		byName := map[string]int{}
		for i, l := range labels {
			if !meta[i+1] {
				byName[l] = i + 1
			}
		}
		for i, name := range nt.fields {
			cols[i] = byName[name]
		}
	}
	if cols[0] == 0 { // ensure_first_field_is_mapped
		for i := 1; i <= len(labels); i++ {
			if !meta[i] {
				cols[0] = i
				break
			}
		}
	}
	return cols
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// checkImport applies the promises to one import: every note in the
// stock two-field type, no empty field, the book's deck, updates on, user
// tags kept, and forward plus reverse cards when asked.
func checkImport(res importResult, terms int, deck string, reversed bool) error {
	want := terms
	if reversed {
		want = 2 * terms
	}
	if !res.update {
		return fmt.Errorf("re-import would not update")
	}
	cards := 0
	for i, n := range res.notes {
		if n.noteType != "Basic" && n.noteType != "Einfach" {
			return fmt.Errorf("row %d: note type %q", i+1, n.noteType)
		}
		for name, v := range n.fields {
			if strings.TrimSpace(v) == "" {
				return fmt.Errorf("row %d: field %q empty", i+1, name)
			}
		}
		if len(n.fields) != 2 {
			return fmt.Errorf("row %d: %d fields mapped", i+1, len(n.fields))
		}
		if n.deck != deck {
			return fmt.Errorf("row %d: deck %q, want %q", i+1, n.deck, deck)
		}
		if !contains(n.tags, "marked") || !contains(n.tags, "leech") {
			return fmt.Errorf("row %d: the user's tags are gone: %v", i+1, n.tags)
		}
		cards += n.cards
	}
	if cards != want {
		return fmt.Errorf("%d cards, want %d", cards, want)
	}
	return nil
}

func TestCSVInEveryAnki(t *testing.T) {
	for _, reversed := range []bool{false, true} {
		yaml := "title: KI-Glossar\nid: ki\nanki:\n  deck: \"Lernen::KI-Glossar\"\n  tags: [ki]\n  reversed: " + strconv.FormatBool(reversed) + "\n"
		for _, lang := range []string{"de", "en"} {
			_, out, _ := newBook(t, yaml+"language: "+lang+"\n", map[string]string{"a.md": smallEntries}).render(t)
			for _, p := range []ankiProfile{germanProfile, englishProfile} {
				for _, v := range ankiVersions {
					res := simulateImport(t, out.CSV, p, v, []string{"marked", "leech"})
					if err := checkImport(res, 2, "Lernen::KI-Glossar", reversed); err != nil {
						t.Errorf("book %s, reversed %v, %s profile, Anki %s: %v", lang, reversed, p.lang, v.name, err)
					}
					if !contains(res.notes[0].tags, "ki") {
						t.Errorf("book tag missing: %v", res.notes[0].tags)
					}
				}
			}
		}
	}
}

// TestOldHeaderFails shows that the replay catches the faults of the
// former header: named columns in a German profile, an unknown #deck
// before 25.07.3, and the tags column.
func TestOldHeaderFails(t *testing.T) {
	old := "#separator:Tab\n#html:true\n#notetype:Basic\n#deck:KI\n#columns:Front\tBack\tTags\tGUID\n#guid column:4\n#tags column:3\nA\t<p>a</p>\tx\tg1\n"
	res := simulateImport(t, []byte(old), germanProfile, ankiVersions[1], []string{"marked", "leech"})
	err := checkImport(res, 1, "KI", false)
	if err == nil || !strings.Contains(err.Error(), "fields mapped") {
		t.Errorf("German profile: %v", err)
	}
	res = simulateImport(t, []byte(old), englishProfile, ankiVersions[0], []string{"marked"})
	if err := checkImport(res, 1, "KI", false); err == nil || !strings.Contains(err.Error(), "deck") {
		t.Errorf("English profile, 2.1.55: %v", err)
	}
	res = simulateImport(t, []byte(old), englishProfile, ankiVersions[2], []string{"marked", "leech"})
	if err := checkImport(res, 1, "KI", false); err == nil || !strings.Contains(err.Error(), "tags") {
		t.Errorf("English profile, 25.09: %v", err)
	}
}
