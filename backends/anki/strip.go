package anki

import (
	"crypto/sha1"
	"encoding/binary"
	"html"
	"regexp"
	"strings"
)

// The text Anki keeps of a field for sorting and duplicate checks, as in
// rslib/src/text.rs (strip_html_preserving_media_filenames) and
// rslib/src/notes/mod.rs (field_checksum).
var (
	htmlRE = regexp.MustCompile(`(?si)(<!--.*?-->)|(<style.*?>.*?</style>)|(<script.*?>.*?</script>)|(<.*?>)`)
	// mediaTagRE keeps the file name of an image, audio, video, object or
	// source tag.
	mediaTagRE = regexp.MustCompile(`(?si)<\b(?:img|audio|video|object|source)\b(?:[^>]|"[^"]+?"|'[^']+?')+?\b(?:src|data)\b=(?:"([^"]+?)"[^>]*>|'([^']+?)'[^>]*>|([^ >]+?)(?: [^>]*>|/>|>))`)
)

// stripHTMLMedia is Anki's strip_html_preserving_media_filenames: media
// tags become their file names, other tags go, entities are decoded and
// no-break spaces become spaces.
func stripHTMLMedia(s string) string {
	s = mediaTagRE.ReplaceAllString(s, " ${1}${2}${3} ")
	s = htmlRE.ReplaceAllString(s, "")
	if strings.Contains(s, "&") {
		s = strings.ReplaceAll(html.UnescapeString(s), "\u00a0", " ")
	}
	return s
}

// fieldChecksum is Anki's field_checksum: the first four bytes of the
// SHA-1 of the stripped first field, big-endian.
func fieldChecksum(stripped string) int64 {
	h := sha1.Sum([]byte(stripped))
	return int64(binary.BigEndian.Uint32(h[:4]))
}
