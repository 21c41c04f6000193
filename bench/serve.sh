#!/usr/bin/env bash
# bench/serve.sh -- load benchmark of `dyad serve` (not a test: it measures, it does not judge).
#
# Runs wrk (Debian package `wrk`) on loopback against /api/events and /api/series, each for DURATION
# (default 10 s) with CONNECTIONS (default 32) connections on 2 threads, and prints requests/s, p50 and p99
# latency, errors (socket errors + non-2xx answers) and the server's CPU time per request (user + system,
# from /proc/PID/stat: what a busy shared machine changes least) per endpoint, as a table and one JSON line
# per endpoint. Each endpoint is requested once before wrk starts, so its answer is cached (when CACHE is not 0).
#
# usage: bench/serve.sh [DB]        (needs `make` first; BUILD=build by default)
#   DB   an existing store to serve; without it one is made in $TMPDIR/dyad-bench-serve/ from DOCS (default
#        5000) copies of examples/bulletin.txt with dates spread over 1995-2024 (15 events each: DOCS=67000
#        makes the 1,005,000-event store of docs/PERFORMANCE.md; its ingest time is printed).
#   env  DURATION=10s CONNECTIONS=32 DOCS=5000 THREADS (server worker threads; default: its own)
#        CACHE (the server's --cache seconds; default its own, 2; CACHE=0 measures every request's queries)
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
dyad="$BUILD/dyad"
duration=${DURATION:-10s}
conns=${CONNECTIONS:-32}
docs=${DOCS:-5000}
[ -x "$dyad" ] || { echo "build dyad first: make" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk): nothing to measure" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq is not installed (apt-get install jq)" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is not installed (apt-get install curl)" >&2; exit 2; }

work=${TMPDIR:-/tmp}/dyad-bench-serve
mkdir -p "$work"
db=${1:-$work/bulletin-$docs.db}
if [ ! -s "$db" ]; then
  echo "building a store of $docs documents in $db ..." >&2
  jq -Rs . examples/bulletin.txt >"$work/text.json"
  awk -v n="$docs" 'NR == 1 { t = $0 } END {
      for (i = 0; i < n; i++) {
        y = 1995 + i % 30; m = 1 + int(i / 30) % 12; d = 1 + int(i / 360) % 28
        printf "{\"id\":\"bulletin-%d\",\"date\":\"%04d-%02d-%02d\",\"text\":%s}\n", i, y, m, d, t
      }
    }' "$work/text.json" >"$work/corpus.jsonl"
  t0=$(date +%s.%N)
  "$dyad" ingest -q --stats --db "$db" "$work/corpus.jsonl" 2>&1 | tail -1 >&2
  echo "ingest: $(awk -v a="$t0" -v b="$(date +%s.%N)" "BEGIN { printf \"%.0f\", b - a }") s wall, load average $(cut -d" " -f1-3 /proc/loadavg)" >&2
fi
events=$("$dyad" query --db "$db" --count)

log="$work/serve.log"
"$dyad" serve --db "$db" --port 0 ${THREADS:+--threads "$THREADS"} ${CACHE:+--cache "$CACHE"} 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
port=""
for _ in $(seq 100); do
  port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$log" >&2; exit 1; }
base="http://127.0.0.1:$port"

echo "dyad serve on $db ($events events), cache ${CACHE:-2} s, wrk $duration, $conns connections, $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg)"
printf '%-52s %12s %10s %10s %8s %10s  %s\n' endpoint requests/s p50 p99 errors "cpu/req" "load average after"
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; } # the server's user + system time, in clock ticks
run() { # path
  local out rps p50 p99 sock non2xx errs n c0 c1 us
  curl -s -o /dev/null "$base$1" || true
  c0=$(cpu)
  out=$(wrk -t2 -c"$conns" -d"$duration" --latency "$base$1" 2>&1)
  c1=$(cpu)
  n=$(echo "$out" | awk '/requests in/ { print $1 }')
  us=$(awk -v c=$((c1 - c0)) -v n="${n:-0}" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", n ? c * 1e6 / hz / n : 0 }')
  rps=$(echo "$out" | awk '/^Requests\/sec/ { print $2 }')
  p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
  p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
  sock=$(echo "$out" | sed -n 's/.*Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' |
         awk '{ print $1 + $2 + $3 + $4 }')
  non2xx=$(echo "$out" | sed -n 's/.*Non-2xx or 3xx responses: \([0-9]*\).*/\1/p')
  errs=$(( ${sock:-0} + ${non2xx:-0} ))
  load=$(cut -d" " -f1 /proc/loadavg)
  printf '%-52s %12s %10s %10s %8s %7s us  %s\n' "$1" "$rps" "$p50" "$p99" "$errs" "$us" "$load"
  printf '{"endpoint":"%s","cache":%s,"events":%s,"connections":%s,"duration":"%s","requests_per_s":%s,"p50":"%s","p99":"%s","errors":%s,"server_cpu_us_per_request":%s,"load1":%s}\n' \
    "$1" "${CACHE:-2}" "$events" "$conns" "$duration" "${rps:-0}" "$p50" "$p99" "$errs" "$us" "$load" >>"$work/results.jsonl"
}
: >"$work/results.jsonl"
run "/api/events?limit=50"
run "/api/events?actor=TKM&from=2000-01-01&to=2010-12-31&limit=50"
run "/api/series?interval=month"
run "/api/series?source=KGZ&target=KAZ&interval=month"
echo "(JSON lines: $work/results.jsonl)"
cat "$work/results.jsonl"
