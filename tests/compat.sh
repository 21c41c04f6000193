#!/usr/bin/env bash
# tests/compat.sh -- PETRARCH/TABARI compatibility measured with the ecosystem's own files (../shared/compat):
#   - `dyad validate` on PETR.UnitTest.records.xml (PETRARCH's unit-test records, its validation dictionaries)
#   - `dyad validate` on PETR2_GSR_validation.xml (AFP sentences, Phoenix dictionaries, PETRARCH-2's codings),
#     at least 83% agreement
#   - the full Phoenix set (CAMEO.2.0 verbs, three actor files, agents, discards) loads in at most 300 ms
#   - `dyad code --input xml` reads PETRARCH's GigaWord sample
# Each check fails below its threshold. The readers' own tests (error messages, fixtures) are the cmocka
# test tests/unit/test_compat.c. Ends with "N passed, M failed".
set -u
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
dyad="$BUILD/dyad"
compat="$SHARED/compat"
if [ ! -d "$compat/text" ] || [ ! -d "$compat/dictionaries" ]; then
  echo "skipped: ../shared/compat absent"
  exit 0
fi
# Thresholds. The issue's acceptance is 90% for the unit-test records and 80% agreement with PETRARCH-2 on
# the GSR records; both are met (91.3% and 83.3% measured on the integrated code, docs/compat.md): GSR_MIN is
# the measured figure, floored, so any record lost is a failure. (The compatibility work alone reached 84.6%;
# merged with the grammar work of the same session, record GOLD_0 gains an event: "the militant group that has
# seized parts of Iraq" now has a subject, and PETRARCH-2's dictionary codes "seize ... part" as 030.)
UNIT_MIN=${UNIT_MIN:-90}
GSR_MIN=${GSR_MIN:-83}
GSR_ACCEPT=80
LOAD_MAX_MS=${LOAD_MAX_MS:-300}
pass=0; fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); echo "ok - $1"; }
nok() { fail=$((fail + 1)); echo "not ok - $1"; }

validate() { # name, records file, minimum pass rate (%)
  "$dyad" validate "$compat/text/$2" --dicts "$compat/dictionaries" >"$tmp/$1.out" 2>"$tmp/$1.err"
  local rc=$? rate
  rate=$(sed -n 's/^pass rate: \([0-9.]*\)%$/\1/p' "$tmp/$1.out")
  if [ "$rc" -gt 1 ] || [ -z "$rate" ]; then
    nok "$1: dyad validate did not run (exit $rc): $(head -3 "$tmp/$1.err")"
    return
  fi
  local line; line=$(tail -1 "$tmp/$1.out")
  if awk -v r="$rate" -v m="$3" 'BEGIN { exit !(r + 0 >= m + 0) }'; then ok "$1: $rate% of records pass ($line; threshold $3%)"
  else nok "$1: $rate% of records pass ($line), below $3%"; grep '^FAIL' "$tmp/$1.out" | head -20; fi
}

validate unit-records PETR.UnitTest.records.xml "$UNIT_MIN"
validate gsr-records PETR2_GSR_validation.xml "$GSR_MIN"
gsr=$(sed -n 's/^pass rate: \([0-9.]*\)%$/\1/p' "$tmp/gsr-records.out")
if [ -n "$gsr" ] && awk -v r="$gsr" -v m="$GSR_ACCEPT" 'BEGIN { exit !(r + 0 < m + 0) }'; then
  echo "note: PETR2_GSR agreement $gsr%: the acceptance level of $GSR_ACCEPT% is not reached yet (docs/compat.md)"
fi

# the full Phoenix set (the GSR file names it): the best of five loads, in CPU time, which on an idle
# machine is the wall time and does not grow when other jobs share the machine (the wall time is printed)
best=""; wall=""
for i in 1 2 3 4 5; do
  line=$(sed -n '1p' "$tmp/gsr-records.out")
  [ "$i" -gt 1 ] && line=$("$dyad" validate "$compat/text/PETR2_GSR_validation.xml" --dicts "$compat/dictionaries" 2>/dev/null | head -1)
  ms=$(echo "$line" | sed -n 's/.*, \([0-9]*\) ms of CPU).*/\1/p')
  w=$(echo "$line" | sed -n 's/.*(loaded in \([0-9]*\) ms,.*/\1/p')
  [ -n "$ms" ] && { [ -z "$best" ] || [ "$ms" -lt "$best" ]; } && { best=$ms; wall=$w; }
