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

// separator is the field separator the header announces. Tabs never occur
// in the generated HTML outside code, whereas semicolons end every HTML
// entity and are common in prose, and Anki's own note export uses tabs.
const separator = '\t'

// writeHeader writes Anki's header lines. The separator comes first:
// Anki splits later lines such as #columns with the separator it already
// knows. Values are written right after the colon because Anki does not
// trim them.
func writeHeader(buf *bytes.Buffer, o *options) {
	buf.WriteString("#separator:Tab\n")
	buf.WriteString("#html:true\n")
	buf.WriteString("#notetype:" + o.noteType + "\n")
	buf.WriteString("#deck:" + o.deck + "\n")
	writeColumns(buf, o.fields)
	fmt.Fprintf(buf, "#guid column:%d\n", colGUID)
	fmt.Fprintf(buf, "#tags column:%d\n", colTags)
}

// writeColumns names the columns. Anki maps the note type's fields to
// the columns of the same name; the tags and GUID columns are named for
// the reader, Anki takes them from their own header lines.
func writeColumns(buf *bytes.Buffer, fields []string) {
	names := [numCols]string{}
	names[colFront-1], names[colBack-1] = "Front", "Back"
	if len(fields) == 2 {
		names[colFront-1], names[colBack-1] = headerValue(fields[0]), headerValue(fields[1])
	}
	names[colTags-1], names[colGUID-1] = "Tags", "GUID"
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
func writeRow(buf *bytes.Buffer, front string, back []byte, tags, guid string) {
	fields := [numCols][]byte{}
	fields[colFront-1] = []byte(front)
	fields[colBack-1] = back
	fields[colTags-1] = []byte(tags)
	fields[colGUID-1] = []byte(guid)
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
func writeField(buf *bytes.Buffer, f []byte) {
	if bytes.IndexAny(f, "\t\"\r\n") < 0 && !bytes.HasPrefix(f, []byte("#")) {
		buf.Write(f)
		return
	}
	buf.WriteByte('"')
	for {
		i := bytes.IndexByte(f, '"')
		if i < 0 {
			break
		}
		buf.Write(f[:i+1])
		buf.WriteByte('"')
		f = f[i+1:]
	}
	buf.Write(f)
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

// noteTags returns the tags column: the configured tags and the term's
// letter group, space-separated, each without white space.
func noteTags(o *options, e *ast.Entry) string {
	all := make([]string, 0, len(o.tags)+1)
	seen := map[string]bool{}
	add := func(t string) {
		t = cleanTag(t)
		if t != "" && !seen[strings.ToLower(t)] {
			seen[strings.ToLower(t)] = true
			all = append(all, t)
		}
	}
	for _, t := range o.tags {
		add(t)
	}
	add(o.letterPrefix + "::" + collation.Letter(e.TitleText()))
	return strings.Join(all, " ")
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
