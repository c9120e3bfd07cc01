#!/bin/sh
# Makes sure the validators the tests run are installed: epubcheck (with
# Java), qpdf, poppler-utils (pdftotext, pdffonts, pdftoppm), sqlite3
# (reads the Anki package's collection) and chromium (drives the live
# preview in the browser test). As root it
# installs what is missing with apt-get; otherwise it names the command to
# run and fails, so no validation is ever skipped silently.
set -e
missing=""
[ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null 2>&1 || missing="$missing epubcheck"
command -v qpdf >/dev/null 2>&1 || missing="$missing qpdf"
command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3"
for t in pdftotext pdffonts pdftoppm pdfinfo; do
	command -v $t >/dev/null 2>&1 || { missing="$missing poppler-utils"; break; }
done
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing default-jre-headless >/dev/null
	exit 0
fi
echo "the tests need:$missing" >&2
echo "install them with: sudo apt-get install -y$missing" >&2
exit 1
