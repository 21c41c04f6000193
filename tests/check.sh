#!/usr/bin/env bash
# tests/check.sh -- the whole test run: the suite on the normal build, then again built with
# AddressSanitizer + UndefinedBehaviorSanitizer, then each libFuzzer target for FUZZ_SECONDS (default 30;
# fuzz/run.sh). Ends with "N passed, M failed, K skipped" over all three.
set -u
cd "$(dirname "$0")/.."
total_p=0; total_f=0; total_s=0; status=0
for variant in normal asan; do
  if [ $variant = asan ]; then
    echo "== suite under AddressSanitizer + UBSan"
    make -s BUILD=build-asan SAN=1 all unit bench >/dev/null || { echo "asan build failed"; total_f=$((total_f + 1)); status=1; continue; }
    out=$(ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 BUILD=build-asan bash tests/run.sh 2>&1)
  else
    echo "== suite"
    make -s all unit bench >/dev/null || { echo "build failed"; total_f=$((total_f + 1)); status=1; continue; }
    out=$(BUILD=build bash tests/run.sh 2>&1)
  fi
  rc=$?
  echo "$out" | sed '$d'
  last=$(echo "$out" | tail -1)
  echo "   ($variant: $last)"
  p=$(echo "$last" | sed -n 's/^\([0-9]*\) passed.*/\1/p'); f=$(echo "$last" | sed -n 's/.* \([0-9]*\) failed.*/\1/p'); s=$(echo "$last" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p')
  total_p=$((total_p + ${p:-0})); total_f=$((total_f + ${f:-1})); total_s=$((total_s + ${s:-0}))
  [ $rc -eq 0 ] || status=1
done
echo "== fuzz targets, ${FUZZ_SECONDS:-30} s each (fuzz/run.sh)"
out=$(bash fuzz/run.sh 2>&1); rc=$?
echo "$out" | grep -v '^fuzz:'
last=$(echo "$out" | grep '^fuzz:' | tail -1); echo "   ($last)"
p=$(echo "$last" | sed -n 's/^fuzz: \([0-9]*\) passed.*/\1/p'); f=$(echo "$last" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
total_p=$((total_p + ${p:-0})); total_f=$((total_f + ${f:-1})); [ $rc -eq 0 ] || status=1
echo "$total_p passed, $total_f failed, $total_s skipped"
exit $status
