#!/usr/bin/env bash
# tests/run.sh -- runs dyad's whole suite and ends with one line: "N passed, M failed".
# Suites: unit tests (cmocka), golden sentences, the seed bulletin (needs ../shared), dyad's own example,
# the dictionary lint, and the command-line behaviour on bad input. Called by `make test`.
set -u
BUILD=${BUILD:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
shared=${DYAD_SHARED:-$here/../shared}
pass=0; fail=0; skip=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

count() { # name, command...: run, read its "N passed, M failed" or cmocka summary, add to the totals
  local name=$1; shift
  "$@" >"$log/out" 2>&1; local rc=$?
  local p f
  if grep -q '^\[==========\]' "$log/out"; then
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log/out" | tail -1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log/out" | tail -1)
  else
    p=$(sed -n 's/.*[^0-9]\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1/p;s/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1/p' "$log/out" | tail -1)
    f=$(sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p' "$log/out" | tail -1)
  fi
  local k; k=$(sed -n 's/.* \([0-9][0-9]*\) skipped.*/\1/p' "$log/out" | tail -1); skip=$((skip + ${k:-0}))
  p=${p:-0}; f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if grep -q '^skipped' "$log/out"; then skip=$((skip + 1)); echo "SKIP $name: $(grep '^skipped' "$log/out" | head -1)"; return; fi
  pass=$((pass + p)); fail=$((fail + f))
  if [ "$f" -gt 0 ]; then echo "FAIL $name ($p passed, $f failed)"; grep -E '^(not ok|\[  FAILED|\[  ERROR|.*FAIL)' "$log/out" | head -40; else echo "ok   $name ($p passed)"; fi
}

for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  count "$(basename "$t")" "$t"
done
count golden "$BUILD/tests/golden" tests/golden/sentences.txt
count golden-cameo "$BUILD/tests/golden" tests/golden/cameo-codes.txt
count golden-dict-conflict "$BUILD/tests/golden" tests/golden/dict-conflict.txt
count example "$BUILD/tests/expected" examples/bulletin.txt examples/bulletin.expected.jsonl 2001-03-08 2 "Caspian Brief is"
if [ -f "$shared/seed/monitor-v5-i25.txt" ]; then
  count seed "$BUILD/tests/expected" "$shared/seed/monitor-v5-i25.txt" "$shared/seed/expected-events.jsonl" 1999-02-05 3 "The Monitor is a publication"
else
  echo "SKIP seed: ../shared is absent"; skip=$((skip + 1))
fi
count dict-check bash -c "'$BUILD/dyad' dict check >/dev/null 2>'$log/dc' && echo '1 passed, 0 failed' || { cat '$log/dc' | head -20; echo '0 passed, 1 failed'; }"
count cli env BUILD="$BUILD" SHARED="$shared" bash tests/cli.sh
count compat env BUILD="$BUILD" SHARED="$shared" bash tests/compat.sh
count regress env BUILD="$BUILD" bash tests/regress.sh
count limits env BUILD="$BUILD" bash tests/limits.sh
count store env BUILD="$BUILD" bash tests/store.sh
count serve env BUILD="$BUILD" bash tests/serve.sh

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
