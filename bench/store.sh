#!/usr/bin/env bash
# bench/store.sh -- CPU time of the store queries behind /api/events and /api/series (not a test: it measures).
#
# Runs build/bench/storeq (bench/storeq.c): each query REPEAT times (default 20) on one read-only handle, as
# a server worker does, printing the mean CPU time per call (in-process: what a noisy shared machine changes
# least), the mean wall time and the rows, with the load average before and after.
#
# usage: bench/store.sh DB [REPEAT]       (BUILD=build by default; builds storeq when missing)
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
db=${1:?usage: bench/store.sh DB [REPEAT]}
[ -x "$BUILD/bench/storeq" ] || make -s BUILD="$BUILD" "$BUILD/bench/storeq"
echo "store $db, load average $(cut -d" " -f1-3 /proc/loadavg)"
"$BUILD/bench/storeq" "$db" "${2:-20}"
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
