package anki

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"encoding/json"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The package is read back here with the sqlite3 program (C SQLite, not
// the driver that wrote it) and checked against Anki's rules: the tables
// of rslib/src/storage/schema11.sql, the JSON keys rslib's schema-11
// readers require (notetype/schema11.rs, decks/schema11.rs,
// deckconfig/schema11.rs), sfld and csum as rslib/src/notes/mod.rs
// computes them, and the media map of a legacy package.

// schema11Columns are the tables and columns of schema11.sql.
var schema11Columns = map[string]string{
	"col":    "id crt mod scm ver dty usn ls conf models decks dconf tags",
	"notes":  "id guid mid mod usn tags flds sfld csum flags data",
	"cards":  "id nid did ord mod usn type queue due ivl factor reps lapses left odue odid flags data",
	"revlog": "id cid usn ease ivl lastIvl factor time type",
	"graves": "usn oid type",
}

// Keys serde requires (no #[serde(default)]) in rslib's schema-11 structs.
var (
	requiredNotetype = []string{"id", "name", "type", "mod", "usn", "sortf", "did", "tmpls", "flds", "css"}
	requiredField    = []string{"name", "ord", "sticky", "rtl", "font", "size"}
	requiredTemplate = []string{"name", "ord", "qfmt"}
	requiredDeck     = []string{"id", "name", "usn", "lrnToday", "revToday", "newToday", "timeToday", "collapsed", "dyn", "conf"}
	requiredDconf    = []string{"id", "mod", "name", "usn", "maxTaken", "autoplay", "timer", "new", "rev", "lapse"}
	requiredDconfNew = []string{"delays", "initialFactor", "ints", "order", "perDay"}
)

// pkg is an unpacked cards.apkg.
type pkg struct {
	dir   string // holds collection.anki2
	media map[string][]byte
	names []string // zip entry names in order
}

func openPackage(t *testing.T, data []byte) *pkg {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	p := &pkg{dir: t.TempDir(), media: map[string][]byte{}}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = b
		p.names = append(p.names, f.Name)
	}
	coll, ok := files["collection.anki2"]
	if !ok {
		t.Fatalf("no collection.anki2 in %v", p.names)
	}
	if string(coll[:16]) != "SQLite format 3\x00" || coll[18] != 1 || coll[19] != 1 {
		t.Fatalf("collection is not a rollback-journal SQLite file: % x", coll[:20])
	}
	os.WriteFile(filepath.Join(p.dir, "collection.anki2"), coll, 0o644)
	var m map[string]string
	if err := json.Unmarshal(files["media"], &m); err != nil {
		t.Fatalf("media map: %v", err)
	}
	for k, name := range m {
		b, ok := files[k]
		if !ok {
			t.Fatalf("media map names entry %q, not in the zip", k)
		}
		p.media[name] = b
	}
	if len(files) != 2+len(m) {
		t.Errorf("zip holds %v, media map %v", p.names, m)
	}
	return p
}

// query runs SQL with the sqlite3 program and returns the rows as JSON
// objects.
func (p *pkg) query(t *testing.T, q string) []map[string]any {
	t.Helper()
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Fatal("the package checks need the sqlite3 program: apt-get install sqlite3 (scripts/ensure-tools.sh does it)")
	}
	out, err := exec.Command(bin, "-readonly", "-json", filepath.Join(p.dir, "collection.anki2"), q).CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3 %q: %v\n%s", q, err, out)
	}
	var rows []map[string]any
	if len(bytes.TrimSpace(out)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&rows); err != nil {
		t.Fatalf("sqlite3 output: %v\n%s", err, out)
	}
	return rows
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	}
	return ""
}

// ankiStrip is rslib's strip_html_preserving_media_filenames for fields
// without media: tags removed, entities decoded, no-break spaces made
// spaces.
func ankiStrip(s string) string {
	s = regexp.MustCompile(`(?s)<.*?>`).ReplaceAllString(s, "")
	if strings.Contains(s, "&") {
		s = strings.ReplaceAll(html.UnescapeString(s), "\u00a0", " ")
	}
	return s
}

func ankiChecksum(s string) int64 {
	h := sha1.Sum([]byte(s))
	return int64(binary.BigEndian.Uint32(h[:4]))
}

func hasKeys(t *testing.T, what string, m map[string]any, keys []string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s lacks the key %q that Anki's schema-11 reader requires", what, k)
		}
	}
}

// checked is what checkPackage found.
type checked struct {
	model map[string]any
	notes map[string]map[string]any // by GUID
	cards map[string][]int          // ords by note GUID
	decks map[string]bool           // deck names
}

