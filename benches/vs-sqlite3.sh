#!/usr/bin/env bash
# folio against the floor: the same question answered by `true` (process
# start), by the sqlite3 command-line tool on the same file, and by folio —
# and a bulk import against sqlite3 loading the same rows into the same
# schema (indexes and full-text triggers included) from CSV. Each pair is
# measured in the same run, so the ratios hold on any machine.
#
#   benches/vs-sqlite3.sh [ENTRIES [RUNS]]   (default 10000 and 30; needs
#                                           hyperfine, sqlite3, /usr/bin/time)
#
# benches/run.sh runs it at 10,000 and 100,000 entries (at 200, two runs
# each, in its smoke run when sqlite3 is installed).
#
# Prints a Markdown table for BENCHMARKS.md ("folio against sqlite3 and true").
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${2:-30}
bulk_runs=$(( runs < 5 ? runs : 5 ))
for tool in hyperfine sqlite3 python3 /usr/bin/time; do
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

# An entry in the middle (500 at 10,000 and more entries, as before).
mid=$(( n < 1000 ? n / 2 : 500 ))
# question | folio arguments | the SQL sqlite3 answers it with
questions=(
"list --limit 10|list --limit 10|SELECT id, date, kind, title FROM entries WHERE deleted_at IS NULL AND private = 0 ORDER BY date_key DESC, id DESC LIMIT 10"
"show|show $mid|SELECT * FROM entries WHERE id = $mid; SELECT * FROM claims WHERE entry_id = $mid; SELECT * FROM verdicts WHERE entry_id = $mid; SELECT name, size FROM attachments WHERE entry_id = $mid"
"search common word|search reflection|SELECT e.id, e.title, snippet(entry_fts, -1, '[', ']', '…', 16) FROM entry_fts JOIN entries e ON e.id = entry_fts.rowid WHERE entry_fts MATCH 'reflection' ORDER BY bm25(entry_fts, 10.0, 1.0, 1.0, 5.0, 2.0) LIMIT 20"
"agenda (overdue actions)|agenda|SELECT id, text, due FROM actions WHERE deleted_at IS NULL AND done_date IS NULL AND due IS NOT NULL AND due < '2026-12-01' ORDER BY due LIMIT 50"
)
echo "| $n entries | \`true\` | sqlite3 | folio | folio ÷ true | folio ÷ sqlite3 |"
echo "|---|---|---|---|---|---|"
for q in "${questions[@]}"; do
    IFS='|' read -r name args sql <<<"$q"
    hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h.json" \
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
hyperfine -N --warmup 1 --runs "$bulk_runs" --export-json "$work/h.json" \
    --prepare "bash -c 'rm -f $work/i.db*; cp $empty $work/c.db'" \
    "sqlite3 $work/c.db '.read $work/rows.sql'" \
    "env FOLIO_DB=$work/i.db $folio import $work/p.json --quiet" >/dev/null
read -r s f <<<"$(median "$work/h.json")"
# Peak memory of one run each (kB).
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
rm -f "$work"/i.db*; cp "$empty" "$work/c.db"
sm=$(peak sqlite3 "$work/c.db" ".read $work/rows.sql")
fm=$(peak env FOLIO_DB="$work/i.db" "$folio" import "$work/p.json" --quiet)
python3 -c "import sys; s,f,sm,fm=map(float,sys.argv[1:5]); print('| import (every row) | – | %.0f ms, %.0f MB | %.0f ms, %.0f MB | – | %.2f× |' % (s, sm/1024, f, fm/1024, f/s))" "$s" "$f" "$sm" "$fm"

# Export: every entry out as JSON to a file, sqlite3 writing the entries
# table in its JSON mode against folio's document (entries with their
# claims, tags, sections, attachments' digests…, the outbox line written).
hyperfine -N --warmup 1 --runs "$bulk_runs" --export-json "$work/h.json" \
    "sqlite3 -json -cmd '.output $work/s.json' $db 'SELECT * FROM entries'" \
    "$folio export json --out $work/f.json --quiet" >/dev/null
read -r s f <<<"$(median "$work/h.json")"
sm=$(peak sqlite3 -json -cmd ".output $work/s.json" "$db" 'SELECT * FROM entries')
fm=$(peak "$folio" export json --out "$work/f.json" --quiet)
python3 -c "import sys; s,f,sm,fm=map(float,sys.argv[1:5]); print('| export json (every entry) | – | %.0f ms, %.0f MB | %.0f ms, %.0f MB | – | %.2f× |' % (s, sm/1024, f, fm/1024, f/s))" "$s" "$f" "$sm" "$fm"
