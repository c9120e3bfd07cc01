package anki

import "testing"

func TestSanitizeBlock(t *testing.T) {
	cases := map[string]string{
		"<script>alert(1)</script>":                    "",
		"<SCRIPT type=x>alert(1)</SCRIPT>nach":         "nach",
		"<style>p{}</style><p>Text</p>":                "Text",
		"<!-- Kommentar -->":                           "",
		"<div onclick=\"x()\">a<br/>b</div>":           "a<br>b",
		"<p>10<sup class=x>9</sup> &amp; <b>fett":      "10<sup>9</sup> &amp; <b>fett</b>",
		"<img src=x onerror=alert(1) alt='Bild <1>'>":  "Bild &lt;1&gt;",
		"<svg onload=alert(1)><text>t</text></svg>ok":  "ok",
		"<i><b>x</i>y</b>":                             "<i><b>x</b></i>y",
		"<scr<script>ipt>alert(1)</script>":            "ipt&gt;alert(1)",
		"<iframe src=javascript:alert(1)></iframe>":    "",
		"<table><tr><td>a</td><td>b</td></tr></table>": "a b",
	}
	for in, want := range cases {
		if got := sanitizeBlock(in); got != want {
			t.Errorf("sanitizeBlock(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRawInlineRun(t *testing.T) {
	var st rawState
	var got string
	for _, piece := range []string{"<sup>", "</b>", "<script>"} {
		got += st.inline(piece)
	}
	if !st.skipping() {
		t.Fatal("not skipping inside <script>")
	}
	got += st.inline("</script>")
	if st.skipping() {
		t.Fatal("still skipping after </script>")
	}
	got += st.close()
	if got != "<sup></sup>" {
		t.Errorf("got %q", got)
	}
}
