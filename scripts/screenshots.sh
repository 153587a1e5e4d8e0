#!/usr/bin/env bash
# Regenerates docs/images/*.png: page 1 of each demo PDF.
# Needs pdftoppm (Debian package poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
FOLIO_TODAY=2026-11-22 cargo run --quiet --release -- demo --dir "$dir" --quiet
for profile in interview review evidence; do
    pdftoppm -png -r 50 -f 1 -l 1 -singlefile "$dir/folio-$profile.pdf" "docs/images/$profile-page1"
done
echo "updated docs/images/"
