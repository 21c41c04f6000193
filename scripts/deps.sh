#!/usr/bin/env bash
# scripts/deps.sh -- installs the Debian packages dyad builds and tests with, if any is missing.
# Build: gcc, make, jansson (JSON), WordNet (the lexicon is generated from it at build time), SQLite (the
# embedded event store), libmicrohttpd (dyad serve), libpq (PostgreSQL store).
# Tests: cmocka; clang with its sanitizer and libFuzzer runtime (the ASan/UBSan run, fuzz/); valgrind and
# time (tests/limits.sh); the sqlite3 shell (tests/store.sh alters stores); the PostgreSQL server (tests/store.sh starts a
# throwaway cluster of its own).
set -eu
pkgs="build-essential libjansson-dev wordnet-base libcmocka-dev libsqlite3-dev libmicrohttpd-dev libpq-dev"
[ "${1:-}" = "--test" ] && pkgs="$pkgs libclang-rt-14-dev clang valgrind time postgresql jq curl sqlite3"
missing=""
for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "installing:$missing" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
