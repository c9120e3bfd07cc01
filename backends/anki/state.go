package anki

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"bookc/ast"
	"bookc/backends/html"
	"bookc/config"
	"bookc/diag"
)

// StateFile is the state file's default name in the book's folder.
const StateFile = "anki-notes.lock"

// stateFormat is the version of the state file's layout.
const stateFormat = 1

// State is what the state file records, like a lock file kept beside
// book.yaml: for the note type and every note, a hash of its content and
// the modification time it was given when that content first appeared.
// A build gives each note the time recorded for its hash; a note whose
// hash changed gets a later time. Anki's package importer updates a note
// only when the incoming time is newer than the one in the collection, so
// exactly the changed notes update, and the same sources with the same
// state give the same bytes.
type State struct {
	Format   int          `json:"format"`
	Book     string       `json:"book"`
	NoteType stateItem    `json:"notetype"`
	Notes    []*stateNote `json:"notes"`
	// now is when this build runs (SOURCE_DATE_EPOCH if set): what
	// changed since the state was written gets a time no earlier.
	now int64
}

type stateItem struct {
	Hash string `json:"hash"`
	Mod  int64  `json:"mod"`
}

// stateNote is one note's record. Removed is the time its term left the
// book; such a note stays in the package, tagged, until its line is
// deleted from the file.
type stateNote struct {
	ID      string `json:"id"`
	GUID    string `json:"guid"`
	NID     int64  `json:"nid"`
	Hash    string `json:"hash"`
	Mod     int64  `json:"mod"`
	Title   string `json:"title"`
	Removed int64  `json:"removed,omitempty"`
	line    int
}

// stateName is the state file's name in diagnostics: as book.yaml gives
// it, relative to the book's folder.
func stateName(cfg *config.Book) string {
	if p := strings.TrimSpace(cfg.Anki.State.Value); p != "" {
		return p
	}
	return StateFile
}

// noteType returns the note type's record: its time moves forward when
// its hash changes.
func (prev *State) noteType(hash string, now int64) stateItem {
	if now <= 0 {
		now = 1
	}
	if prev == nil || prev.NoteType.Mod <= 0 {
		return stateItem{Hash: hash, Mod: now}
	}
	if prev.NoteType.Hash == hash {
		return prev.NoteType
	}
	return stateItem{Hash: hash, Mod: max(prev.NoteType.Mod+1, now)}
}

// StatePath is where the book keeps its state file: anki.state, relative
// to the book's folder, or StateFile there; "" for `state: none`, a book
// without one (every note then carries the book's date).
func StatePath(cfg *config.Book) string {
	p := strings.TrimSpace(cfg.Anki.State.Value)
	if p == "none" {
		return ""
	}
	if p == "" {
		p = StateFile
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(cfg.Dir, filepath.FromSlash(p))
	}
	return p
}

// ReadState reads the book's state file. A missing file is no error: the
// build then starts a new one. A file that cannot be read is an error at
// its position, so that no build silently resets the notes' times.
func ReadState(cfg *config.Book) (*State, diag.List) {
	var ds diag.List
	path := StatePath(cfg)
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		ds.Errorf(ast.Pos{File: path}, "%v", err)
		return nil, ds
	}
	st, err := decodeState(data)
	if err == nil {
		st.now, err = buildTime()
	}
	if err != nil {
		ds.Errorf(ast.Pos{File: path, Line: jsonLine(data, err)}, "not a bookc state file (%v); delete it to start afresh, which makes Anki skip the next updates of existing notes", err)
		return nil, ds
	}
	if st.Book != "" && st.Book != bookIDOf(cfg) {
		ds.Warnf(ast.Pos{File: path, Line: 3}, "the state file belongs to the book id %q, not %q; starting a new one", st.Book, bookIDOf(cfg))
		return nil, ds
	}
	return st, ds
}

// buildTime is SOURCE_DATE_EPOCH when set, else the clock. Anki 2.1.55 to
// 24.11 set an updated note's time to the moment of the import, so the
// next change of that note must carry a later time than the learner's
// last import: the time of the build that first sees the change is the
// earliest such time that bookc can know.
func buildTime() (int64, error) {
	if s := strings.TrimSpace(os.Getenv("SOURCE_DATE_EPOCH")); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a Unix time", s)
		}
		return n, nil
	}
	return time.Now().Unix(), nil
}

func bookIDOf(cfg *config.Book) string {
	if id := strings.TrimSpace(cfg.ID); id != "" {
		return id
	}
	return strings.TrimSpace(cfg.Title)
}

// trailingComma is a comma left before the end of the notes list when
// the last note's line was deleted by hand.
var trailingComma = regexp.MustCompile(`,[ \t\r]*\n\]`)

