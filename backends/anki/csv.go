package anki

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode"

	"bookc/ast"
	"bookc/collation"
)

// The CSV is tab-separated, UTF-8 without a byte order mark, and starts
// with Anki's header lines (rules from Anki's
// rslib/src/import_export/text/csv/metadata.rs and import.rs):
//
//	#separator:Tab
//	#html:true
//	#notetype:Einfach
//	#deck column:3
//	#tags:ki-glossar
//	#guid column:4
//	#if matches:update current
//
// Each row holds front, back, deck and GUID.
//   - No #columns line unless anki.fields names the fields: with names,
//     Anki maps columns to fields by name, and the stock note types name
//     their fields in the collection's language ("Vorderseite" in German),
//     so the back would stay empty in any other language. Without names
//     the columns that are not deck or GUID map to the fields in order.
//   - #notetype names the stock type in the book's language; Anki looks it
//     up by exact name and, where it has none of that name, takes the type
//     last used for adding, which in a stock profile is the same stock
//     type under its local name. Reverse cards therefore come as rows of
//     their own (definition first), not from a note type of a given name.
//   - A #deck header names only an existing deck before Anki 25.07.3; a
//     deck column creates missing decks (and :: subdecks) in every version.
//   - #if matches pins "update" (read from Anki 2.1.58 on; 2.1.55 to
//     2.1.57 use the choice saved from the last import, "update" unless
//     the user changed it).
//   - Tags are a #tags header, not a column: a tags column replaces all
//     tags of an updated note, the user's own ("marked", "leech") too,
//     while header tags are added to the tags the note has.
const (
	colFront = 1
	colBack  = 2
	colDeck  = 3
	colGUID  = 4
	numCols  = 4
)

// separator is the field separator the header announces. Tabs never occur
// in the generated HTML outside code, whereas semicolons end every HTML
// entity and are common in prose, and Anki's own note export uses tabs.
const separator = '\t'

// writeCSV writes the header and one row per note, and a row with the
// fields swapped for each reverse card.
func writeCSV(o *options, notes []*note) []byte {
	var buf bytes.Buffer
	buf.Grow(256 + 1024*len(notes))
	writeHeader(&buf, o)
	for _, n := range notes {
		back := n.back
		if n.notice != "" {
			back = "<p><b>" + n.notice + "</b></p>" + back
		}
		writeRow(&buf, n.front, back, o.deck, n.guid)
		if o.reversed && o.noteType == "" && !n.removed {
			writeRow(&buf, back, n.front, o.deck, reverseGUID(o.bookID, n.entryID))
		}
	}
	return buf.Bytes()
}

// writeHeader writes Anki's header lines. The separator comes first:
// Anki splits later lines such as #columns with the separator it already
// knows. Values are written right after the colon because Anki does not
// trim them.
func writeHeader(buf *bytes.Buffer, o *options) {
	buf.WriteString("#separator:Tab\n")
	buf.WriteString("#html:true\n")
	nt := o.noteType
	if nt == "" {
		nt = o.words.stockBasic
	}
	buf.WriteString("#notetype:" + nt + "\n")
	fmt.Fprintf(buf, "#deck column:%d\n", colDeck)
	if tags := bookTags(o); len(tags) > 0 {
		buf.WriteString("#tags:" + strings.Join(tags, " ") + "\n")
	}
	fmt.Fprintf(buf, "#guid column:%d\n", colGUID)
	buf.WriteString("#if matches:update current\n")
	if len(o.fields) == 2 {
		writeColumns(buf, o.fields)
	}
}

// writeColumns names the columns. Anki maps the note type's fields to
// the columns of the same name; the deck and GUID columns are named for
// the reader, Anki takes them from their own header lines.
func writeColumns(buf *bytes.Buffer, fields []string) {
	names := [numCols]string{}
	names[colFront-1], names[colBack-1] = headerValue(fields[0]), headerValue(fields[1])
	names[colDeck-1], names[colGUID-1] = "Deck", "GUID"
	buf.WriteString("#columns:")
	for i, n := range names {
		if i > 0 {
			buf.WriteByte(separator)
		}
		buf.WriteString(n)
	}
	buf.WriteByte('\n')
}

// writeRow writes one note as an RFC 4180 record ending in a line feed.
func writeRow(buf *bytes.Buffer, front, back, deck, guid string) {
	fields := [numCols]string{}
	fields[colFront-1] = front
	fields[colBack-1] = back
	fields[colDeck-1] = deck
	fields[colGUID-1] = guid
	for i, f := range fields {
		if i > 0 {
			buf.WriteByte(separator)
		}
		writeField(buf, f)
	}
	buf.WriteByte('\n')
}

// writeField quotes a field that holds the separator, a quote or a line
// break, and one that starts with '#', which Anki would take for a
// comment line when it starts a record. Quotes inside are doubled.
func writeField(buf *bytes.Buffer, f string) {
	if !strings.ContainsAny(f, "\t\"\r\n") && !strings.HasPrefix(f, "#") {
		buf.WriteString(f)
		return
	}
	buf.WriteByte('"')
	buf.WriteString(strings.ReplaceAll(f, `"`, `""`))
	buf.WriteByte('"')
}

// noteGUID derives a note's GUID from the book's id and the entry's id
// only, never from its text: edits and renamed titles keep the note, and
// two books never share a GUID. It is the first 80 bits of a SHA-256,
// in unpadded base64url (14 characters, none of them special to Anki's
// CSV reader).
func noteGUID(bookID, entryID string) string {
	h := sha256.Sum256([]byte("bookc\x00" + bookID + "\x00" + entryID))
	return base64.RawURLEncoding.EncodeToString(h[:10])
}

// reverseGUID is the GUID of the CSV's reverse row of an entry.
func reverseGUID(bookID, entryID string) string {
	return noteGUID(bookID, entryID+"\x00reverse")
}

// bookTags are the configured tags, cleaned and without repeats.
func bookTags(o *options) []string {
	var all []string
	seen := map[string]bool{}
	for _, t := range o.tags {
		t = cleanTag(t)
		if t != "" && !seen[strings.ToLower(t)] {
			seen[strings.ToLower(t)] = true
			all = append(all, t)
		}
	}
	return all
}

// noteTags returns a package note's tags: the configured tags and the
// term's letter group, each without white space.
func noteTags(o *options, e *ast.Entry) []string {
	tags := bookTags(o)
	letter := cleanTag(o.words.letter + "::" + collation.Letter(e.TitleText()))
	for _, t := range tags {
		if strings.EqualFold(t, letter) {
			return tags
		}
	}
	return append(tags, letter)
}

// cleanTag replaces what cannot stand in an Anki tag (white space, control
// characters, quotes) with '_'.
func cleanTag(t string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '"' {
			return '_'
		}
		return r
	}, strings.TrimSpace(t))
}
