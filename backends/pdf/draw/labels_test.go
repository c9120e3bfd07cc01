package draw

import (
	"testing"

	"bookc/backends/pdf/page"
)

func TestPageLabels(t *testing.T) {
	for _, c := range []struct {
		labels []string
		want   string
	}{
		{[]string{"", ""}, ""},
		{[]string{"1", "2", "3"}, "<</Nums [0 <</S /D>>]>>"},
		{
			[]string{"", "", "i", "ii", "iii", "", "1", "2", "", "4", "A-1", "A-1", "Anhang", "", "XIV", "7"},
			"<</Nums [0 <<>> 2 <</S /r>> 6 <</S /D>> 10 <</P <FEFF0041002D0031>>> " +
				"12 <</P <FEFF0041006E00680061006E0067>>> 13 <</S /R /St 13>> 15 <</S /D /St 7>>]>>",
		},
		{[]string{"Ü"}, "<</Nums [0 <</P <FEFF00DC>>>]>>"},
		{[]string{"", "", "iii", "iv", "", "1"}, "<</Nums [0 <</S /r>> 5 <</S /D>>]>>"},
		{[]string{"", "", "", "2", "3"}, "<</Nums [0 <<>> 3 <</S /D /St 2>>]>>"},
		{[]string{"Titel", "", "3"}, "<</Nums [0 <</P <FEFF0054006900740065006C>>> 1 <</S /D /St 2>>]>>"},
		{[]string{"3", "5"}, "<</Nums [0 <</S /D /St 3>> 1 <</S /D /St 5>>]>>"},
		{[]string{"iiii", "IC", "007"}, "<</Nums [0 <</P <FEFF0069006900690069>>> 1 <</P <FEFF00490043>>> 2 <</P <FEFF003000300037>>>]>>"},
	} {
		var pages []*page.Page
		for _, l := range c.labels {
			pages = append(pages, &page.Page{Label: l})
		}
		if got := pageLabels(pages); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.labels, got, c.want)
		}
	}
}

func TestRoman(t *testing.T) {
	for v := 1; v < 4000; v++ {
		if got := romanValue(page.Roman(v)); got != v {
			t.Fatalf("romanValue(%q) = %d, want %d", page.Roman(v), got, v)
		}
	}
	for _, bad := range []string{"", "iiii", "vv", "ic", "mmmm", "abc"} {
		if romanValue(bad) != 0 {
			t.Errorf("%q accepted", bad)
		}
	}
}
