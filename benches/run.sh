#!/usr/bin/env bash
# folio's benchmark: whole-process wall time (hyperfine, median) and peak
# memory (/usr/bin/time) of everyday commands on generated portfolios of
# 1,000, 10,000 and 100,000 entries, with jrnl 4.6 side by side on the same
# content at 1,000 and 10,000 entries. Writes benches/results.csv, then
# benches/report.py turns it into BENCHMARKS.md and benches/plot.png.
#
#   benches/run.sh            full run (about 15 minutes on 2 cores)
#   benches/run.sh --smoke    N=200, two runs each: checks every step works (CI)
#
# At the end it runs benches/vs-sqlite3.sh (folio against `true` and sqlite3).
#
# Needs: hyperfine and /usr/bin/time (Debian packages hyperfine, time);
# for the page-interactive figure, /usr/bin/chromium and tests/browser's
# node modules (scripts/browser-check.sh installs both);
# for the jrnl comparison and the plot, python3 with venv (it installs jrnl
# and matplotlib from PyPI into a throw-away virtualenv).
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=false
[ "${1:-}" = "--smoke" ] && smoke=true
if $smoke; then sizes=(200); runs=2; warmup=0; jrnl_sizes=(); pdf_sizes=(200); share_sizes=(200); sync_sizes=(200); encrypted_sizes=(200)
else sizes=(1000 10000 100000); runs=10; warmup=3; jrnl_sizes=(1000 10000); pdf_sizes=(1000 10000); share_sizes=(1000); sync_sizes=(10000); encrypted_sizes=(10000); fi

for tool in hyperfine /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "benches/run.sh needs $tool (apt-get install hyperfine time)" >&2; exit 1; }
done

cargo build --release --quiet --example generate --features generate
cargo build --release --quiet
folio="$PWD/target/release/folio"
generate="$PWD/target/release/examples/generate"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results="$PWD/benches/results.csv"
$smoke && results="$work/results.csv"
echo "tool,entries,command,median_ms,mean_ms,stddev_ms,peak_kb" > "$results"

# measure TOOL ENTRIES NAME COMMAND... : median of hyperfine runs, then peak RSS of one run.
measure() {
    local tool=$1 entries=$2 name=$3; shift 3
    local cmd="$*"
    hyperfine --style none --warmup "${WARMUP:-$warmup}" --runs "${RUNS:-$runs}" --prepare "${PREPARE:-true}" \
        --export-json "$work/h.json" "$cmd" >/dev/null 2>&1 \
        || { echo "FAILED: $cmd" >&2; bash -c "$cmd" >/dev/null; exit 1; }
    local stats peak
    stats=$(python3 -c 'import json,statistics as s; r=json.load(open("'"$work"'/h.json"))["results"][0]; t=[x*1000 for x in r["times"]]; print("%.2f,%.2f,%.2f" % (s.median(t), s.mean(t), s.pstdev(t)))')
    bash -c "${PREPARE:-true}"
    /usr/bin/time -f "%M" -o "$work/mem" bash -c "$cmd" >/dev/null 2>&1
    peak=$(tail -1 "$work/mem")
    echo "$tool,$entries,$name,$stats,$peak" >> "$results"
    printf '%-6s %7s  %-28s %10s ms  %8s KB\n' "$tool" "$entries" "$name" "${stats%%,*}" "$peak"
}

