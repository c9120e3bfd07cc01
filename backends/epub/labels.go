package epub

import (
	"regexp"
	"strings"

	"bookc/config"
)

// words are the generated texts of the book's language.
type words = config.Labels

// wordsFor returns the words for the book's language.
func wordsFor(cfg *config.Book) words { return cfg.Labels() }

var langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// langOf returns the book's language as a BCP 47 tag fit for lang and
// xml:lang ("de_AT" becomes "de-AT"), and whether it had to be replaced.
func langOf(cfg *config.Book) (string, bool) {
	tag := strings.ReplaceAll(strings.TrimSpace(cfg.Language), "_", "-")
	if langTag.MatchString(tag) {
		return tag, true
	}
	return "und", false
}