// checkPackage applies every structural rule to a package.
func checkPackage(t *testing.T, data []byte) (*pkg, *checked) {
	t.Helper()
	p := openPackage(t, data)
	if r := p.query(t, "PRAGMA integrity_check"); str(r[0]["integrity_check"]) != "ok" {
		t.Fatalf("integrity_check: %v", r)
	}
	for table, cols := range schema11Columns {
		var got []string
		for _, r := range p.query(t, "SELECT name FROM pragma_table_info('"+table+"') ORDER BY cid") {
			got = append(got, str(r["name"]))
		}
		if strings.Join(got, " ") != cols {
			t.Errorf("table %s has columns %v, schema 11 has %s", table, got, cols)
		}
	}
	col := p.query(t, "SELECT * FROM col")
	if len(col) != 1 || str(col[0]["ver"]) != "11" {
		t.Fatalf("col: %v", col)
	}
	c := &checked{notes: map[string]map[string]any{}, cards: map[string][]int{}, decks: map[string]bool{}}
	var models map[string]map[string]any
	if err := json.Unmarshal([]byte(str(col[0]["models"])), &models); err != nil || len(models) != 1 {
		t.Fatalf("models: %v %v", err, len(models))
	}
	for id, m := range models {
		hasKeys(t, "note type", m, requiredNotetype)
		if str(m["id"]) != id && jsonNum(m["id"]) != id {
			t.Errorf("note type key %s, id %v", id, m["id"])
		}
		for _, f := range m["flds"].([]any) {
			hasKeys(t, "field", f.(map[string]any), requiredField)
		}
		for _, tm := range m["tmpls"].([]any) {
			hasKeys(t, "template", tm.(map[string]any), requiredTemplate)
		}
		c.model = m
	}
	checkDecks(t, str(col[0]["decks"]), str(col[0]["dconf"]), c)
	checkNotes(t, p, c)
	return p, c
}