for n in "${sizes[@]}"; do
    "$generate" "$n" "$work/p$n.json" "$work/journal$n.txt"
    db="$work/p$n.db"
    FOLIO_DB="$db" "$folio" import "$work/p$n.json" --quiet
    cp "$db" "$work/add$n.db"
    export FOLIO_DB="$db"
    measure folio "$n" "add" "FOLIO_DB=$work/add$n.db $folio add reflection 'Benchmark entry' --body 'one more' --tag tag01 --quiet"
    measure folio "$n" "list --limit 10" "$folio list --limit 10"
    measure folio "$n" "list --tag --limit 10" "$folio list --tag tag07 --limit 10"
    measure folio "$n" "search rare word" "$folio search serendipity"
    measure folio "$n" "search common word" "$folio search mentor"
    measure folio "$n" "show" "$folio show $((n / 2))"
    measure folio "$n" "coverage emcc" "$folio coverage emcc"
    measure folio "$n" "gaps emcc" "$folio gaps emcc"
    measure folio "$n" "agenda" "$folio agenda"
    measure folio "$n" "goal list" "$folio goal list --status all"
    measure folio "$n" "requirements check" "$folio requirements check nmc-revalidation --as-of 2025-12-31 || true"
    measure folio "$n" "requirements check reflected" "$folio requirements check rcvs-vet --as-of 2025-12-31 || true"
    measure folio "$n" "requirements audit" "$folio requirements audit rcvs-vet --as-of 2025-12-31 || true"
    measure folio "$n" "cpd --by year" "$folio cpd --by year --since 2021"
    if [[ " ${encrypted_sizes[*]} " == *" $n "* ]]; then
        # The same portfolio encrypted (SQLCipher): each command derives the key once.
        cp "$db" "$work/enc$n.db"
        printf 'benchmark passphrase\n' > "$work/pass"
        FOLIO_DB="$work/enc$n.db" FOLIO_PASSPHRASE_FILE="$work/pass" "$folio" encrypt --quiet
        enc="FOLIO_DB=$work/enc$n.db FOLIO_PASSPHRASE_FILE=$work/pass"
        measure folio "$n" "encrypted: list --limit 10" "$enc $folio list --limit 10"
        measure folio "$n" "encrypted: search common word" "$enc $folio search mentor"
        measure folio "$n" "encrypted: show" "$enc $folio show $((n / 2))"
        measure folio "$n" "encrypted: coverage emcc" "$enc $folio coverage emcc"
        measure folio "$n" "encrypted: agenda" "$enc $folio agenda"
        cp "$work/add$n.db" "$work/encadd$n.db"
        FOLIO_DB="$work/encadd$n.db" FOLIO_PASSPHRASE_FILE="$work/pass" "$folio" encrypt --quiet
        measure folio "$n" "encrypted: add" "FOLIO_DB=$work/encadd$n.db FOLIO_PASSPHRASE_FILE=$work/pass $folio add reflection 'Benchmark entry' --body 'one more' --tag tag01 --quiet"
    fi
    # Whole-portfolio imports and exports of 100,000 entries take seconds: 3 runs, 1 warm-up.
    if [ "$n" -ge 100000 ]; then RUNS=3 WARMUP=1; fi
    measure folio "$n" "export json" "$folio export json --out $work/out.json"
    measure folio "$n" "import json (empty db)" "rm -f $work/imp.db*; FOLIO_DB=$work/imp.db $folio import $work/p$n.json --quiet"
    measure folio "$n" "import jrnl text" "rm -f $work/jr.db*; FOLIO_DB=$work/jr.db $folio import --from jrnl $work/journal$n.txt --quiet"
    unset RUNS WARMUP
    if [[ " ${pdf_sizes[*]} " == *" $n "* ]]; then
        for profile in interview review evidence; do
            measure folio "$n" "export pdf $profile" "$folio export pdf --profile $profile --framework emcc --out $work/$profile.pdf --quiet"
            pages=$(python3 -c 'import re,sys; print(len(re.findall(rb"/Type\s*/Page[^s]", open(sys.argv[1],"rb").read())))' "$work/$profile.pdf")
            echo "pdf,$n,$profile pages,$pages,$pages,0,0" >> "$results"
        done
    fi
    if [[ " ${pdf_sizes[*]} " == *" $n "* ]]; then
        measure folio "$n" "export html" "$folio export html --out $work/page.html --quiet"
        if [ -x /usr/bin/chromium ] && [ -d tests/browser/node_modules ] && [ "$n" -le 1000 ]; then
            stats=$(node benches/html-interactive.mjs "$work/page.html" "${RUNS:-$runs}")
            echo "folio,$n,html page interactive (Chromium),$stats,0" >> "$results"
            printf '%-6s %7s  %-28s %10s ms\n' folio "$n" "html interactive (Chromium)" "${stats%%,*}"
        fi
    fi
    if [[ " ${share_sizes[*]} " == *" $n "* ]]; then
        # A review file of every public entry, then 1,000 verdicts in it to merge back.
        PREPARE="rm -f $work/share.folio" measure folio "$n" "share (all public entries)" \
            "$folio share --for 'Dr Bench' --out $work/share.folio --quiet"
        rm -f "$work/review.folio"
        "$folio" share --for "Dr Bench" --out "$work/review.folio" --quiet >/dev/null
        python3 - "$work/review.folio" <<'PY'
import sqlite3, sys, uuid
db = sqlite3.connect(sys.argv[1])
claims = [r[0:2] for r in db.execute("SELECT entry_id, id FROM claims ORDER BY id")]
rows = [(str(uuid.uuid4()), claims[i % len(claims)][0], claims[i % len(claims)][1], "accepted", "Dr Bench",
         "Good evidence", "2026-03-01", f"2026-03-01T10:{i // 60 % 60:02}:{i % 60:02}.000Z") for i in range(1000)]
