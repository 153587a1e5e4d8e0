#!/usr/bin/env bash
# The interview as Word, read by tools that are not folio: python-docx
# (styles, list numbering, tables, hyperlinks) and pandoc (the text, in
# order). Builds a portfolio from the LinkedIn, ORCID and Day One fixtures.
#
#   scripts/docx-check.sh        (needs python3 with venv, and pandoc)
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet python-docx

cargo build --locked --quiet
folio="$PWD/target/debug/folio"
export FOLIO_DB="$work/p.db" FOLIO_TODAY=2026-12-01
for file in linkedin/Basic_LinkedInDataExport_11-30-2026.zip orcid/record.json dayone/Export-Journal.zip; do
    "$folio" import "tests/fixtures/$file" --quiet 2>/dev/null
done
"$folio" export docx --out "$work/cv.docx" --quiet

"$work/venv/bin/python" - "$work/cv.docx" <<'PY'
import sys
import docx
from docx.oxml.ns import qn

d = docx.Document(sys.argv[1])
styles = [p.style.name for p in d.paragraphs]
headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
for wanted in ["Profile", "Qualifications and certificates", "Roles and responsibilities",
               "Publications", "Recommendations", "Courses and CPD"]:
    assert wanted in headings, f"no Heading 1 '{wanted}': {headings}"
assert styles[0] == "Title" and d.paragraphs[0].text == "Amara Okafor", styles[:2]
items = [p for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
assert len(items) >= 4, f"list items in Word's numbering: {len(items)}"
assert any("Lead the ward" in p.text for p in items), "the bullet list of a role"
assert len(d.tables) >= 2, f"tables: {len(d.tables)}"
header = d.tables[1].rows[0].cells
assert [c.text for c in header] == ["Award", "Awarded by", "Date", "Grade / status"], [c.text for c in header]
assert all(r.bold for c in header for p in c.paragraphs for r in p.runs), "a bold header row"
links = d.element.body.findall(".//" + qn("w:hyperlink"))
targets = {d.part.rels[l.get(qn("r:id"))].target_ref for l in links}
assert "https://doi.org/10.1136/bmjoq-2024-003001" in targets, targets
assert not d.element.body.findall(".//" + qn("w:txbxContent")), "no text boxes"
print(f"ok python-docx: {len(headings)} headings, {len(items)} list items, {len(d.tables)} tables, {len(targets)} links")
PY

# pandoc takes the Title paragraph for the document's title: --standalone prints it.
text=$(pandoc --standalone -t plain "$work/cv.docx")
last=0
for phrase in "Amara Okafor" "Qualifications and certificates" "Roles and responsibilities" "Senior Staff Nurse — Leeds" "Publications" \
    "Teaching the sepsis six" "Recommendations" "She is the person new staff go to" "Courses and CPD"; do
    at=$(printf '%s' "$text" | grep -n -F "$phrase" | head -1 | cut -d: -f1)
    if [ -z "$at" ] || [ "$at" -lt "$last" ]; then
        echo "pandoc: '$phrase' missing or out of order" >&2
        printf '%s\n' "$text" >&2
        exit 1
    fi
    last=$at
done
echo "ok pandoc: the text in order"
