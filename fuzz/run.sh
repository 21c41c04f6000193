#!/usr/bin/env bash
# fuzz/run.sh -- builds dyad's libFuzzer targets (fuzz/build.sh) and runs each one for a bounded time:
# FUZZ_SECONDS each (default 30), FUZZ_JOBS targets at a time (default 2), starting from the seed corpora in
# fuzz/corpus/<target>/ (which it never modifies). New inputs, logs and crash artifacts go to FUZZ_WORK
# (default build/fuzz/run/). Exits non-zero when any target crashes, hangs, leaks or trips a sanitizer or one
# of its own checks; the last line is "fuzz: N passed, M failed". Run by tests/check.sh (make check).
#   FUZZ_TARGETS="code dict" FUZZ_SECONDS=600 bash fuzz/run.sh      # a longer campaign of two targets
set -u
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-30}
jobs=${FUZZ_JOBS:-2}
targets=${FUZZ_TARGETS:-normalize split code jsonl text dict xml petrdict serve}
work=${FUZZ_WORK:-build/fuzz/run}
rm -rf "$work"
mkdir -p "$work"
ntargets=$(echo $targets | wc -w)

if ! bash fuzz/build.sh >"$work/build.log" 2>&1; then
  tail -20 "$work/build.log"
  echo "fuzz: 0 passed, $ntargets failed (build failed: $work/build.log)"
  exit 1
fi

run_one() { # target
  local t=$1 d="$work/$1"
  mkdir -p "$d/corpus" "$d/artifacts"
  local dict=()
  [ -f "fuzz/dict/$t.dict" ] && dict=(-dict="fuzz/dict/$t.dict")
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
    "build/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2560 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$d/artifacts/" "${dict[@]}" "$d/corpus" "fuzz/corpus/$t" >"$d/log" 2>&1
  echo $? >"$d/rc"
}

running=0
for t in $targets; do
  if [ ! -x "build/fuzz/fuzz_$t" ]; then echo "no target $t" >"$work/$t.missing"; continue; fi
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

pass=0; fail=0
for t in $targets; do
  d="$work/$t"
  if [ ! -f "$d/rc" ]; then echo "FAIL fuzz_$t: not built"; fail=$((fail + 1)); continue; fi
  stat() { sed -n "s/^stat::$1: *//p" "$d/log" | tail -1; }
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$d/log" | tail -1)
  cov=$(echo "$done_line" | sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\) corp: \([0-9]*\)\/\([^ ]*\).*/cov \1, ft \2, corpus \3 (\4)/p')
  if [ "$(cat "$d/rc")" = 0 ]; then
    pass=$((pass + 1))
    echo "ok   fuzz_$t: $(stat number_of_executed_units) runs in ${secs} s, $cov"
  else
    fail=$((fail + 1))
    echo "FAIL fuzz_$t (exit $(cat "$d/rc")): $(grep -m1 -E 'ERROR|check failed|runtime error|Timeout|out-of-memory' "$d/log")"
    grep -E '^    #[0-9]+ ' "$d/log" | head -8
    ls "$d/artifacts/"* 2>/dev/null | sed 's/^/     input: /'
  fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
