#!/usr/bin/env bash
# Checks folio's files with other tools' own readers, in a throw-away
# virtualenv of their Python packages from PyPI: the recipe of docs/scheme.md
# (exports and a cohort CSV loaded into DuckDB with docs/scheme/*.sql) on
# three small portfolios, and the demo's calendar export parsed by
# `icalendar`. Run by .ci/run; needs python3 with venv.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked --quiet
folio="$PWD/target/debug/folio"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "duckdb==2.0.1" "icalendar==6.3.1"

cd "$work"
export FOLIO_TODAY=2026-03-15
mkdir exports
for mentee in Ada Ben Cai; do
    "$folio" --db "$mentee.db" framework import "$OLDPWD/examples/frameworks/emcc-mentoring.toml" --quiet
    "$folio" --db "$mentee.db" profile set --name "$mentee" --quiet
done
"$folio" --db Ada.db add reflection "Rapport first" --claim emcc/relationship/foundation/1 --quiet >/dev/null
"$folio" --db Ada.db add reflection "Knowing myself" --claim emcc/self --quiet >/dev/null
"$folio" --db Ada.db verdict 1 accepted --by "Dr Okubo" --claim emcc/relationship/foundation/1 --quiet
"$folio" --db Ben.db add course "Building rapport" --claim emcc/relationship --quiet >/dev/null
"$folio" --db Ben.db add reflection "A private doubt" --private --claim emcc/insight --quiet >/dev/null
"$folio" --db Cai.db add course "Questioning skills" --claim emcc/insight --quiet >/dev/null
# The recipe, as docs/scheme.md gives it.
for db in *.db; do "$folio" --db "$db" export json --out "exports/${db%.db}.json" --quiet; done
"$folio" cohort *.db --framework emcc --csv > cohort.csv

"$work/venv/bin/python" - "$OLDPWD/docs/scheme" <<'PY'
import sys, duckdb
queries = sys.argv[1]
coverage = duckdb.sql(open(f"{queries}/coverage.sql").read()).fetchall()
expected = [("insight", 1, 1, 0), ("relationship", 2, 2, 1), ("self", 1, 1, 0)]
assert coverage == expected, f"coverage: {coverage} != {expected} (a private entry must not count)"
waiting = [(m, p) for m, p, _ in duckdb.sql(open(f"{queries}/cohort.sql").read()).fetchall()]
assert waiting == [("Ada", 1), ("Ben", 1), ("Cai", 1)], f"cohort: {waiting}"
print("scheme recipe: coverage", coverage, "; waiting", waiting)
PY

# The calendar: every event parses, with its UID, date and summary, and a second export is the same.
"$folio" demo --dir demo --quiet
"$folio" --db demo/portfolio.db export ics --out due.ics --quiet
"$folio" --db demo/portfolio.db export ics --out again.ics --quiet
cmp due.ics again.ics
"$work/venv/bin/python" - due.ics <<'PY'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = list(cal.walk("VEVENT"))
assert len(events) >= 10, f"{len(events)} events"
uids = [str(e["UID"]) for e in events]
assert len(set(uids)) == len(uids), "UIDs are unique"
kinds = {u.split("-")[0] for u in uids}
assert {"action", "goal", "expiry"} <= kinds, kinds
for e in events:
    assert e["DTSTART"].dt and str(e["SUMMARY"]), e
print("calendar:", len(events), "events parsed by icalendar", sorted(kinds))
PY