func decodeState(data []byte) (*State, error) {
	data = trailingComma.ReplaceAll(data, []byte("\n]"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var st State
	if err := dec.Decode(&st); err != nil {
		return nil, err
	}
	if st.Format != stateFormat {
		return nil, fmt.Errorf("format %d, this bookc reads %d", st.Format, stateFormat)
	}
	lines := guidLines(data)
	for i, n := range st.Notes {
		if n == nil || n.GUID == "" || n.NID <= 0 || n.Mod <= 0 {
			return nil, fmt.Errorf("note %d lacks its guid, nid or mod", i+1)
		}
		n.line = lines[n.GUID]
	}
	return &st, nil
}

// guidLines maps each GUID to the line that records it, for diagnostics.
func guidLines(data []byte) map[string]int {
	key := []byte(`"guid":"`)
	out := map[string]int{}
	for i, l := range bytes.Split(data, []byte("\n")) {
		if _, rest, ok := bytes.Cut(l, key); ok {
			if g, _, ok := bytes.Cut(rest, []byte(`"`)); ok {
				out[string(g)] = i + 1
			}
		}
	}
	return out
}

// jsonLine turns a JSON error's offset into a line number.
func jsonLine(data []byte, err error) int {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	if errors.As(err, &se) {
		off = se.Offset
	} else if errors.As(err, &te) {
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return 0
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// next gives every note its id and time and returns the new state. prev
// may be nil. Terms that left the book since prev are reported.
//
// A note that is new or changed gets the time max(book date, build time,
// its old time + 1); the build time counts only when a state exists, so
// the first build of a book depends on its sources alone.
func (prev *State) next(o *options, cfg *config.Book, notes []*note, ds *diag.List) *State {
	now := max(cfg.Modified.Unix(), 1)
	if prev != nil {
		now = max(now, prev.now)
	}
	st := &State{Format: stateFormat, Book: o.bookID, now: now}
	old := map[string]*stateNote{}
	var maxNID int64
	if prev != nil {
		for _, n := range prev.Notes {
			old[n.GUID] = n
			maxNID = max(maxNID, n.NID)
		}
	}
	for _, n := range notes {
		h := n.hash(o)
		p := old[n.guid]
		delete(old, n.guid)
		sn := &stateNote{ID: n.entryID, GUID: n.guid, Hash: h, Title: n.title}
		switch {
		case p == nil:
			sn.NID = max(maxNID+2, now*1000)
			maxNID = sn.NID
			sn.Mod = now
		case p.Hash == h && p.Removed == 0:
			sn.NID, sn.Mod = p.NID, p.Mod
		default:
			sn.NID, sn.Mod = p.NID, max(p.Mod+1, now)
		}
		n.nid, n.mod = sn.NID, sn.Mod
		st.Notes = append(st.Notes, sn)
	}
	st.Notes = append(st.Notes, prev.removed(o, old, now, ds)...)
	sort.Slice(st.Notes, func(i, j int) bool { return st.Notes[i].GUID < st.Notes[j].GUID })
	return st
}

// removed returns the records of the notes left in old, marked removed;
// a note removed by this build is reported.
func (prev *State) removed(o *options, old map[string]*stateNote, now int64, ds *diag.List) []*stateNote {
	var out []*stateNote
	guids := make([]string, 0, len(old))
	for g := range old {
		guids = append(guids, g)
	}
	sort.Strings(guids)
	for _, g := range guids {
		p := old[g]
		sn := *p
		if sn.Removed == 0 {
			sn.Removed = max(p.Mod+1, now)
			sn.Mod = sn.Removed
			sn.Hash = ""
			ds.Warnf(ast.Pos{File: o.stateName, Line: p.line}, "term %q (%s) is no longer in the book; its Anki note stays in cards.apkg, tagged and marked as removed, until its line is deleted from the state file", p.ID, p.Title)
		}
		out = append(out, &sn)
	}
	return out
}

// removedNotes returns the notes of the terms that left the book: their
// title, a notice, and the removal tag; their cards come suspended.
func (st *State) removedNotes(o *options) []*note {
	var out []*note
	for _, sn := range st.Notes {
		if sn.Removed == 0 {
			continue
		}
		n := &note{
			entryID: sn.ID, guid: sn.GUID, title: sn.Title, front: html.EscapeText(sn.Title),
			back:    "<p>" + html.EscapeText(o.words.removedBack) + "</p>",
			notice:  html.EscapeText(fmt.Sprintf(o.words.removedLine, o.title)),
			tags:    append(bookTags(o), o.words.removedTag),
			removed: true, nid: sn.NID, mod: sn.Mod,
		}
		sn.Hash = n.hash(o)
		out = append(out, n)
	}
	return out
}

// hash covers everything a note carries into Anki: its fields, tags and
// the bytes of the images it shows.
func (n *note) hash(o *options) string {
	h := sha256.New()
	for _, f := range n.fields(o) {
		h.Write([]byte(f))
		h.Write([]byte{0x1f})
	}
	h.Write([]byte(strings.Join(n.tags, " ")))
	for _, m := range n.media {
		h.Write([]byte{0})
		h.Write([]byte(m))
		h.Write([]byte{0})
		h.Write([]byte(o.mediaHash[m]))
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// encode writes the state with one note per line, sorted by GUID, so that
// the file diffs well under version control.
func (st *State) encode() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\n\"format\": %d,\n\"book\": %s,\n\"notetype\": %s,\n\"notes\": [\n", st.Format, jsonString(st.Book), jsonValue(st.NoteType))
	for i, n := range st.Notes {
		b.Write(jsonValue(n))
		if i < len(st.Notes)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n}\n")
	return b.Bytes()
}

func jsonString(s string) []byte { return jsonValue(s) }

func jsonValue(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only plain strings and numbers reach here
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
