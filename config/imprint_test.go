package config

import (
	"strings"
	"testing"
)

func TestISBN(t *testing.T) {
	for in, want := range map[string]bool{"978-3-16-148410-0": true, "ISBN 978-3-16-148410-0": true,
		"978-3-16-148410-1": false, "3-16-148410-X": true, "3-16-148410-0": false, "12345": false, "978316148410O": false} {
		if _, ok := NormalISBN(in); ok != want {
			t.Errorf("NormalISBN(%q) ok = %v, want %v", in, ok, want)
		}
	}
}

func TestPublishingKeys(t *testing.T) {
	good := "title: T\npublisher: Verlag\nrights: © 2026\nisbn:\n  print: 978-3-16-148410-0\n  ebook: 978-3-16-148411-7\n" +
		"epub:\n  accessibility:\n    conforms-to: EPUB Accessibility 1.1 - WCAG 2.1 Level AA\n    certified-by: Verlag\n"
	b, ds := Parse("book.yaml", []byte(good))
	if b == nil || len(ds) > 0 {
		t.Fatalf("rejected: %v", ds)
	}
	if b.Publisher != "Verlag" || b.ISBN.EBook.Value != "978-3-16-148411-7" || b.EPUB.Accessibility.CertifiedBy != "Verlag" {
		t.Errorf("keys not read: %+v", b)
	}
	for src, want := range map[string]string{
		"title: T\nisbn:\n  print: 978-3-16-148410-1\n":                 "book.yaml:3: error: isbn.print",
		"title: T\nepub:\n  accessibility:\n    conforms-to: WCAG AA\n": "book.yaml:4: error: epub.accessibility.conforms-to",
		"title: T\nepub:\n  accessibility:\n    certifed-by: X\n":       `unknown key "certifed-by" in epub.accessibility`,
		"title: T\nisbn: 978-3-16-148410-0\n":                           "book.yaml:2: error:",
	} {
		_, ds := Parse("book.yaml", []byte(src))
		if got := ds.Error(); !strings.Contains(got, want) {
			t.Errorf("%q: got %q, want %q", src, got, want)
		}
	}
}
