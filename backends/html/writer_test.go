package html

import "testing"

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain":               "plain",
		`a<b>&"c"`:            "a&lt;b&gt;&amp;&quot;c&quot;",
		"Übergröße & Maß":     "Übergröße &amp; Maß",
		"bell\x07tab\tnl\n":   "belltab\tnl\n",
		"bad\xffbyte <":       "bad\uFFFDbyte &lt;",
		"non\uFFFEchar\uFFFF": "nonchar",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}
