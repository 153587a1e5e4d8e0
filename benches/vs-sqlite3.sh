#!/usr/bin/env bash
# folio against the floor: the same question answered by `true` (process
# start), by the sqlite3 command-line tool on the same file, and by folio —
# and a bulk import against sqlite3 loading the same rows into the same
# schema (indexes and full-text triggers included) from CSV. Each pair is
# measured in the same run, so the ratios hold on any machine.
#
#   benches/vs-sqlite3.sh [ENTRIES]      (default 10000; needs hyperfine, sqlite3)
#
# Prints a Markdown table for BENCHMARKS.md ("folio against sqlite3 and true").
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
for tool in hyperfine sqlite3 python3; do
    command -v "$tool" >/dev/null || { echo "benches/vs-sqlite3.sh needs $tool" >&2; exit 1; }
done
cargo build --release --quiet --example generate --features generate
cargo build --release --quiet
folio="$PWD/target/release/folio"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/generate "$n" "$work/p.json" "$work/j.txt" >/dev/null
db="$work/p.db"
FOLIO_DB="$db" "$folio" import "$work/p.json" --quiet
export FOLIO_DB="$db" FOLIO_TODAY=2026-12-01

median() { python3 -c 'import json,statistics as s,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.2f" % (s.median(x["times"])*1000) for x in r))' "$1"; }

# question | folio arguments | the SQL sqlite3 answers it with
questions=(
"list --limit 10|list --limit 10|SELECT id, date, kind, title FROM entries WHERE deleted_at IS NULL AND private = 0 ORDER BY date_key DESC, id DESC LIMIT 10"
"show|show 500|SELECT * FROM entries WHERE id = 500; SELECT * FROM claims WHERE entry_id = 500; SELECT * FROM verdicts WHERE entry_id = 500; SELECT name, size FROM attachments WHERE entry_id = 500"
"search common word|search reflection|SELECT e.id, e.title, snippet(entry_fts, -1, '[', ']', '…', 16) FROM entry_fts JOIN entries e ON e.id = entry_fts.rowid WHERE entry_fts MATCH 'reflection' ORDER BY bm25(entry_fts, 10.0, 1.0, 1.0, 5.0, 2.0) LIMIT 20"
"agenda (overdue actions)|agenda|SELECT id, text, due FROM actions WHERE deleted_at IS NULL AND done_date IS NULL AND due IS NOT NULL AND due < '2026-12-01' ORDER BY due LIMIT 50"
)
echo "| $n entries | \`true\` | sqlite3 | folio | folio ÷ true | folio ÷ sqlite3 |"
echo "|---|---|---|---|---|---|"
for q in "${questions[@]}"; do
    IFS='|' read -r name args sql <<<"$q"
    hyperfine -N --warmup 3 --runs 30 --export-json "$work/h.json" \
        "true" "sqlite3 $db \"$sql\"" "$folio $args" >/dev/null 2>&1
    read -r t s f <<<"$(median "$work/h.json")"
    python3 -c "import sys; t,s,f=map(float,sys.argv[2:]); print('| %s | %.2f ms | %.2f ms | %.2f ms | %.1f× | %.2f× |' % (sys.argv[1], t, s, f, f/t, f/s))" "$name" "$t" "$s" "$f"
done

# Bulk: the same rows (every table but the full-text index's own, which
# the triggers fill as rows arrive) replayed by sqlite3 into a new file with
# folio's schema, in one transaction, against folio importing the document.
tables=$(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'
    AND name NOT LIKE 'sqlite_%' AND name NOT IN ('portfolio', 'search_state', 'replica')" | tr '\n' ' ')
{ echo "BEGIN;"; sqlite3 "$db" ".dump --data-only $tables" | grep -v '^BEGIN\|^COMMIT'; echo "COMMIT;"; } >"$work/rows.sql"
empty="$work/empty.db"
FOLIO_DB="$empty" "$folio" init --quiet >/dev/null
hyperfine -N --warmup 1 --runs 5 --export-json "$work/h.json" \
    --prepare "bash -c 'rm -f $work/i.db; cp $empty $work/c.db'" \
    "sqlite3 $work/c.db '.read $work/rows.sql'" \
    "env FOLIO_DB=$work/i.db $folio import $work/p.json --quiet" >/dev/null
read -r s f <<<"$(median "$work/h.json")"
python3 -c "import sys; s,f=map(float,sys.argv[1:3]); print('| import (every row) | – | %.0f ms | %.0f ms | – | %.2f× |' % (s, f, f/s))" "$s" "$f"
