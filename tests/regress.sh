#!/usr/bin/env bash
# tests/regress.sh -- replays every input a fuzzer found a bug with (tests/regress/<target>/*, one test each)
# and each seed corpus (fuzz/corpus/<target>/, one test a target) through the fuzz targets' own checks
# (fuzz/fuzz_<target>.c), built without libFuzzer by the suite's compiler against $BUILD/libdyad.a, so
# under AddressSanitizer + UBSan in the sanitizer build. An input that crashes, trips a sanitizer or a
# check, or runs past 120 s fails. Run by tests/run.sh; ends with "N passed, M failed".
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/.."
CC=${CC:-cc}
out="$BUILD/regress"
mkdir -p "$out"
flags="-std=c17 -g -O1 -D_GNU_SOURCE -Iinclude -Isrc -I/usr/include/postgresql"
if nm "$BUILD/libdyad.a" 2>/dev/null | grep -q ' U __asan_'; then
  flags="$flags -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
fi
libs="-ljansson -lsqlite3 -lmicrohttpd -lpq -lm -lpthread"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "not ok - $1"; [ -f "$out/log" ] && grep -m3 -E 'ERROR|check failed|runtime error' "$out/log"; }

# fuzz_code also links src/dyad.c built with small windows (fuzz/smallwin.flags)
if ! $CC $flags $(cat fuzz/smallwin.flags) -c -o "$out/dyad_smallwin.o" src/dyad.c 2>"$out/log"; then
  cat "$out/log"; echo "0 passed, 1 failed"; exit 1
fi
for t in normalize split code jsonl text dict xml petrdict serve; do
  bin="$out/replay_$t"
  if ! $CC $flags -o "$bin" "fuzz/fuzz_$t.c" fuzz/replay.c "$out/dyad_smallwin.o" "$BUILD/libdyad.a" $libs 2>"$out/log"; then
    ko "build replay_$t"; cat "$out/log" | head -20; continue
  fi
  for f in tests/regress/$t/*; do
    [ -f "$f" ] || continue
    if timeout 120 "$bin" "$f" >"$out/log" 2>&1; then ok; else ko "$f"; fi
  done
  if [ -d "fuzz/corpus/$t" ]; then
    if timeout 300 "$bin" "fuzz/corpus/$t" >"$out/log" 2>&1; then ok; else ko "seed corpus fuzz/corpus/$t"; fi
  fi
done
# Documents larger than the coder's 64 KB window, which the fuzzers' few-KB inputs never make with the
# shipped window size: the example bulletin 60 times over (210 KB). Its events are those of the example,
# 60 times each (actor codes once lived in the per-window arena and came out garbled after a window).
for i in $(seq 60); do cat examples/bulletin.txt; echo; done >"$out/big.txt"
{ printf '\001'; cat "$out/big.txt"; } >"$out/big.input"
if [ -x "$out/replay_code" ] && timeout 300 "$out/replay_code" "$out/big.input" >"$out/log" 2>&1; then ok; else ko "210 KB document through fuzz_code"; fi
key() { "$BUILD/dyad" code -j 1 --format tsv --date 2001-03-08 "$1" 2>/dev/null | sed 1d | cut -f6,10,14 | sort | uniq -c; }
key examples/bulletin.txt | awk '{ $1 = $1 * 60; print }' >"$out/want"
key "$out/big.txt" | awk '{ $1 = $1; print }' >"$out/got"
if [ -s "$out/want" ] && cmp -s "$out/want" "$out/got"; then ok; else ko "210 KB document: the example's events 60 times"; diff "$out/want" "$out/got" | head -10; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
