#!/usr/bin/env bash
# folio's PDFs checked for accessibility by tools that are not folio: the
# machine-checkable PDF/UA-1 rules of `pdfua` (PyPI, on pikepdf), then
# scripts/pdf-accessibility-check.py (pikepdf and poppler's
# `pdfinfo -struct-text`) for what pdfua does not cover. What each covers:
# docs/accessibility.md. Run by .ci/run; needs python3 with venv, pdfinfo.
#   scripts/pdf-accessibility-check.sh FILE.pdf ...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet "pikepdf==10.18.0" "pdfua==0.1.3"
for pdf in "$@"; do
    # Exit 0 only without findings; a rule the tool cannot evaluate is reported, not failed.
    "$venv/bin/pdfua" check "$pdf" | grep -E "^\s+(result|\[)" | sed "s|^|$(basename "$pdf"): |"
done
"$venv/bin/python" "$here/pdf-accessibility-check.py" "$@"
