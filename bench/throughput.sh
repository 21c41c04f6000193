#!/usr/bin/env bash
# bench/throughput.sh -- dyad's throughput benchmark (not a test: it measures, it does not judge).
#
# Builds a corpus of at least SIZE_MB (default 200) MB of JSON Lines from ../shared/corpus (the Guardian
# sample and the synthetic stories, replicated and shuffled with a fixed seed, ids made unique), then
# reports, as a table and as one JSON line:
#   documents/s, sentences/s, MB/s and events on 1 thread and on all cores, peak RSS of each run,
#   start-up time (dyad code on empty input, median of 21 runs), dictionary load time,
#   and `wc -w` over the same bytes: the floor that reading text costs (dyad/wc is the figure that survives
#   a noisy machine).
# usage: bench/throughput.sh [SIZE_MB]      (needs `make` first; BUILD=build by default)
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
dyad="$BUILD/dyad"
size_mb=${1:-200}
shared=${DYAD_SHARED:-../shared}
work=${TMPDIR:-/tmp}/dyad-bench
mkdir -p "$work"
corpus="$work/corpus-${size_mb}.jsonl"
[ -x "$dyad" ] || { echo "build dyad first: make" >&2; exit 2; }
[ -d "$shared/corpus" ] || { echo "no $shared/corpus: nothing to benchmark" >&2; exit 2; }

if [ ! -s "$corpus" ]; then
  echo "building a ${size_mb} MB corpus in $corpus ..." >&2
  base="$work/base.jsonl"
  cat "$shared"/corpus/*.jsonl >"$base"
  bytes=$(stat -c %s "$base")
  reps=$(( size_mb * 1000000 / bytes + 1 ))
  # replicate with unique ids, then shuffle with a fixed seed so every run codes the same bytes
  for r in $(seq 1 "$reps"); do sed "s/\"id\": \"/\"id\": \"r$r-/" "$base"; done >"$work/rep.jsonl"
  shuf --random-source=<(yes dyad) "$work/rep.jsonl" >"$corpus"
  rm -f "$work/rep.jsonl" "$base"
fi
mb=$(awk -v b="$(stat -c %s "$corpus")" 'BEGIN { printf "%.1f", b / 1e6 }')
cores=$(nproc)

run() { # threads -> sets docs sents events secs rss
  local out
  out=$( { /usr/bin/time -f "RSS %M" "$dyad" code -j "$1" --stats --format jsonl "$corpus" >/dev/null; } 2>&1 )
  docs=$(echo "$out" | sed -n 's/.*"documents":\([0-9]*\).*/\1/p')
  sents=$(echo "$out" | sed -n 's/.*"sentences":\([0-9]*\).*/\1/p')
  events=$(echo "$out" | sed -n 's/.*"events":\([0-9]*\).*/\1/p')
  secs=$(echo "$out" | sed -n 's/.*"seconds":\([0-9.]*\).*/\1/p')
  rss=$(echo "$out" | sed -n 's/^RSS \([0-9]*\)/\1/p')
}

run 1;        d1=$docs s1=$sents e1=$events t1=$secs r1=$rss
run "$cores"; dN=$docs sN=$sents eN=$events tN=$secs rN=$rss

# wc -w over the same bytes (best of 3)
twc=999
for i in 1 2 3; do
  t=$( { /usr/bin/time -f "%e" wc -w "$corpus" >/dev/null; } 2>&1 | tail -1)
  twc=$(awk -v a="$twc" -v b="$t" 'BEGIN { print (b < a ? b : a) }')
done

# start-up: dyad code on empty input, median of 21 runs
starts=()
for i in $(seq 1 21); do
  s=$(date +%s%N); "$dyad" code --format jsonl </dev/null >/dev/null; e=$(date +%s%N)
  starts+=( $(( (e - s) / 1000 )) )
done
startup_ms=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 11p | awk '{ printf "%.1f", $1 / 1000 }')
load_ms=$("$dyad" dict stats | sed -n 's/.*loaded in \([0-9.]*\) ms.*/\1/p')

awk -v mb="$mb" -v cores="$cores" -v d1="$d1" -v s1="$s1" -v e1="$e1" -v t1="$t1" -v r1="$r1" \
    -v dN="$dN" -v sN="$sN" -v eN="$eN" -v tN="$tN" -v rN="$rN" -v twc="$twc" -v st="$startup_ms" -v ld="$load_ms" '
BEGIN {
  printf "corpus %s MB, %d documents, %d sentences; machine: %d cores\n\n", mb, d1, s1, cores
  printf "%-10s %10s %12s %8s %9s %9s %8s\n", "threads", "docs/s", "sentences/s", "MB/s", "events", "peak RSS", "seconds"
  printf "%-10s %10.0f %12.0f %8.2f %9d %8.0fM %8.2f\n", 1, d1 / t1, s1 / t1, mb / t1, e1, r1 / 1024, t1
  printf "%-10s %10.0f %12.0f %8.2f %9d %8.0fM %8.2f\n", cores, dN / tN, sN / tN, mb / tN, eN, rN / 1024, tN
  printf "\nspeed-up on %d cores: %.2fx\n", cores, t1 / tN
  printf "wc -w over the same bytes: %.2f s; dyad (1 thread) / wc = %.1fx\n", twc, t1 / twc
  printf "start-up (empty input, median of 21): %s ms; dictionary load: %s ms\n", st, ld
  printf "{\"mb\":%s,\"documents\":%d,\"sentences\":%d,\"events\":%d,\"docs_per_s_1\":%.0f,\"sentences_per_s_1\":%.0f,\"mb_per_s_1\":%.2f,\"rss_mb_1\":%.0f,\"docs_per_s_all\":%.0f,\"sentences_per_s_all\":%.0f,\"mb_per_s_all\":%.2f,\"rss_mb_all\":%.0f,\"cores\":%d,\"speedup\":%.2f,\"wc_seconds\":%.2f,\"ratio_to_wc\":%.1f,\"startup_ms\":%s,\"dict_load_ms\":%s}\n", mb, d1, s1, e1, d1 / t1, s1 / t1, mb / t1, r1 / 1024, dN / tN, sN / tN, mb / tN, rN / 1024, cores, t1 / tN, twc, t1 / twc, st, ld
}'
