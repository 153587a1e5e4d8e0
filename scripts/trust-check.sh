#!/usr/bin/env bash
# folio's signed verdicts checked by an implementation that is not folio's:
# scripts/verify_credential.py (PyNaCl for Ed25519, rfc8785 for JCS, base58)
# verifies the W3C eddsa-jcs-2022 test vector, then the credentials of a
# verdict a reviewer signed in a review file, and recomputes their evidence
# digest from the folio JSON document; a changed credential must fail.
#
#   scripts/trust-check.sh        (needs python3 with venv)
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet pynacl rfc8785 base58
py="$work/venv/bin/python"

"$py" scripts/verify_credential.py tests/fixtures/trust/w3c-eddsa-jcs-2022-signed.json

cargo build --locked --quiet
folio="$PWD/target/debug/folio"
export FOLIO_DB="$work/mentee.db" FOLIO_TODAY=2026-03-15 XDG_DATA_HOME="$work/data"
"$folio" framework import examples/frameworks/emcc-mentoring.toml --quiet
"$folio" add reflection "Rapport with a new mentee" --body "We agreed how we would work." \
    --claim emcc/relationship/foundation/3 --quiet >/dev/null
"$folio" add course "Coaching day" --hours 6 --claim emcc/insight --quiet >/dev/null
"$folio" share --for "Dr Okubo" --out "$work/review.folio" --quiet >/dev/null
FOLIO_KEY_FILE="$work/okubo.json" "$folio" key new --name "Dr Okubo" --quiet >/dev/null
FOLIO_KEY_FILE="$work/okubo.json" "$folio" --db "$work/review.folio" verdict 1 accepted \
    --claim emcc/relationship/foundation/3 --comment "Clear and honest" --quiet
FOLIO_KEY_FILE="$work/okubo.json" "$folio" --db "$work/review.folio" verdict 2 needs-more --quiet
"$folio" merge "$work/review.folio" --quiet
"$folio" export credentials --out "$work/credentials.json" --quiet
"$folio" export json --out "$work/portfolio.json" --quiet

"$py" scripts/verify_credential.py "$work/credentials.json" --document "$work/portfolio.json"
test "$("$py" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/credentials.json")" = 2

# A changed comment must not verify; an edited entry must show as changed.
sed 's/Clear and honest/Clear and honest!/' "$work/credentials.json" >"$work/changed.json"
if "$py" scripts/verify_credential.py "$work/changed.json"; then
    echo "a changed credential verified" >&2
    exit 1
fi
"$folio" edit 1 --body "Rewritten after the verdict." --quiet
"$folio" export json --out "$work/edited.json" --quiet
if "$py" scripts/verify_credential.py "$work/credentials.json" --document "$work/edited.json"; then
    echo "an edited entry's evidence digest still matched" >&2
    exit 1
fi
echo "ok: folio's credentials verify independently, and changes are caught"
