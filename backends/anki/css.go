package anki

// cardCSS styles the cards close to the EPUB: a serif text face, bold
// terms, quiet rules and tables. Anki puts "nightMode" (and, before 2.1.50,
// "night_mode") on the card in night mode; there the colours turn to light
// text on a dark page.
const cardCSS = `.card {
  font-family: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "Liberation Serif", "DejaVu Serif", serif;
  font-size: 20px; line-height: 1.45; text-align: left;
  color: #1f1d1a; background-color: #fbfaf6;
}
.bookc { max-width: 34em; margin: 0 auto; padding: 0 0.5em; -webkit-hyphens: auto; hyphens: auto; overflow-wrap: break-word; }
.bookc-term { font-size: 1.45em; font-weight: bold; line-height: 1.2; text-align: center; margin: 0.5em 0; -webkit-hyphens: manual; hyphens: manual; }
.bookc-def p { margin: 0 0 0.6em 0; }
.bookc-def h4 { font-size: 1em; font-style: italic; margin: 0.8em 0 0.3em 0; }
.bookc-notice { font-size: 0.85em; font-style: italic; text-align: center; margin: 0.4em auto; padding: 0.2em 0.5em; border: 1px solid #b0463c; color: #b0463c; max-width: 28em; }
hr#answer { border: 0; border-top: 1px solid #c9c4b8; margin: 0.8em 0; }
a { color: #1d5c8f; }
code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; }
pre { white-space: pre-wrap; border-left: 0.2em solid #c9c4b8; padding-left: 0.6em; }
blockquote { margin: 0.6em 0 0.6em 1em; padding-left: 0.6em; border-left: 0.15em solid #c9c4b8; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.6em 0; }
th, td { border: 1px solid #c9c4b8; padding: 0.2em 0.35em; vertical-align: top; }
img { max-width: 100%; height: auto; }
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card { color: #e6e2d8; background-color: #22211f; }
.nightMode a, .night_mode a { color: #8cc4f0; }
.nightMode .bookc-notice, .night_mode .bookc-notice { color: #f0a098; border-color: #f0a098; }
.nightMode hr#answer, .night_mode hr#answer, .nightMode pre, .night_mode pre,
.nightMode th, .night_mode th, .nightMode td, .night_mode td, .nightMode blockquote, .night_mode blockquote { border-color: #5a574f; }
`
