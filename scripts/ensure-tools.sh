#!/bin/sh
# Makes sure the validators the tests run are installed: epubcheck (with
# Java), qpdf, poppler-utils (pdftotext, pdffonts, pdftoppm, pdfinfo),
# sqlite3 (reads the Anki package's collection), chromium (the EPUB at
# phone width, the live preview in the browser test) and DAISY Ace, the
# EPUB accessibility checker (Node.js from Debian, Ace itself from npm at
# the version pinned in tools/ace/package-lock.json). As root it installs
# what is missing with apt-get; otherwise it names the command to run and
# fails, so no validation is ever skipped silently.
#
# Ace is installed outside the repository, in $BOOKC_TOOLS (by default
# ${XDG_CACHE_HOME:-$HOME/.cache}/bookc), so every clone shares one copy;
# the tests look for it there.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
missing=""
[ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null 2>&1 || missing="$missing epubcheck"
command -v qpdf >/dev/null 2>&1 || missing="$missing qpdf"
command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3"
for t in pdftotext pdffonts pdftoppm pdfinfo; do
	command -v $t >/dev/null 2>&1 || { missing="$missing poppler-utils"; break; }
done
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "installing:$missing"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends $missing default-jre-headless >/dev/null
	else
		echo "the tests need:$missing" >&2
		echo "install them with: sudo apt-get install -y$missing" >&2
		exit 1
	fi
fi

# DAISY Ace from npm, with Debian's Chromium instead of the browser its
# puppeteer would download.
tools=${BOOKC_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/bookc}
ace=$tools/ace-1.4.6
if [ -x "$ace/node_modules/.bin/ace-cli" ] && cmp -s "$here/tools/ace/package-lock.json" "$ace/package-lock.json"; then
	exit 0
fi
echo "installing DAISY Ace into $ace"
rm -rf "$ace"
mkdir -p "$ace"
cp "$here/tools/ace/package.json" "$here/tools/ace/package-lock.json" "$ace/"
(
	cd "$ace"
	PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
		npm ci --no-audit --no-fund --loglevel=error >/dev/null
) || { rm -rf "$ace"; echo "npm could not install @daisy/ace-cli into $ace" >&2; exit 1; }
