#!/usr/bin/env bash
# Runs the recipe of docs/scheme.md on three small portfolios: exports and a
# cohort CSV loaded into DuckDB (its Python package, from PyPI, in a
# throw-away virtualenv) with the queries in docs/scheme/*.sql, and checks
# the answers. Run by .ci/run; needs python3 with venv.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked --quiet
folio="$PWD/target/debug/folio"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "duckdb==2.0.1"

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