done
if ldd "$dyad" 2>/dev/null | grep -q 'libasan\|libubsan'; then ok "Phoenix dictionaries loaded (${best:-?} ms of CPU under the sanitizers: not timed)"
elif [ -n "$best" ] && [ "$best" -le "$LOAD_MAX_MS" ]; then ok "Phoenix dictionaries load in $best ms of CPU ($wall ms wall; at most $LOAD_MAX_MS)"
else nok "Phoenix dictionaries load in ${best:-?} ms of CPU, more than $LOAD_MAX_MS"; fi

# PETRARCH XML input with the Phoenix dictionaries
D="$compat/dictionaries"
if [ -f "$compat/text/GigaWord.sample.PETR.xml" ]; then
  "$dyad" code --input xml --format jsonl -j 1 --dict-format petrarch --verbs "$D/CAMEO.2.0.txt" \
    --actors "$D/Phoenix.Countries.actors.txt,$D/Phoenix.International.actors.txt,$D/Phoenix.MilNonState.actors.txt" \
    --agents "$D/Phoenix.agents.txt" --discards "$D/Phoenix.discards.txt" "$compat/text/GigaWord.sample.PETR.xml" \
    >"$tmp/gw.jsonl" 2>"$tmp/gw.err"
  rc=$?
  n=$(wc -l <"$tmp/gw.jsonl")
  if [ $rc -eq 0 ] && [ "$n" -gt 0 ] && grep -q '"doc_id":"AFP0808020625_4"' "$tmp/gw.jsonl"; then ok "code --input xml: GigaWord sample coded ($n events)"
  else nok "code --input xml on the GigaWord sample: exit $rc, $n events: $(head -3 "$tmp/gw.err")"; fi
fi

# the command line with dyad's own fixtures (tests/fixtures/petrarch/)
F=tests/fixtures/petrarch
out=$("$dyad" validate "$F/sentences.xml" 2>&1); rc=$?
if [ $rc -eq 0 ] && echo "$out" | tail -1 | grep -q '^3 passed, 0 failed$'; then ok "validate on the fixtures"
else nok "validate on the fixtures (exit $rc): $(echo "$out" | tail -3)"; fi
"$dyad" code --dict-format petrarch </dev/null >/dev/null 2>"$tmp/e1"; rc=$?
if [ $rc -eq 2 ] && grep -q 'needs --verbs' "$tmp/e1"; then ok "--dict-format petrarch without files: exit 2"; else nok "--dict-format petrarch without files: exit $rc"; fi
"$dyad" code --verbs "$F/verbs.txt" </dev/null >/dev/null 2>"$tmp/e2"; rc=$?
if [ $rc -eq 2 ] && grep -q 'go with --dict-format petrarch' "$tmp/e2"; then ok "--verbs without --dict-format: exit 2"; else nok "--verbs without --dict-format: exit $rc"; fi
printf -- '--- GREET [041] ---\nGREET\n- WARMLY GREETED [041]\n' >"$tmp/bad.txt"
"$dyad" explain --dict-format petrarch --verbs "$tmp/bad.txt" "Ruritania greeted Freedonia." >/dev/null 2>"$tmp/e3"; rc=$?
if [ $rc -eq 2 ] && grep -q "$tmp/bad.txt:3: " "$tmp/e3"; then ok "a bad verb line is reported as file:line"; else nok "bad verb line: exit $rc: $(cat "$tmp/e3")"; fi
printf '<Sentences><Sentence id="x" date="20081301"><Text>Ruritania met Freedonia.</Text></Sentence></Sentences>\n' >"$tmp/bad.xml"
"$dyad" code --input xml --format jsonl -j 1 --dict-format petrarch --verbs "$F/verbs.txt" --actors "$F/actors.txt" "$tmp/bad.xml" >/dev/null 2>"$tmp/e4"; rc=$?
if [ $rc -eq 1 ] && grep -q "bad.xml:1: " "$tmp/e4"; then ok "a bad XML date: exit 1, file:line"; else nok "bad XML date: exit $rc: $(cat "$tmp/e4")"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
