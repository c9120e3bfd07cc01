package draw

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestStructText reads the structure tree back with poppler: the
// elements in reading order, every text inside its element, the link
// texts inside Link elements, and no folio.
func TestStructText(t *testing.T) {
	path := writeTemp(t, writeTestDoc(t))
	if info := mustRun(t, "pdfinfo", path); !strings.Contains(info, "Tagged:          yes") {
		t.Errorf("pdfinfo does not see a tagged PDF:\n%s", info)
	}
	out := mustRun(t, "pdfinfo", "-struct-text", path)
	var got []string
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "Object ") || strings.TrimSpace(line) == "" {
			continue
		}
		got = append(got, strings.TrimRight(line, " "))
	}
	want := []string{
		`Document`,
		`  H1 (block)`,
		`    "KI-Glossar "`,
		`  P (block)`,
		`    Link (inline)`,
		`      "Siehe Überanpassung auf Seite 2. "`,
		`    Link (inline)`,
		`      "Wikipedia-Artikel"`,
		`  P (block)`,
		`    "` + strings.Join(testLines, " ") + `"`,
		`  Code (inline)`,
		`    "Codeblock auf grauem Grund"`,
		`  Figure`,
		`    ""`,
		`  Sect`,
		`    H1 (block)`,
		`      "Überanpassung"`,
		`    P (block)`,
		`      "Das "`,
		`      Span (inline)`,
		`        "Gewicht "`,
		`      "wⱼ "`,
		`      Span (inline)`,
		`        "Farbig "`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pdfinfo -struct-text:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// qpdfObjects returns every object of the file as qpdf reads it, with
// stream data decoded.
func qpdfObjects(t *testing.T, path string) (map[string]map[string]any, string) {
	t.Helper()
	out := mustRun(t, "qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", path)
	var j struct {
		Qpdf []map[string]json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	objs := map[string]map[string]any{}
	for k, raw := range j.Qpdf[1] {
		var o map[string]any
		if err := json.Unmarshal(raw, &o); err != nil {
			t.Fatal(err)
		}
		objs[strings.TrimPrefix(k, "obj:")] = o
	}
	root, _ := objs["trailer"]["value"].(map[string]any)["/Root"].(string)
	return objs, root
}

// dict returns the dictionary of object ref, or of a stream's.
func dict(objs map[string]map[string]any, ref string) map[string]any {
	o := objs[ref]
	if v, ok := o["value"].(map[string]any); ok {
		return v
	}
	if s, ok := o["stream"].(map[string]any); ok {
		d, _ := s["dict"].(map[string]any)
		return d
	}
	return nil
}

// streamData returns the decoded data of stream ref.
func streamData(t *testing.T, objs map[string]map[string]any, ref string) string {
	t.Helper()
	s, _ := objs[ref]["stream"].(map[string]any)
	enc, _ := s["data"].(string)
	b, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		t.Fatalf("%s: %v", ref, err)
	}
	return string(b)
}

// TestStructTree checks with qpdf's reading of the file that the
// structure tree, the parent tree, the pages' marked content and the
// annotations agree: every MCID of a page is the kid of the element the
// parent tree names for it, every element is a kid of its parent, and
// every link annotation hangs on a Link element.
func TestStructTree(t *testing.T) {
	objs, root := qpdfObjects(t, writeTemp(t, writeTestDoc(t)))
	cat := dict(objs, root)
	if m, _ := cat["/MarkInfo"].(map[string]any); m["/Marked"] != true {
		t.Errorf("catalog /MarkInfo %v", cat["/MarkInfo"])
	}
	if v, _ := cat["/ViewerPreferences"].(map[string]any); v["/DisplayDocTitle"] != true {
		t.Errorf("catalog /ViewerPreferences %v", cat["/ViewerPreferences"])
	}
	meta := streamData(t, objs, cat["/Metadata"].(string))
	for _, want := range []string{"<pdfuaid:part>1</pdfuaid:part>", "KI-Glossar: Begriffe von „Aktivierung“", "<rdf:li>de-DE</rdf:li>"} {
		if !strings.Contains(meta, want) {
			t.Errorf("XMP metadata lacks %q:\n%s", want, meta)
		}
	}
	str := dict(objs, cat["/StructTreeRoot"].(string))
	nums := numberTree(str["/ParentTree"], objs)
	pages := dict(objs, cat["/Pages"].(string))["/Kids"].([]any)
	mcidRE := regexp.MustCompile(`/MCID (\d+)`)
	var contents []string
	for i, pref := range pages {
		pg := dict(objs, pref.(string))
		if pg["/Tabs"] != "/S" {
			t.Errorf("page %d: /Tabs %v", i+1, pg["/Tabs"])
		}
		key := int(pg["/StructParents"].(float64))
		content := streamData(t, objs, pg["/Contents"].(string))
		refs, _ := nums[key].([]any)
		ms := mcidRE.FindAllStringSubmatch(content, -1)
		if len(ms) != len(refs) {
			t.Errorf("page %d: %d MCIDs in the content, %d in the parent tree", i+1, len(ms), len(refs))
		}
		for k, m := range ms {
			if m[1] != fmt.Sprint(k) {
				t.Errorf("page %d: MCID %s where %d is due", i+1, m[1], k)
			}
			if k < len(refs) && !hasMCID(dict(objs, refs[k].(string)), pref.(string), k) {
				t.Errorf("page %d: element %v does not hold MCID %d", i+1, refs[k], k)
			}
		}
		annots, _ := pg["/Annots"].([]any)
		for _, a := range annots {
			ad := dict(objs, a.(string))
			link, _ := nums[int(ad["/StructParent"].(float64))].(string)
			if ld := dict(objs, link); ld["/S"] != "/Link" || !hasObjr(ld, a.(string)) {
				t.Errorf("page %d: annotation %v hangs on %v %v", i+1, a, link, ld)
			}
			if c, _ := ad["/Contents"].(string); c == "" {
				t.Errorf("page %d: annotation %v has no /Contents", i+1, a)
			} else {
				contents = append(contents, strings.TrimPrefix(c, "u:"))
			}
		}
	}
	if want := []string{"Siehe Überanpassung auf Seite 2.", "Wikipedia-Artikel"}; !slices.Equal(contents, want) {
		t.Errorf("links described as %q, want %q", contents, want)
	}
	checkParents(t, objs, str["/K"].([]any)[0].(string), cat["/StructTreeRoot"].(string))
	langs := map[string]int{}
	for ref := range objs {
		if d := dict(objs, ref); d["/S"] == "/Span" {
			l, _ := d["/Lang"].(string)
			langs[strings.TrimPrefix(l, "u:")]++
		}
	}
	if langs["de-CH"] != 1 || langs["en"] != 1 {
		t.Errorf("languages of the spans: %v, want one de-CH and one en", langs)
	}
}

// numberTree flattens a number tree with a /Nums array.
func numberTree(v any, objs map[string]map[string]any) map[int]any {
	d, ok := v.(map[string]any)
	if !ok {
		d = dict(objs, v.(string))
	}
	out := map[int]any{}
	list := d["/Nums"].([]any)
	for i := 0; i+1 < len(list); i += 2 {
		out[int(list[i].(float64))] = list[i+1]
	}
	return out
}

// kids returns an element's /K as a list.
func kids(d map[string]any) []any {
	if k, ok := d["/K"].([]any); ok {
		return k
	}
	return []any{d["/K"]}
}

// hasMCID reports whether element d holds MCID m of page pg.
func hasMCID(d map[string]any, pg string, m int) bool {
	for _, k := range kids(d) {
		switch k := k.(type) {
		case float64:
			if int(k) == m && d["/Pg"] == pg {
				return true
			}
		case map[string]any:
			if k["/MCID"] == float64(m) && k["/Pg"] == pg {
				return true
			}
		}
	}
	return false
}

// hasObjr reports whether element d holds annotation a.
func hasObjr(d map[string]any, a string) bool {
	return slices.ContainsFunc(kids(d), func(k any) bool {
		m, ok := k.(map[string]any)
		return ok && m["/Type"] == "/OBJR" && m["/Obj"] == a
	})
}

// checkParents walks the tree from element ref, whose parent is parent.
func checkParents(t *testing.T, objs map[string]map[string]any, ref, parent string) {
	d := dict(objs, ref)
	if d["/P"] != parent {
		t.Errorf("element %s (%v) has parent %v, want %s", ref, d["/S"], d["/P"], parent)
	}
	for _, k := range kids(d) {
		if s, ok := k.(string); ok && dict(objs, s)["/S"] != nil {
			checkParents(t, objs, s, ref)
		}
	}
}
