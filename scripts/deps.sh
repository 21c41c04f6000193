#!/usr/bin/env bash
# scripts/deps.sh -- installs the Debian packages dyad builds and tests with, if any is missing.
# Build: gcc, make, jansson (JSON), WordNet (the lexicon is generated from it at build time), SQLite (the
# embedded event store), libmicrohttpd (dyad serve), libpq (PostgreSQL store).
# Tests: cmocka; clang with its sanitizer and libFuzzer runtime (the ASan/UBSan run, fuzz/); valgrind and
# time (tests/limits.sh); the sqlite3 shell (tests/store.sh alters stores); the PostgreSQL server (tests/store.sh starts a throwaway cluster of its own); curl
# and jq (tests/serve.sh); Chromium and playwright-core for the dashboard test in a headless browser
# (tests/serve.sh, tests/browser/): Debian's chromium, and playwright-core from npm into tests/browser/
# node_modules (the version pinned in tests/browser/package-lock.json; it never downloads a browser of its
# own: the test runs /usr/bin/chromium). Node.js and npm are taken as installed, else Debian's.
set -eu
cd "$(dirname "$0")/.."
test=""; [ "${1:-}" = "--test" ] && test=1
pkgs="build-essential libjansson-dev wordnet-base libcmocka-dev libsqlite3-dev libmicrohttpd-dev libpq-dev"
if [ -n "$test" ]; then
  pkgs="$pkgs libclang-rt-14-dev clang valgrind time postgresql jq curl chromium sqlite3"
  command -v npm >/dev/null || pkgs="$pkgs nodejs npm"
fi
missing=""
for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "installing:$missing" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
if [ -n "$test" ]; then
  want=$(sed -n 's/.*"playwright-core": *"\([^"]*\)".*/\1/p' tests/browser/package.json)
  have=$(sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' tests/browser/node_modules/playwright-core/package.json 2>/dev/null || true)
  if [ "$want" != "$have" ]; then
    echo "installing: playwright-core $want (npm, tests/browser/node_modules)" >&2
    (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  fi
fi