func jsonNum(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func checkDecks(t *testing.T, decksJSON, dconfJSON string, c *checked) {
	t.Helper()
	var decks map[string]map[string]any
	if err := json.Unmarshal([]byte(decksJSON), &decks); err != nil {
		t.Fatal(err)
	}
	for id, d := range decks {
		hasKeys(t, "deck "+id, d, requiredDeck)
		c.decks[str(d["name"])] = true
	}
	var dconf map[string]map[string]any
	if err := json.Unmarshal([]byte(dconfJSON), &dconf); err != nil || dconf["1"] == nil {
		t.Fatalf("dconf: %v %v", err, dconf)
	}
	hasKeys(t, "deck options", dconf["1"], requiredDconf)
	hasKeys(t, "deck options' new", dconf["1"]["new"].(map[string]any), requiredDconfNew)
}

func checkNotes(t *testing.T, p *pkg, c *checked) {
	t.Helper()
	nflds := len(c.model["flds"].([]any))
	mid := jsonNum(c.model["id"])
	for _, n := range p.query(t, "SELECT id, guid, mid, mod, tags, flds, sfld, csum FROM notes ORDER BY id") {
		fields := strings.Split(str(n["flds"]), "\x1f")
		if len(fields) != nflds {
			t.Errorf("note %s has %d fields, the note type %d", str(n["guid"]), len(fields), nflds)
		}
		first := ankiStrip(fields[0])
		if str(n["sfld"]) != first {
			t.Errorf("sfld %q, Anki makes %q", n["sfld"], first)
		}
		if str(n["csum"]) != json.Number(itoa(ankiChecksum(first))).String() {
			t.Errorf("csum %v, Anki makes %d", n["csum"], ankiChecksum(first))
		}
		if str(n["mid"]) != mid {
			t.Errorf("note mid %v, note type %s", n["mid"], mid)
		}
		for _, src := range imageSources(str(n["flds"])) {
			if _, ok := p.media[src]; !ok {
				t.Errorf("note %s shows %q, which the package lacks", str(n["guid"]), src)
			}
		}
		c.notes[str(n["guid"])] = n
	}
	for _, r := range p.query(t, "SELECT n.guid, c.ord, c.did, c.nid FROM cards c JOIN notes n ON n.id = c.nid ORDER BY c.id") {
		c.cards[str(r["guid"])] = append(c.cards[str(r["guid"])], int(mustInt(r["ord"])))
	}
	if n := p.query(t, "SELECT count(*) AS n FROM cards WHERE nid NOT IN (SELECT id FROM notes)"); str(n[0]["n"]) != "0" {
		t.Errorf("%s cards without a note", str(n[0]["n"]))
	}
}

func mustInt(v any) int64 {
	n, _ := v.(json.Number).Int64()
	return n
}

func fieldNames(m map[string]any) []string {
	var out []string
	for _, f := range m["flds"].([]any) {
		out = append(out, f.(map[string]any)["name"].(string))
	}
	return out
}

func TestPackage(t *testing.T) {
	src := smallEntries + "\n## Netz {#Netz .term}\n\nEin Netz: ![Schema](images/net.png)\n"
	b := newBook(t, "title: KI-Glossar\nid: ki\nsubtitle: Von A bis Z\nanki:\n  deck: \"Lernen::KI\"\n  reversed: true\n  tags: [ki]\n",
		map[string]string{"a.md": src})
	b.write(t, "images/net.png", tinyPNG(7))
	f, out, _ := b.render(t)
	p, c := checkPackage(t, out.APKG)
	if got := strings.Join(fieldNames(c.model), ","); got != "Begriff,Definition,Umgekehrt,Hinweis" {
		t.Errorf("fields %s", got)
	}
	if c.model["name"] != "KI-Glossar" || jsonNum(c.model["id"]) != itoa(noteTypeID("ki")) {
		t.Errorf("note type %v %v", c.model["name"], c.model["id"])
	}
	if !c.decks["Lernen"] || !c.decks["Lernen::KI"] {
		t.Errorf("decks %v", c.decks)
	}
	// Same GUIDs as the CSV's forward rows; forward and reverse cards.
	for i := range f.Rows {
		g := f.Field(i, colGUID)
		if g == reverseGUID("ki", "Transformer") || g == reverseGUID("ki", "BERT") || g == reverseGUID("ki", "Netz") {
			continue
		}
		if c.notes[g] == nil {
			t.Errorf("CSV GUID %s not in the package", g)
		}
		if ords := c.cards[g]; len(ords) != 2 || ords[0] != 0 || ords[1] != 1 {
			t.Errorf("note %s cards %v, want [0 1]", g, ords)
		}
	}
	if len(c.notes) != 3 {
		t.Errorf("%d notes", len(c.notes))
	}
	if len(p.media) != 1 || !bytes.Equal(p.media[mediaPrefix("ki")+"images-net.png"], tinyPNG(7)) {
		t.Errorf("media %v", p.names)
	}
	rows := p.query(t, "SELECT DISTINCT did FROM cards")
	if len(rows) != 1 || str(rows[0]["did"]) != itoa(deckID("ki", "Lernen::KI")) {
		t.Errorf("cards in decks %v", rows)
	}
	tags := p.query(t, "SELECT tags FROM notes WHERE guid = '"+noteGUID("ki", "BERT")+"'")
	if str(tags[0]["tags"]) != " ki Buchstabe::B " {
		t.Errorf("tags %q", tags[0]["tags"])
	}
}

func TestPackageEnglish(t *testing.T) {
	b := newBook(t, "title: AI Glossary\nid: ai\nlanguage: en\n", map[string]string{"a.md": smallEntries})
	_, out, _ := b.render(t)
	_, c := checkPackage(t, out.APKG)
	if got := strings.Join(fieldNames(c.model), ","); got != "Term,Definition,Reverse,Notice" {
		t.Errorf("fields %s", got)
	}
	for g, ords := range c.cards {
		if len(ords) != 1 || ords[0] != 0 {
			t.Errorf("note %s cards %v without anki.reversed", g, ords)
		}
	}
	if !c.decks["AI Glossary"] {
		t.Errorf("decks %v", c.decks)
	}
}

// TestUpdateInPlace builds, edits one lead, builds again with the state:
// exactly that note's time moves; GUIDs and ids stay; the same sources
// and state give the same bytes.
func TestUpdateInPlace(t *testing.T) {
	b := newBook(t, "title: T\nid: t\ndate: 2026-11-01\n", map[string]string{"a.md": smallEntries})
	_, out1, _ := b.render(t)
	st1 := mustState(t, out1.State)
	_, again, _ := b.renderState(t, st1)
	if !bytes.Equal(again.APKG, out1.APKG) || !bytes.Equal(again.CSV, out1.CSV) || !bytes.Equal(again.State, out1.State) {
		t.Fatal("a rebuild with the state differs")
	}
	b.files["a.md"] = strings.Replace(smallEntries, "**BERT** ist ein Sprachmodell.", "**BERT** ist ein Sprachmodell von Google.", 1)
	const later = 1796083200 // 2026-12-01, the time of the second build
	st1.now = later
	_, out2, _ := b.renderState(t, st1)
	_, c1 := checkPackage(t, out1.APKG)
	_, c2 := checkPackage(t, out2.APKG)
	changed := 0
	for g, n1 := range c1.notes {
		n2 := c2.notes[g]
		if n2 == nil {
			t.Fatalf("note %s lost", g)
		}
		if str(n1["id"]) != str(n2["id"]) {
			t.Errorf("note %s id %v → %v", g, n1["id"], n2["id"])
		}
		if m1, m2 := mustInt(n1["mod"]), mustInt(n2["mod"]); m2 != m1 {
			changed++
			if g != noteGUID("t", "BERT") || m2 != later {
				t.Errorf("note %s mod %d → %d", g, m1, m2)
			}
		}
	}
	if changed != 1 {
		t.Errorf("%d notes changed their time, want 1", changed)
	}
	st2 := mustState(t, out2.State)
	st2.now = later + 3600
	_, out3, _ := b.renderState(t, st2)
	if !bytes.Equal(out3.APKG, out2.APKG) || !bytes.Equal(out3.State, out2.State) {
		t.Error("a later build of the edited sources differs")
	}
}

func TestRemovedTerm(t *testing.T) {
	b := newBook(t, "title: T\nid: t\n", map[string]string{"a.md": smallEntries})
	_, out1, _ := b.render(t)
	b.files["a.md"] = strings.Split(smallEntries, "## BERT")[0]
	_, out2, ds := b.renderState(t, mustState(t, out1.State))
	if len(ds) != 1 || !strings.Contains(ds[0].Msg, `"BERT"`) || ds[0].Pos.File != StateFile || ds[0].Pos.Line == 0 {
		t.Fatalf("diagnostics %v", ds)
	}
	p, c := checkPackage(t, out2.APKG)
	n := c.notes[noteGUID("t", "BERT")]
	if n == nil || !strings.Contains(str(n["tags"]), " bookc::entfernt ") || !strings.Contains(str(n["flds"]), "nicht mehr in „T“") {
		t.Fatalf("removed note %v", n)
	}
	q := p.query(t, "SELECT queue FROM cards WHERE nid = "+str(n["id"]))
	if len(q) != 1 || str(q[0]["queue"]) != "-1" {
		t.Errorf("removed note's cards %v, want one suspended", q)
	}
	// A further build does not report it again.
	_, _, ds = b.renderState(t, mustState(t, out2.State))
	if len(ds) != 0 {
		t.Errorf("diagnostics %v", ds)
	}
}

func TestBadAnkiInput(t *testing.T) {
	for _, deck := range []string{`"A::::B"`, `"2024"`, `"  ::x"`} {
		cfg := "title: T\nid: t\nanki:\n  deck: " + deck + "\n"
		b := newBook(t, cfg, map[string]string{"a.md": smallEntries})
		out, ds := b.renderRawErr(t)
		if out != nil || !ds.HasErrors() || ds[0].Pos.File != "book.yaml" {
			t.Errorf("deck %s: output %v, diagnostics %v", deck, out != nil, ds)
		}
	}
	odd := newBook(t, "title: T\nid: t\nanki:\n  deck: \"Glossar :: KI\\t\\\"neu\\\"\"\n", map[string]string{"a.md": smallEntries})
	f, out, ds := odd.render(t)
	if len(ds) != 1 || ds[0].Pos.Line != 3 || !strings.Contains(ds[0].Msg, `"Glossar::KI\"neu\""`) {
		t.Errorf("odd deck name: %v", ds)
	}
	if _, c := checkPackage(t, out.APKG); !c.decks[`Glossar::KI"neu"`] || f.Field(0, colDeck) != `Glossar::KI"neu"` {
		t.Errorf("decks %v, CSV deck %q", c.decks, f.Field(0, colDeck))
	}
	b := newBook(t, "title: T\nid: t\n", map[string]string{"a.md": "## Leer {#Leer .term}\n\n## Bild {#Bild .term}\n\n![x](fehlt.png)\n"})
	_, out, ds = b.render(t)
	var msgs []string
	for _, d := range ds {
		msgs = append(msgs, d.String())
	}
	sort.Strings(msgs)
	if len(ds) != 2 || !strings.Contains(msgs[0], "no text for its card's back") && !strings.Contains(msgs[1], "no text for its card's back") {
		t.Errorf("diagnostics %v", msgs)
	}
	_, c := checkPackage(t, out.APKG)
	if len(c.notes) != 2 {
		t.Errorf("%d notes", len(c.notes))
	}
}

func mustState(t *testing.T, data []byte) *State {
	t.Helper()
	st, err := decodeState(data)
	if err != nil {
		t.Fatalf("state: %v\n%s", err, data)
	}
	return st
}
