#!/usr/bin/env bash
# tests/limits.sh -- resource limits on pathological input, at small sizes, on the normal build:
#   a sentence without punctuation (1.25 MB and 5 MB), a document of 40,000 and 160,000 events, deeply
#   nested brackets and quotes, 25,000 and 100,000
#   tiny JSON Lines documents, a dictionary of 50,000 and 200,000 actor entries.
# Each pair is timed and its peak RSS read (/usr/bin/time, Debian package `time`). Checks compare growth,
# never absolute speed: 4x the input must take less than 8x the CPU time (user + system, which other jobs on
# the machine disturb far less than elapsed time), memory must grow no faster than the input for one
# document and not at all with the number of documents.
# Then valgrind --leak-check=full on the example run: no leaks, no invalid reads.
# Skipped under the sanitizer build (ASan's shadow memory and valgrind do not mix). Run by tests/run.sh;
# ends with "N passed, M failed".
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/.."
dyad="$BUILD/dyad"
if nm "$BUILD/libdyad.a" 2>/dev/null | grep -q ' U __asan_'; then
  echo "skipped: resource limits and valgrind run on the normal build only"
  echo "0 passed, 0 failed"
  exit 0
fi
[ -x /usr/bin/time ] || { echo "skipped: /usr/bin/time missing (scripts/deps.sh --test)"; echo "0 passed, 0 failed"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
check() { # name, condition
  if eval "$2"; then pass=$((pass + 1)); echo "ok - $1"; else fail=$((fail + 1)); echo "not ok - $1"; fi
}
# measure NAME CMD...: runs CMD (stdout discarded), sets NAME_t (CPU seconds), NAME_m (peak RSS, KB), NAME_rc
measure() {
  local name=$1; shift
  /usr/bin/time -f '%U %S %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err"
  local rc=$?
  local t m
  t=$(tail -1 "$tmp/time" | awk '{ printf "%.2f", $1 + $2 }'); m=$(tail -1 "$tmp/time" | cut -d' ' -f3)
  eval "${name}_t=$t ${name}_m=$m ${name}_rc=$rc"
  echo "   $name: ${t} s CPU, $((m / 1024)) MB peak RSS, exit $rc"
}
# linear T1 T2: is T2 < 8 x T1 (with T1 floored at 0.05 s, the timer's resolution)?
linear() { awk -v a="$1" -v b="$2" 'BEGIN { if (a < 0.05) a = 0.05; exit !(b < 8 * a) }'; }
mb() { echo $(( $1 / 1024 )); }

measure base "$dyad" code -j 1 --format jsonl --date 2001-03-08 examples/bulletin.txt

# 1. one sentence, no punctuation: words that are actors and verbs, so every stage has work
words() { # bytes
  awk -v n="$1" 'BEGIN { split("Russia attacked Georgia and the Uzbek officials criticized Moscow while NATO troops held talks with Kazakhstan on Tuesday", w, " ");
    s = 0; while (s < n) { x = w[1 + (s / 7) % 19]; printf "%s ", x; s += length(x) + 1 } }'
}
words 1310720 >"$tmp/sent1.txt"; words 5242880 >"$tmp/sent4.txt"
measure s1 "$dyad" code -j 1 --format jsonl --date 2001-03-08 "$tmp/sent1.txt"
measure s4 "$dyad" code -j 1 --format jsonl --date 2001-03-08 "$tmp/sent4.txt"
check "5 MB sentence without punctuation: coded" '[ $s1_rc = 0 ] && [ $s4_rc = 0 ]'
check "5 MB sentence: 4x the input, < 8x the time ($s1_t s -> $s4_t s)" 'linear $s1_t $s4_t'
check "5 MB sentence: memory < base + 6x the input ($(mb $s4_m) MB)" '[ $s4_m -lt $((base_m + 6 * 5120)) ]'

# 1b. a document with very many events: 40,000 and 160,000 short sentences (emit() once compared each new
# event with every earlier event of the document: quadratic, 31x the time for 4x the events)
awk 'BEGIN { for (i = 0; i < 40000; i++) printf "Russia attacked Georgia. " }' >"$tmp/ev1.txt"
awk 'BEGIN { for (i = 0; i < 160000; i++) printf "Russia attacked Georgia. " }' >"$tmp/ev4.txt"
measure e1 "$dyad" code -j 1 --format jsonl --date 2001-03-08 "$tmp/ev1.txt"
measure e4 "$dyad" code -j 1 --format jsonl --date 2001-03-08 "$tmp/ev4.txt"
check "160,000 events in one document: coded" '[ $e1_rc = 0 ] && [ $e4_rc = 0 ]'
check "160,000 events in one document: 4x the events, < 8x the time ($e1_t s -> $e4_t s)" 'linear $e1_t $e4_t'
check "160,000 events in one document: memory grows at most linearly ($(mb $e1_m) MB -> $(mb $e4_m) MB)" '[ $((e4_m - base_m)) -lt $((8 * (e1_m - base_m) + 8192)) ]'

