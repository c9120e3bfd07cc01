package anki

import (
	"strings"
	"testing"
)

// This file replays what Anki's package importer does with the notes of
// successive packages, as transcribed from
// rslib/src/import_export/package/apkg/import/notes.rs (import_notes,
// maybe_update_existing_note, should_update with the default "if newer",
// update_note) and Anki 2.1.54's pylib/anki/importing/anki2.py
// (_importNotes: "will update if incoming note more recent"). Versions
// differ in the time an updated note keeps: 2.1.50–2.1.54 and 25.02 on
// keep the incoming time, 2.1.55–24.11 stamp the time of the import.

type pkgVersion struct {
	name string
	// stampsImport: an updated note gets the import's time, not the
	// package's (2.1.55 to 24.11).
	stampsImport bool
}

var pkgVersions = []pkgVersion{{"2.1.54", false}, {"2.1.55", true}, {"24.11", true}, {"25.09", false}}

// collectionNote is a note in the learner's collection.
type collectionNote struct {
	mid, mod int64
	flds     string
}

// importPackage imports a package's notes into col at the time now and
// returns the GUIDs it updated.
func importPackage(t *testing.T, col map[string]*collectionNote, data []byte, v pkgVersion, now int64) (added, updated []string) {
	t.Helper()
	p, _ := checkPackage(t, data)
	for _, n := range p.query(t, "SELECT guid, mid, mod, flds FROM notes ORDER BY id") {
		g := str(n["guid"])
		in := &collectionNote{mid: mustInt(n["mid"]), mod: mustInt(n["mod"]), flds: str(n["flds"])}
		old, ok := col[g]
		switch {
		case !ok:
			col[g] = in // add_note keeps the incoming time
			added = append(added, g)
		case old.mid == in.mid && old.mod < in.mod:
			if v.stampsImport {
				in.mod = now
			}
			col[g] = in
			updated = append(updated, g)
		}
	}
	return added, updated
}

// TestPackageUpdates imports three releases of a book into each version:
// every release updates exactly the note that changed, also when the same
// note changes twice, and the fields end as in the last release.
func TestPackageUpdates(t *testing.T) {
	const day = 86400
	const built = 1796083200 // 2026-12-01, the first build
	b := newBook(t, "title: T\nid: t\ndate: 2026-11-01\n", map[string]string{"a.md": smallEntries})
	var st *State
	var packages [][]byte
	for i, text := range []string{"ein Sprachmodell.", "ein Sprachmodell von Google.", "ein Sprachmodell von Google (2018)."} {
		b.files["a.md"] = strings.Replace(smallEntries, "ein Sprachmodell.", text, 1)
		if st != nil {
			st.now = built + int64(i)*day
		}
		_, out, _ := b.renderState(t, st)
		st = mustState(t, out.State)
		packages = append(packages, out.APKG)
	}
	bert := noteGUID("t", "BERT")
	for _, v := range pkgVersions {
		col := map[string]*collectionNote{}
		for i, data := range packages {
			// The learner imports each release an hour after its build.
			added, updated := importPackage(t, col, data, v, built+int64(i)*day+3600)
			switch {
			case i == 0 && (len(added) != 2 || len(updated) != 0):
				t.Errorf("Anki %s, release 1: added %v, updated %v", v.name, added, updated)
			case i > 0 && (len(added) != 0 || len(updated) != 1 || updated[0] != bert):
				t.Errorf("Anki %s, release %d: added %v, updated %v; want BERT's note only", v.name, i+1, added, updated)
			}
		}
		if !strings.Contains(col[bert].flds, "von Google (2018).") {
			t.Errorf("Anki %s: BERT's note ends as %q", v.name, col[bert].flds)
		}
	}
}
