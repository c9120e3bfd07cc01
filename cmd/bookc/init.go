package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// starterYAML is the starter book.yaml; %s is its id.
const starterYAML = `# book.yaml: see the README for every key.
title: Mein Glossar
subtitle: Begriffe von A bis Z
author: Vorname Nachname
language: de
edition: 1. Auflage
date: 2026-01-01
# The book's stable id: the EPUB's identifier and the source of the Anki
# notes' GUIDs. Keep it when the title changes, or every card becomes new.
id: %s
content:
  - content
order: alphabetical
pdf:
  paper: A4
  two-sided: true
anki:
  tags: [glossar]
`

const starterEntry = `## Beispiel {#Beispiel .chapter .small .term}

Ein **Beispiel** ist ein Eintrag, der zeigt, wie ein Eintrag aussieht.
Er verweist auf den [Index](#Index).

### Erläuterung {.explanation}

Jeder Eintrag beginnt mit einer Überschrift der zweiten Ebene, die eine
Kennung (#Beispiel) und Klassen trägt.

### Verwandte oder andere interessante Themen: {.seealso}

[Index](#Index) |

----
`

func newInit(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "init DIR",
		Short: "Write a starter book (book.yaml and one entry) into DIR",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if _, err := os.Stat(filepath.Join(dir, "book.yaml")); err == nil {
				return &bookError{msg: filepath.Join(dir, "book.yaml") + " exists; not overwritten"}
			}
			id, err := newBookID(dir)
			if err != nil {
				return &bookError{msg: err.Error()}
			}
			files := map[string]string{"book.yaml": fmt.Sprintf(starterYAML, id), "content/beispiel.md": starterEntry}
			for _, name := range []string{"book.yaml", "content/beispiel.md"} {
				p := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					return &bookError{msg: err.Error()}
				}
				if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
					return &bookError{msg: err.Error()}
				}
			}
			fmt.Fprintf(stdout, "wrote %s; build it with: bookc build -C %s\n", filepath.Join(dir, "book.yaml"), dir)
			return nil
		},
	}
}

// newBookID makes a book id from the folder's name and 48 random bits, so
// that two books started from the same template never share their Anki
// notes.
func newBookID(dir string) (string, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	var slug strings.Builder
	for _, r := range strings.ToLower(filepath.Base(filepath.Clean(dir))) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			slug.WriteRune(r)
		case slug.Len() > 0 && !strings.HasSuffix(slug.String(), "-"):
			slug.WriteByte('-')
		}
	}
	name := strings.Trim(slug.String(), "-")
	if name == "" {
		name = "glossar"
	}
	return name + "-" + hex.EncodeToString(b[:]), nil
}