# 2. deeply nested brackets and quotes around a sentence
nest() { # depth
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "%s", (i % 3 == 0 ? "(" : i % 3 == 1 ? "[\xe2\x80\x9c" : "\"{ ");
    printf "Russia attacked Georgia."; for (i = 0; i < n; i++) printf "%s", (i % 3 == 0 ? ")" : i % 3 == 1 ? "\xe2\x80\x9d]" : "} \""); printf "\n" }'
}
nest 40000 >"$tmp/nest1.txt"; nest 160000 >"$tmp/nest4.txt"
measure n1 "$dyad" code -j 1 --format jsonl --date 2001-03-08 "$tmp/nest1.txt"
measure n4 "$dyad" code -j 1 --format jsonl --date 2001-03-08 "$tmp/nest4.txt"
check "nested brackets and quotes: coded" '[ $n1_rc = 0 ] && [ $n4_rc = 0 ]'
check "nested brackets: 4x the depth, < 8x the time ($n1_t s -> $n4_t s)" 'linear $n1_t $n4_t'
check "nested brackets: memory < base + 6x the input ($(mb $n4_m) MB)" '[ $n4_m -lt $((base_m + 6 * $(stat -c %s "$tmp/nest4.txt") / 1024)) ]'

# 3. many tiny JSON Lines documents: memory must not grow with their number
docs() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "{\"id\":\"d%d\",\"text\":\"Russia attacked Georgia.\",\"date\":\"2008-08-08\"}\n", i }'; }
docs 25000 >"$tmp/docs1.jsonl"; docs 100000 >"$tmp/docs4.jsonl"
measure d1 "$dyad" code -j 1 --format jsonl "$tmp/docs1.jsonl"
measure d4 "$dyad" code -j 1 --format jsonl "$tmp/docs4.jsonl"
check "100,000 tiny documents: coded" '[ $d1_rc = 0 ] && [ $d4_rc = 0 ]'
check "100,000 documents: 4x the documents, < 8x the time ($d1_t s -> $d4_t s)" 'linear $d1_t $d4_t'
check "100,000 documents: memory does not grow with their number ($(mb $d1_m) MB -> $(mb $d4_m) MB)" '[ $d4_m -lt $((d1_m + d1_m / 4 + 4096)) ]'
measure dj "$dyad" code -j 2 --format jsonl "$tmp/docs4.jsonl"
check "100,000 documents on 2 threads: memory bounded ($(mb $dj_m) MB)" '[ $dj_rc = 0 ] && [ $dj_m -lt $((d1_m * 2 + 16384)) ]'

# 4. a dictionary with many actor entries
mkdict() { # dir entries
  cp -r dict "$1"
  awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "org ZZ%d NGO : Fuzzland Relief Committee %d ; FRC%d\n", i, i, i }' >"$1/actors/zz-generated.txt"
}
mkdict "$tmp/dict1" 25000; mkdict "$tmp/dict4" 100000   # two names a line: 50,000 and 200,000 entries
echo "Russia attacked Georgia. Fuzzland Relief Committee 77 condemned Russia." >"$tmp/small.txt"
measure k1 "$dyad" code -j 1 --format jsonl --dict "$tmp/dict1" --date 2008-08-08 "$tmp/small.txt"
measure k4 "$dyad" code -j 1 --format jsonl --dict "$tmp/dict4" --date 2008-08-08 "$tmp/small.txt"
check "200,000 actor entries: loaded and coded" '[ $k1_rc = 0 ] && [ $k4_rc = 0 ]'
check "200,000 actor entries: 4x the entries, < 8x the time ($k1_t s -> $k4_t s)" 'linear $k1_t $k4_t'
check "200,000 actor entries: memory grows at most linearly ($(mb $k1_m) MB -> $(mb $k4_m) MB)" '[ $((k4_m - base_m)) -lt $((8 * (k1_m - base_m) + 8192)) ]'
measure kc "$dyad" dict check --dict "$tmp/dict4"
check "200,000 actor entries: dict check within 8x the load time ($kc_t s)" '[ $kc_rc = 0 ] && linear $k4_t $kc_t'

# 5. valgrind on the example run
if command -v valgrind >/dev/null; then
  valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
    --error-exitcode=1 "$dyad" code -j 2 --format jsonl --date 2001-03-08 examples/bulletin.txt >/dev/null 2>"$tmp/vg"
  vrc=$?
  check "valgrind on the example run: no leaks, no invalid reads" '[ $vrc = 0 ]'
  [ $vrc = 0 ] || head -40 "$tmp/vg"
  valgrind -q --leak-check=full --error-exitcode=1 "$dyad" code -j 1 --format jsonl <(head -2000 "$tmp/docs1.jsonl") >/dev/null 2>"$tmp/vg"
  vrc=$?
  check "valgrind on 2,000 JSON Lines documents: clean" '[ $vrc = 0 ]'
  [ $vrc = 0 ] || head -40 "$tmp/vg"
else
  echo "skipped: valgrind missing (scripts/deps.sh --test)"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
