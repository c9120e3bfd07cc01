package anki

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"bookc/backends/html"
	"bookc/config"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"
)

// schema11 creates the tables of a legacy collection.anki2, as in Anki's
// rslib/src/storage/schema11.sql (and genanki's apkg_schema.py).
const schema11 = `CREATE TABLE col (
  id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL,
  conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL
);
CREATE TABLE notes (
  id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL,
  csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE cards (
  id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL,
  due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL,
  lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE revlog (
  id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
  type integer NOT NULL
);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`

// writePackage makes cards.apkg: the collection, the media map and the
// media files named 0, 1, … Every zip entry carries the book's date.
func writePackage(o *options, cfg *config.Book, st *State, notes []*note, media []MediaFile) ([]byte, error) {
	coll, err := writeCollection(o, cfg, st, notes)
	if err != nil {
		return nil, fmt.Errorf("anki package: %w", err)
	}
	mediaMap := make(map[string]string, len(media))
	for i, m := range media {
		mediaMap[strconv.Itoa(i)] = m.Name
	}
	mapJSON, err := json.Marshal(mediaMap)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	date := cfg.Modified.UTC()
	if date.Year() < 1980 {
		date = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	add := func(name string, data []byte, method uint16) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: date})
		if err == nil {
			_, err = w.Write(data)
		}
		return err
	}
	if err := add("collection.anki2", coll, zip.Deflate); err != nil {
		return nil, err
	}
	if err := add("media", mapJSON, zip.Deflate); err != nil {
		return nil, err
	}
	for i, m := range media {
		if err := add(strconv.Itoa(i), m.Data, zip.Store); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeCollection builds the SQLite collection in memory and returns its
// bytes, as the file would hold them. It is written in one transaction,
// rows in a fixed order, with a rollback journal (never WAL) and a fixed
// page size, so the same notes give the same bytes.
func writeCollection(o *options, cfg *config.Book, st *State, notes []*note) ([]byte, error) {
	db, err := sql.Open("sqlite", "file:collection.anki2?mode=memory")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if err := fillCollection(ctx, conn, o, cfg, st, notes); err != nil {
		return nil, err
	}
	var data []byte
	err = conn.Raw(func(dc any) error {
		s, ok := dc.(interface{ Serialize() ([]byte, error) })
		if !ok {
			return errors.New("the SQLite driver cannot serialize a database")
		}
		data, err = s.Serialize()
		return err
	})
	return data, err
}

func fillCollection(ctx context.Context, db *sql.Conn, o *options, cfg *config.Book, st *State, notes []*note) error {
	for _, p := range []string{"PRAGMA page_size=4096", "PRAGMA encoding='UTF-8'"} {
		if _, err := db.ExecContext(ctx, p); err != nil {
			return err
		}
	}
	if _, err := db.ExecContext(ctx, schema11); err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insertCol(tx, o, cfg, st); err != nil {
		return err
	}
	if err := insertNotes(tx, o, notes); err != nil {
		return err
	}
	return tx.Commit()
}

// insertCol writes the collection's one col row: the note type, the
// decks (the book's deck and its parents, and Default) and the default
// deck options.
func insertCol(tx *sql.Tx, o *options, cfg *config.Book, st *State) error {
	now := cfg.Modified.Unix()
	nt := noteType(o, st.NoteType.Mod)
	models := `{"` + itoa(nt.ID) + `":` + string(jsonValue(nt)) + `}`
	decks, err := decksJSON(o, cfg, now)
	if err != nil {
		return err
	}
	conf := jsonValue(colConf(nt.ID, deckID(o.bookID, o.deck)))
	dconf := jsonValue(map[string]any{"1": defaultDeckConfig})
	_, err = tx.Exec(`INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')`,
		dayStart(now), now*1000, now*1000, string(conf), models, decks, string(dconf))
	return err
}

// dayStart is the collection's creation time: the start of the book's
// date, in seconds.
func dayStart(secs int64) int64 { return secs - secs%86400 }

// insertNotes writes the notes and their cards: the forward card, and the
// reverse card when the note's reverse field is set. Cards of removed
// terms come suspended, so that a learner who imports the book afresh does
// not learn them; Anki leaves cards that exist already as they are.
func insertNotes(tx *sql.Tx, o *options, notes []*note) error {
	noteStmt, err := tx.Prepare(`INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')`)
	if err != nil {
		return err
	}
	defer noteStmt.Close()
	cardStmt, err := tx.Prepare(`INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, 0, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')`)
	if err != nil {
		return err
	}
	defer cardStmt.Close()
	mid, did := noteTypeID(o.bookID), deckID(o.bookID, o.deck)
	for i, n := range notes {
		f := n.fields(o)
		first := stripHTMLMedia(f[fieldTerm])
		tags := ""
		if len(n.tags) > 0 {
			tags = " " + strings.Join(n.tags, " ") + " "
		}
		if _, err := noteStmt.Exec(n.nid, n.guid, mid, n.mod, tags, strings.Join(f[:], "\x1f"), first, fieldChecksum(first)); err != nil {
			return err
		}
		queue := 0
		if n.removed {
			queue = -1
		}
		for ord := 0; ord < 2; ord++ {
			if ord == 1 && f[fieldReverse] == "" {
				break
			}
			if _, err := cardStmt.Exec(n.nid+int64(ord), n.nid, did, ord, n.mod, queue, i+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// decksJSON lists Default and the book's deck with every parent: Anki
// files a deck "A::B" under a deck "A".
func decksJSON(o *options, cfg *config.Book, now int64) (string, error) {
	decks := map[string]any{"1": deckJSON(1, "Default", "", now)}
	parts := strings.Split(o.deck, "::")
	for i := range parts {
		name := strings.Join(parts[:i+1], "::")
		desc := ""
		if i == len(parts)-1 {
			desc = html.EscapeText(strings.TrimSpace(cfg.Subtitle))
		}
		id := deckID(o.bookID, name)
		decks[itoa(id)] = deckJSON(id, name, desc, now)
	}
	return string(jsonValue(decks)), nil
}

// deckJSON is a normal deck as rslib's NormalDeckSchema11 reads it
// (rslib/src/decks/schema11.rs): id, name, usn, the four day counters,
// collapsed, dyn and conf are required.
func deckJSON(id int64, name, desc string, now int64) map[string]any {
	return map[string]any{
		"id": id, "name": name, "mod": now, "usn": -1, "desc": desc, "dyn": 0, "conf": 1,
		"collapsed": false, "browserCollapsed": false, "extendNew": 0, "extendRev": 0,
		"lrnToday": []int{0, 0}, "revToday": []int{0, 0}, "newToday": []int{0, 0}, "timeToday": []int{0, 0},
	}
}

// colConf is the collection's configuration, as genanki writes it.
func colConf(mid, did int64) map[string]any {
	return map[string]any{
		"activeDecks": []int64{did}, "addToCur": true, "collapseTime": 1200, "curDeck": did,
		"curModel": itoa(mid), "dueCounts": true, "estTimes": true, "newBury": true, "newSpread": 0,
		"nextPos": 1, "sortBackwards": false, "sortType": "noteFld", "timeLim": 0,
	}
}

// defaultDeckConfig is Anki's default deck options in schema 11, as
// genanki's apkg_col.py writes them.
var defaultDeckConfig = map[string]any{
	"autoplay": true, "id": 1, "maxTaken": 60, "mod": 0, "name": "Default", "replayq": true,
	"timer": 0, "usn": 0, "dyn": false,
	"lapse": map[string]any{"delays": []int{10}, "leechAction": 0, "leechFails": 8, "minInt": 1, "mult": 0},
	"new": map[string]any{"bury": true, "delays": []int{1, 10}, "initialFactor": 2500,
		"ints": []int{1, 4, 7}, "order": 1, "perDay": 20, "separate": true},
	"rev": map[string]any{"bury": true, "ease4": 1.3, "fuzz": 0.05, "ivlFct": 1, "maxIvl": 36500,
		"minSpace": 1, "perDay": 100},
}
