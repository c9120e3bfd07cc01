package parse

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bookc/config"
)

func seedText(b *testing.B) []byte {
	data, err := os.ReadFile("../testdata/hugging-face.txt")
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkFile parses the seed entry once per iteration.
func BenchmarkFile(b *testing.B) {
	data := seedText(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		File("seed.txt", data, "de")
	}
}

// BenchmarkBook parses a 1,000-entry book from files, concurrently, with
// ids and ordering.
func BenchmarkBook(b *testing.B) {
	seed := string(seedText(b))
	dir := b.TempDir()
	var files []string
	for i := 0; i < 1000; i++ {
		name := fmt.Sprintf("e%04d.md", i)
		text := strings.Replace(seed, "{#Hugging-Face", fmt.Sprintf("{#Eintrag-%d", i), 1)
		text = strings.Replace(text, "## Hugging Face", fmt.Sprintf("## Eintrag %d", 1000-i), 1)
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
		files = append(files, name)
	}
	cfg, _ := config.Parse("book.yaml", []byte("title: B\n"))
	cfg.Dir = dir
	b.ResetTimer()
	for b.Loop() {
		Book(cfg, files)
	}
}
