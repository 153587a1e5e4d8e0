#!/usr/bin/env bash
# The HTML page and review pack in a real browser: Debian's headless
# Chromium driven by playwright-core (from the npm registry; it never
# downloads a browser of its own), with axe-core for accessibility.
#   scripts/browser-check.sh                 # builds folio, runs the test
#   SCREENSHOTS=docs/images scripts/browser-check.sh   # also saves the pictures
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "--- installing chromium, node and npm"
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    pkgs="chromium"
    command -v node >/dev/null || pkgs="$pkgs nodejs"
    command -v npm >/dev/null || pkgs="$pkgs npm"
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq $pkgs >/dev/null
fi
cargo build --locked --quiet
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
FOLIO_BIN=target/debug/folio node tests/browser/review-pack.test.mjs
