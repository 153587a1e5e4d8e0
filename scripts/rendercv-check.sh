#!/usr/bin/env bash
# `folio export rendercv` read by rendercv itself: its schema validates the
# file and `rendercv render` typesets it, with no edits and no network.
# rendercv's themes import the Typst package @preview/fontawesome, which
# Typst would download: folio carries a stand-in of its own in
# scripts/typst-packages/ and points Typst's package cache at it.
#
#   scripts/rendercv-check.sh        (needs python3 with venv, pdftotext)
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
# click is named too: typer no longer brings it, and rendercv's CLI imports it.
"$work/venv/bin/pip" install --quiet "rendercv[full]==2.3" click

cargo build --locked --quiet
folio="$PWD/target/debug/folio"
export FOLIO_DB="$work/p.db" FOLIO_TODAY=2026-12-01
for file in linkedin/Basic_LinkedInDataExport_11-30-2026.zip orcid/record.json; do
    "$folio" import "tests/fixtures/$file" --quiet 2>/dev/null
done
"$folio" profile set --phone "+44 113 496 0000" --quiet
"$folio" export rendercv --out "$work/CV.yaml" --quiet

mkdir -p "$work/cache/typst/packages"
cp -r scripts/typst-packages/preview "$work/cache/typst/packages/"
(cd "$work" && XDG_CACHE_HOME="$work/cache" venv/bin/rendercv render CV.yaml >render.log 2>&1) || {
    cat "$work/render.log" >&2
    exit 1
}
pdf=$(ls "$work"/rendercv_output/*.pdf)
text=$(pdftotext "$pdf" - 2>/dev/null)
for phrase in "Amara Okafor" "Experience" "Senior Staff Nurse" "Education" "Publications" \
    "Teaching the sepsis six to newly qualified nurses" "Certifications" "Immediate Life Support"; do
    if [[ "$text" != *"$phrase"* ]]; then echo "rendercv's PDF lacks '$phrase'" >&2; exit 1; fi
done
echo "ok rendercv rendered folio's CV ($(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages/ {print $2}') pages)"