db.executemany("INSERT INTO verdicts (uuid, entry_id, claim_id, verdict, assessor, comment, date, created_at)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
db.commit()
PY
        cp "$db" "$work/merge$n.db"
        PREPARE="cp $work/merge$n.db $work/m.db; rm -f $work/m.db-wal $work/m.db-shm" measure folio "$n" "merge (1000 verdicts)" \
            "FOLIO_DB=$work/m.db $folio merge $work/review.folio --quiet"
    fi
    if [[ " ${sync_sizes[*]} " == *" $n "* ]]; then
        # Two copies, synced once, then 100 changes on each side.
        cp "$db" "$work/a$n.db"; cp "$db" "$work/b$n.db"
        FOLIO_DB="$work/a$n.db" "$folio" sync "$work/b$n.db" --quiet
        for i in $(seq 1 100); do
            FOLIO_DB="$work/a$n.db" "$folio" edit "$(( (i * 7) % n + 1 ))" --title "Changed on A $i" --quiet
            FOLIO_DB="$work/b$n.db" "$folio" edit "$(( (i * 7 + 3) % n + 1 ))" --title "Changed on B $i" --quiet
        done
        PREPARE="cp $work/a$n.db $work/sa.db; cp $work/b$n.db $work/sb.db; rm -f $work/s?.db-wal $work/s?.db-shm" \
            measure folio "$n" "sync (100 changes each side)" "FOLIO_DB=$work/sa.db $folio sync $work/sb.db --quiet"
        # The README's recipe: a backup is the other copy, 100 changes on each before their first sync.
        FOLIO_DB="$db" "$folio" backup "$work/bb$n.db" --quiet
        cp "$db" "$work/ba$n.db"
        for i in $(seq 1 100); do
            FOLIO_DB="$work/ba$n.db" "$folio" edit "$(( (i * 7) % n + 1 ))" --title "Changed on A $i" --quiet
            FOLIO_DB="$work/bb$n.db" "$folio" edit "$(( (i * 7 + 3) % n + 1 ))" --body "Changed on B $i" --quiet
        done
        PREPARE="cp $work/ba$n.db $work/sa.db; cp $work/bb$n.db $work/sb.db; rm -f $work/s?.db-wal $work/s?.db-shm" \
            measure folio "$n" "sync after backup (first, 100 each)" "FOLIO_DB=$work/sb.db $folio sync $work/sa.db --quiet"
    fi
    unset FOLIO_DB
done

"$generate" --case 14000 "$work/case14k.json"
measure folio 14000 "framework import CASE 14k" "rm -f $work/case.db*; FOLIO_DB=$work/case.db $folio framework import $work/case14k.json --quiet"
FOLIO_DB="$work/case.db" "$folio" framework import "$work/case14k.json" --quiet
measure folio 14000 "coverage (14k framework)" "FOLIO_DB=$work/case.db $folio coverage big"
measure folio 14000 "gaps (14k framework)" "FOLIO_DB=$work/case.db $folio gaps big"

if [ ${#jrnl_sizes[@]} -gt 0 ]; then
    venv="$work/venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "jrnl==4.6" matplotlib
    jrnl="$venv/bin/jrnl"
    for n in "${jrnl_sizes[@]}"; do
        cp "$work/journal$n.txt" "$work/j$n.txt"
        cat > "$work/jrnl$n.yaml" <<YAML
colors: {body: none, date: none, tags: none, title: none}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: $work/j$n.txt
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.6
YAML
        c="$jrnl --config-file $work/jrnl$n.yaml"
        measure jrnl "$n" "add" "$c 'Benchmark entry. one more @tag01' < /dev/null"
        measure jrnl "$n" "list --limit 10" "$c -n 10 < /dev/null"
        measure jrnl "$n" "list --tag --limit 10" "$c @tag07 -n 10 < /dev/null"
        measure jrnl "$n" "search rare word" "$c -contains serendipity < /dev/null"
        measure jrnl "$n" "search common word" "$c -contains mentor -n 20 < /dev/null"
        measure jrnl "$n" "export json" "$c --export json < /dev/null"
    done
    MPLBACKEND=Agg "$venv/bin/python" benches/report.py "$results"
elif ! $smoke; then
    python3 benches/report.py "$results"
fi
# folio against `true` and the sqlite3 tool on the same file (its own table
# in BENCHMARKS.md, "folio against sqlite3 and true").
if $smoke; then
    if command -v sqlite3 >/dev/null; then benches/vs-sqlite3.sh 200 2; fi
else
    for n in 10000 100000; do benches/vs-sqlite3.sh "$n"; done
fi
if $smoke; then echo "benchmark smoke run: every step ran"; fi
