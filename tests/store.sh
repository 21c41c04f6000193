#!/usr/bin/env bash
# tests/store.sh -- the event store (`dyad ingest`, `dyad query`) on SQLite, then the same tests on a
# throwaway PostgreSQL server (tests/pg.sh) when one can be started (else those are skipped, with a message).
#
# Per backend: what is stored is what `dyad code` says, byte for byte; ingest is idempotent; changed content
# replaces a document's sentences and events (and its full-text entries); kill -9 at several points of a long
# ingest leaves a consistent store and a rerun completes it with no duplicates and nothing lost; every query
# filter alone and combined; --count-by groups and sums; text that looks like SQL or HTML is stored and
# returned verbatim and cannot reach the SQL. Then (backend-independent) usage errors and exit statuses.
# Ends with "N passed, M failed" (and "K skipped" when PostgreSQL was not available).
set -u
BUILD=${BUILD:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
dyad="$here/$BUILD/dyad"
tmp=$(mktemp -d)
. "$here/tests/pg.sh"
trap 'pg_stop; rm -rf "$tmp"' EXIT
pass=0; fail=0; skipped=0; B=sqlite
check() { # name, condition (a command)
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "not ok - $B: $1"; fi
}
q() { "$dyad" query --db "$db" "$@"; }           # query the current store
rows() { q --format csv "$@" | tail -n +2 | wc -l | tr -d ' '; }  # number of result rows
summary() { q --summary | awk -v k="$1" '$1 == k { print $2 }'; }
consistent() { q --check >"$tmp/check" 2>&1 && grep -q '^0 problems' "$tmp/check"; }
filt() { # name, awk condition on the reference TSV, query options: as many rows as the reference has
  local name=$1 cond=$2 e g; shift 2
  e=$(awk -F'\t' "$cond" "$tmp/ref-bulletin.tsv" | wc -l | tr -d ' '); g=$(rows "$@")
  check "$name ($g = $e)" '[ "$g" = "$e" ] && [ "$e" -gt 0 ]'
}
sentences() { sed -n 's/.*,"text":"\(.*\)","citations":.*/\1/p'; }  # the sentences of JSONL events

# ---- fixtures ----
bulletin=examples/bulletin.txt
cat >"$tmp/inject.jsonl" <<'EOF'
{"id":"inj-1","date":"2008-08-12","source":"<b>Wire</b>","text":"Russia accused Georgia of '); DROP TABLE events;-- and <script>alert(\"x\")</script> on Tuesday."}
{"id":"x'); DROP TABLE documents;--","date":"2008-08-13","text":"Iran condemned Israel \"for\" its \\ attacks; O'Brien said."}
EOF
cat >"$tmp/small.jsonl" <<'EOF'
{"id":"s-1","date":"2008-08-08","text":"Russia attacked Georgia. Georgia accused Russia of aggression."}
{"id":"s-2","date":"2010-01-01","text":"Iran condemned Israel over the raid."}
{"id":"s-3","date":"2012-05-05","text":"France praised Germany for its budget discipline."}
EOF
sed 's/Iran condemned Israel over the raid./Iran praised Turkey for the ceasefire. Iran condemned Israel./' \
  "$tmp/small.jsonl" >"$tmp/small2.jsonl"
# a long input for the kill tests: the example bulletin 1500 times, distinct ids and dates
awk -v N=1500 'BEGIN { RS = "^$" } { t = $0; gsub(/\\/, "\\\\", t); gsub(/"/, "\\\"", t); gsub(/\t/, "\\t", t); gsub(/\n/, "\\n", t)
  for (i = 0; i < N; i++) printf "{\"id\":\"big-%05d\",\"date\":\"2001-%02d-%02d\",\"text\":\"%s\"}\n", i, 1 + i % 12, 1 + i % 28, t }' \
  "$bulletin" >"$tmp/big.jsonl"
big_docs=1500

# the reference: what `dyad code` says, sorted (the store's order is by date, document, sentence)
"$dyad" code -j 1 --format jsonl --date 2001-03-08 "$bulletin" | sort >"$tmp/ref-bulletin"
"$dyad" code -j 1 --format jsonl "$tmp/inject.jsonl" >"$tmp/ref-inject"
"$dyad" code -j 1 --format jsonl "$tmp/small.jsonl" | sort >"$tmp/ref-small"
"$dyad" code -j 1 --format jsonl "$tmp/small2.jsonl" | sort >"$tmp/ref-small2"
"$dyad" code -j 1 --format jsonl "$tmp/big.jsonl" | sort >"$tmp/ref-big"
n_bulletin=$(wc -l <"$tmp/ref-bulletin" | tr -d ' ')
"$dyad" code -j 1 --format tsv --date 2001-03-08 "$bulletin" | tail -n +2 >"$tmp/ref-bulletin.tsv"
# the expected --count-by rows from the TSV: key(s), events, Goldstein sum, events per QuadClass
cat >"$tmp/counts.awk" <<'EOF'
function add(k) { n[k]++; g[k] += $17; q[k, $16]++ }
by ~ /^(day|month|year)$/ && $2 == "" { next }
by == "day"    { add(substr($2, 1, 4) "-" substr($2, 5, 2) "-" substr($2, 7, 2)) }
by == "month"  { add(substr($2, 1, 4) "-" substr($2, 5, 2)) }
by == "year"   { add(substr($2, 1, 4)) }
by == "source" { add($6) }
by == "target" { add($10) }
by == "dyad"   { add($6 "," $10) }
by == "root"   { add($15) }
by == "cameo"  { add($14) }
by == "actor"  { add($6); if ($10 != "" && $10 != $6) add($10) }
END { for (k in n) { s = sprintf("%.1f", g[k]); if (s == "-0.0") s = "0.0"
        printf "%s,%d,%s,%d,%d,%d,%d\n", k, n[k], s, q[k, 1], q[k, 2], q[k, 3], q[k, 4] } }
EOF

suite() { # runs every backend test; newdb NAME gives a fresh store
  # -- stored = coded
  db=$(newdb basic)
  "$dyad" ingest -q --db "$db" --date 2001-03-08 "$bulletin"; rc=$?
  check "ingest the example: exit 0" '[ $rc = 0 ]'
  q --format jsonl | sort >"$tmp/got"
  check "stored events are what dyad code writes, byte for byte" 'cmp -s "$tmp/got" "$tmp/ref-bulletin"'
  check "summary counts" '[ "$(summary documents)" = 1 ] && [ "$(summary events)" = "$n_bulletin" ] && [ "$(summary sentences)" -gt 0 ]'
  check "check: consistent" 'consistent'

  # -- every coded sentence is stored, with or without events
  q --sentences --format csv | tail -n +2 >"$tmp/sents"
  e=$(sentences <"$tmp/ref-bulletin" | sort -u | wc -l | tr -d ' ')
  check "--sentences: every coded sentence, those of events among them ($e with events)" '[ "$(wc -l <"$tmp/sents")" -gt "$e" ] && [ "$(awk -F, "\$3 > 0" "$tmp/sents" | wc -l | tr -d " ")" = "$e" ] && [ "$(summary sentences)" = "$(wc -l <"$tmp/sents" | tr -d " ")" ]'
  check "--sentences --text finds a sentence that has no event" '[ "$(q --sentences --text "seasonal quotas" --format csv | tail -n +2 | cut -d, -f1-3)" = "bulletin.txt,2,0" ] && [ "$(rows --text "seasonal quotas")" = 0 ]'
  check "--sentences takes only --text and --doc" '! q --sentences --root 11 >/dev/null 2>&1 && [ "$(q --sentences --doc nope --format csv | wc -l)" = 0 ]'

  # -- idempotence
  q --format csv >"$tmp/before"
  "$dyad" ingest --db "$db" --date 2001-03-08 "$bulletin" 2>"$tmp/err"; rc=$?
  check "re-ingest: exit 0, reported unchanged" '[ $rc = 0 ] && grep -q "0 added, 0 replaced, 1 unchanged" "$tmp/err"'
  q --format csv >"$tmp/after"
  check "re-ingest adds nothing (same rows, same ids)" 'cmp -s "$tmp/before" "$tmp/after"'
  "$dyad" ingest -q --db "$db" --date 2001-03-08 "$bulletin" "$bulletin"
  check "the same document twice in one run: still once" '[ "$(summary events)" = "$n_bulletin" ] && [ "$(summary documents)" = 1 ]'
  "$dyad" ingest -q --db "$db" --date 2001-03-09 "$bulletin"
  check "a different default date is a change: replaced, not added" '[ "$(summary events)" = "$n_bulletin" ] && [ "$(summary documents)" = 1 ] && consistent'

  # -- replacement on changed content
  db=$(newdb replace)
  "$dyad" ingest -q --db "$db" "$tmp/small.jsonl"
  q --format jsonl | sort >"$tmp/got"
  check "small set stored as coded" 'cmp -s "$tmp/got" "$tmp/ref-small"'
  check "full-text finds the old sentence" '[ "$(rows --text raid)" = 1 ]'
  "$dyad" ingest --db "$db" "$tmp/small2.jsonl" 2>"$tmp/err"; rc=$?
  check "changed document: 1 replaced, 2 unchanged" '[ $rc = 0 ] && grep -q "0 added, 1 replaced, 2 unchanged" "$tmp/err"'
  q --format jsonl | sort >"$tmp/got"
  check "after replacement the store is what the new content codes to" 'cmp -s "$tmp/got" "$tmp/ref-small2"'
  check "the replaced sentence is gone from the full-text index" '[ "$(rows --text raid)" = 0 ] && [ "$(rows --text ceasefire)" -ge 1 ]'
  check "other documents untouched" '[ "$(rows --doc s-1)" = "$(grep -c "\"doc_id\":\"s-1\"" "$tmp/ref-small")" ]'
  check "consistent after replacement" 'consistent'
  "$dyad" ingest -q --db "$db" --force "$tmp/small2.jsonl"
  q --format jsonl | sort >"$tmp/got"
  check "--force recodes without duplicating" 'cmp -s "$tmp/got" "$tmp/ref-small2" && consistent'

  # -- kill -9 during a long ingest, at several points, then a rerun
  db=$(newdb killed)
  local kills=0 partial=0 prev=0
  for when in "at start" "just after a commit" "in a batch"; do
    "$dyad" ingest -q -j 2 --batch 20 --db "$db" "$tmp/big.jsonl" >/dev/null 2>&1 &
    local pid=$!
    if [ "$when" = "at start" ]; then sleep 0.05
    else # wait until it has committed more documents, then kill at once or a little later
      for _ in $(seq 1 300); do
        n=$(summary documents 2>/dev/null); n=${n:-0}
        [ "$n" -gt "$prev" ] && break
        kill -0 $pid 2>/dev/null || break
        sleep 0.02
      done
      [ "$when" = "in a batch" ] && sleep 0.1
    fi
    if kill -9 $pid 2>/dev/null; then kills=$((kills + 1)); fi
    wait $pid 2>/dev/null
    n=$(summary documents 2>/dev/null); n=${n:-0}
    [ "$n" -lt "$big_docs" ] && partial=$((partial + 1))
    # killed before its first commit, the store may not even have its schema yet: that is consistent too
    killed_ok() { consistent || { [ "$n" = 0 ] && grep -qE "no dyad store|no such store|no such table: meta|no schema version" "$tmp/check"; }; }
    killed_ok || { echo "   after kill -9 $when:"; cat "$tmp/check"; }
    check "kill -9 $when ($n of $big_docs documents stored): store consistent" 'killed_ok'
    prev=$n
  done
  check "the ingest was killed part-way ($kills kills, $partial with a partial store)" '[ $kills -ge 2 ] && [ $partial -ge 2 ]'
  "$dyad" ingest --db "$db" --batch 20 "$tmp/big.jsonl" 2>"$tmp/err"; rc=$?
  check "rerun after kill -9: exit 0" '[ $rc = 0 ]'
  check "rerun skips what was stored and adds the rest" 'grep -q "$((big_docs - prev)) added, 0 replaced, $prev unchanged" "$tmp/err"'
  q --format jsonl | sort >"$tmp/got"
  check "after kill + rerun: every event once, nothing lost (= dyad code)" 'cmp -s "$tmp/got" "$tmp/ref-big"'
  check "after kill + rerun: $big_docs documents, consistent" '[ "$(summary documents)" = "$big_docs" ] && consistent'

  # -- query filters: each compared with what `dyad code` gives for the example bulletin (TSV columns:
  #    2 date, 6/7 source code/entity, 10/11 target code/entity, 14 CAMEO, 15 root, 16 QuadClass, 17 Goldstein)
  db=$(newdb query)
  "$dyad" ingest -q --db "$db" --date 2001-03-08 "$bulletin"
  filt '--source code' '$6 == "KGZGOV"' --source KGZGOV
  filt '--source country: all its actors' '$6 == "TKM" || $7 == "TKM"' --source TKM
  filt '--source organization' '$6 == "OSCE" || $7 == "OSCE"' --source OSCE
  filt '--target' '$10 == "KGZ" || $11 == "KGZ"' --target KGZ
  filt '--actor: source or target' '$6 == "KGZ" || $7 == "KGZ" || $10 == "KGZ" || $11 == "KGZ"' --actor KGZ
  filt '--source + --target: a dyad' '$6 == "RUSGOV" && ($10 == "KGZ" || $11 == "KGZ")' --source RUSGOV --target KGZ
  filt 'lower-case codes' '$6 == "RUSGOV" && ($10 == "KGZ" || $11 == "KGZ")' --source rusgov --target kgz
  filt '--root' '$15 == "11"' --root 11
  filt '--root, one digit' '$15 == "04"' --root 4
  filt '--cameo with its sub-codes' '$14 ~ /^04/' --cameo 04
  filt '--cameo, four digits' '$14 == "0332"' --cameo 0332
  filt '--quad' '$16 == 4' --quad 4
  filt '--from/--to, inclusive' '$2 >= "20010306" && $2 <= "20010307"' --from 2001-03-06 --to 2001-03-07
  filt '--to alone' '$2 != "" && $2 <= "20010228"' --to 2001-02-28
  filt 'filters combine' '($6 == "TKM" || $7 == "TKM") && $15 == "12" && $2 <= "20010305"' --source TKM --root 12 --to 2001-03-05
  e=$(grep -c '"plover":"ACCUSE"' "$tmp/ref-bulletin"); g=$(rows --plover accuse)
  check "--plover ($g = $e)" '[ "$g" = "$e" ] && [ "$e" -gt 0 ]'
  e=$(sentences <"$tmp/ref-bulletin" | grep -ciw talks); g=$(rows --text talks)
  check "--text: a word in the sentence ($g = $e)" '[ "$g" = "$e" ] && [ "$e" -gt 0 ]'
  e=$(sentences <"$tmp/ref-bulletin" | grep -iw held | grep -ciw talks); g=$(rows --text "TALKS held")
  check "--text: all the words, any order, any case ($g = $e)" '[ "$g" = "$e" ] && [ "$e" -gt 0 ] && [ "$(rows --text "talks zebra")" = 0 ]'
  e=$(grep '"root":"04"' "$tmp/ref-bulletin" | sentences | grep -ciw talks); g=$(rows --text talks --root 04)
  check "--text combined with a filter ($g = $e)" '[ "$g" = "$e" ] && [ "$e" -gt 0 ]'
  check "--doc" '[ "$(rows --doc bulletin.txt)" = "$n_bulletin" ] && [ "$(rows --doc nope)" = 0 ]'
  check "--count: the number of matching events, whatever the limit" '[ "$(q --count)" = "$n_bulletin" ] && [ "$(q --count --root 11 --limit 1)" = "$(rows --root 11)" ] && [ "$(q --count --text talks)" = "$(rows --text talks)" ]'
  check "--limit / --offset" '[ "$(rows --limit 2)" = 2 ] && [ "$(rows --offset $((n_bulletin - 1)))" = 1 ] && [ "$(rows --limit 5 --offset $((n_bulletin - 3)))" = 3 ]'
  first=$(cut -f2 "$tmp/ref-bulletin.tsv" | grep . | sort | head -1); last=$(cut -f2 "$tmp/ref-bulletin.tsv" | sort | tail -1)
  check "oldest first; --desc newest first" '[ "$(q --format csv --limit 1 | tail -1 | cut -d, -f4 | tr -d -)" = "$first" ] && [ "$(q --format csv --desc --limit 1 | tail -1 | cut -d, -f4 | tr -d -)" = "$last" ]'
  q --format table >"$tmp/t"
  check "table format" 'head -1 "$tmp/t" | grep -q "^DOC *SENT *DATE *SOURCE" && grep -q "($n_bulletin events)" "$tmp/t"'
  check "csv header" 'q --format csv --limit 1 | head -1 | grep -q "^id,doc_id,sent,date,source,source_text,target"'
  for by in day month year source target dyad actor root cameo; do
    q --count-by $by --format csv >"$tmp/c"
    tail -n +2 "$tmp/c" | sed 's/,-0\.0,/,0.0,/' | LC_ALL=C sort >"$tmp/got"
    awk -F'\t' -v by=$by -f "$tmp/counts.awk" "$tmp/ref-bulletin.tsv" | LC_ALL=C sort >"$tmp/exp"
    check "--count-by $by: events, Goldstein sum, QuadClass counts per group" 'cmp -s "$tmp/got" "$tmp/exp" && [ -s "$tmp/exp" ]'
    case $by in
      day|month|year) check "--count-by $by: in time order" 'tail -n +2 "$tmp/c" | cut -d, -f1 | LC_ALL=C sort -c' ;;
      dyad) check "--count-by $by: most events first" 'tail -n +2 "$tmp/c" | cut -d, -f3 | sort -nrc' ;;
      *) check "--count-by $by: most events first" 'tail -n +2 "$tmp/c" | cut -d, -f2 | sort -nrc' ;;
    esac
  done
  check "--count-by headers" 'q --count-by month --format csv | head -1 | grep -qx "period,events,goldstein,verbal_coop,material_coop,verbal_conflict,material_conflict" && q --count-by dyad --format csv | head -1 | grep -q "^source,target,events,"'
  q --count-by week --format csv | tail -n +2 >"$tmp/c"
  check "--count-by week: Monday labels, every dated event counted" '[ "$(awk -F, "{ s += \$2 } END { print s }" "$tmp/c")" = "$(cut -f2 "$tmp/ref-bulletin.tsv" | grep -c .)" ] && (for w in $(cut -d, -f1 "$tmp/c"); do [ "$(date -d "$w" +%u)" = 1 ] || exit 1; done)'
  e=$(awk -F'\t' '$2 >= "20010301" && $15 == "11"' "$tmp/ref-bulletin.tsv" | wc -l | tr -d ' ')
  check "--count-by with filters" '[ "$(q --count-by month --root 11 --from 2001-03-01 --format csv | tail -n +2 | awk -F, "{ s += \$2 } END { print s + 0 }")" = "$e" ]'
  check "--count-by with --limit" '[ "$(q --count-by cameo --limit 2 --format csv | tail -n +2 | wc -l)" = 2 ]'
  for by in day week actor dyad; do
    check "--count-by $by with --offset and --limit: a slice of the whole" '[ "$(q --count-by $by --offset 1 --limit 2 --format csv | tail -n +2)" = "$(q --count-by $by --format csv | sed -n 3,4p)" ]'
  done
  check "--count-by jsonl" 'q --count-by root --format jsonl | head -1 | grep -q "^{\"root\":\"[0-9]*\",\"events\":[0-9]*,\"goldstein\":[-0-9.]*,\"verbal_coop\":[0-9]*,\"material_coop\":[0-9]*,\"verbal_conflict\":[0-9]*,\"material_conflict\":[0-9]*}$"'
  check "--count-by table" 'q --count-by dyad --format table | head -1 | grep -q "^SOURCE *TARGET *EVENTS *GOLDSTEIN *VERBAL_COOP"'

  # -- aggregates (agg_day, agg_events, agg_actor): the same answers as a GROUP BY over the events, kept in
  #    step by ingest and replacement, checked by --check, filled when a schema 1 store is upgraded
  db=$(newdb agg)
  "$dyad" ingest -q --db "$db" --date 2001-03-08 "$bulletin" "$tmp/small.jsonl" "$tmp/inject.jsonl"
  "$dyad" ingest -q --db "$db" "$tmp/small2.jsonl"
  check "aggregates = GROUP BY over the events after ingest and replacement (--check)" 'consistent'
  aggq() { # the counts of many filters and groupings, as CSV
    local a
    for a in "--count-by day" "--count-by week" "--count-by month" "--count-by year" "--count-by dyad" "--count-by actor" \
      "--count-by source" "--count-by target" "--count-by root" "--count-by cameo" "--count-by plover" \
      "--count-by month --quad 1" "--count-by dyad --quad 3 --from 2001-03-01" "--count-by month --actor KGZ" \
      "--count-by year --source TKM" "--count-by month --target kgz" "--count-by day --source RUSGOV --target KGZ" \
      "--count-by month --source OSCE --to 2001-03-06" "--count-by month --root 11" "--count-by actor --cameo 04" \
      "--count-by source --plover accuse" "--count-by week --actor KGZ --source TKM" "--count-by dyad --limit 3 --offset 1" \
      "--count" "--count --quad 2" "--count --actor TKM --to 2001-03-06" "--count --source KGZ --target KAZ --quad 1" \
      "--count --target RUS --from 2008-01-01" "--count --plover accuse --actor russia" "--count --to 2001-03-06"; do
      echo "== $a"; q $a --format csv | sed 's/,-0\.0,/,0.0,/g'
    done
  }
  aggq >"$tmp/agg-new"
  # the same store as schema 1 (no aggregate tables): its answers come from the events table
  sqlx agg "DROP TABLE agg_day; DROP TABLE agg_events; DROP TABLE agg_actor; UPDATE meta SET value = '1' WHERE key = 'schema_version'"
  aggq >"$tmp/agg-old"
  check "schema 1 store readable; its answers (events table) = the aggregates' answers" '[ "$(summary schema)" = 1 ] && cmp -s "$tmp/agg-new" "$tmp/agg-old" && [ "$(grep -c "^==" "$tmp/agg-new")" = 30 ] && [ "$(wc -l <"$tmp/agg-new")" -gt 150 ]'
  "$dyad" ingest -q --db "$db" "$tmp/small2.jsonl"
  check "ingest upgrades a schema 1 store: aggregates filled, same answers" '[ "$(summary schema)" = 2 ] && consistent && aggq | cmp -s - "$tmp/agg-new"'
  "$dyad" ingest -q --db "$db" --force "$tmp/small.jsonl" "$tmp/inject.jsonl"
  check "aggregates after --force re-ingest and replacement back" 'consistent && [ "$(q --count)" = "$(q --format csv | tail -n +2 | wc -l | tr -d " ")" ]'
  for t in agg_day agg_events agg_actor; do
    sqlx agg "UPDATE $t SET n = n + 1 WHERE day = (SELECT max(day) FROM $t)"
    check "--check finds $t rows that differ from the events" '! consistent && grep -q "$t differ" "$tmp/check"'
    sqlx agg "UPDATE $t SET n = n - 1 WHERE day = (SELECT max(day) FROM $t)"
  done
  check "consistent again" 'consistent'

  # -- text that looks like SQL or HTML
  db=$(newdb inject)
  "$dyad" ingest -q --db "$db" "$tmp/inject.jsonl"; rc=$?
  check "injection-looking documents ingested" '[ $rc = 0 ] && [ "$(summary documents)" = 2 ]'
  q --format jsonl >"$tmp/got"
  check "stored and returned verbatim (= dyad code)" 'cmp -s "$tmp/got" "$tmp/ref-inject"'
  check "the <script> sentence comes back as written" 'grep -qF "'"'"'); DROP TABLE events;-- and <script>alert(\\\"x\\\")</script>" "$tmp/got" && grep -qF "\"publication\":\"<b>Wire</b>\"" "$tmp/got"'
  check "found by its words" '[ "$(rows --text "DROP TABLE")" = 1 ] && [ "$(rows --text "'"'"'); DROP TABLE events;--")" = 1 ]'
  check "an id that looks like SQL is just an id" '[ "$(rows --doc "x'"'"'); DROP TABLE documents;--")" = 1 ]'
  check "SQL in a filter value matches nothing" '[ "$(rows --source "RUS'"'"' OR '"'"'1'"'"'='"'"'1")" = 0 ] && [ "$(rows --plover "x'"'"'; DROP TABLE events;--")" = 0 ]'
  check "CSV quotes the sentence" 'q --format csv --doc inj-1 | tail -1 | grep -qF ",\"Russia accused Georgia of '"'"'); DROP TABLE events;-- and <script>alert(\"\"x\"\")</script> on Tuesday.\""'
  check "tables intact afterwards" '[ "$(summary events)" = 2 ] && consistent'
}

# ---- SQLite ----
B=sqlite
newdb() { rm -f "$tmp/$1.db" "$tmp/$1.db-wal" "$tmp/$1.db-shm"; echo "$tmp/$1.db"; }
sqlx() { sqlite3 "$tmp/$1.db" "$2"; }  # NAME SQL: runs SQL on the store newdb NAME made
suite
check "WAL journal" '[ -f "$tmp/inject.db" ] && od -An -tu1 -j18 -N2 "$tmp/inject.db" | awk "{ exit !(\$1 == 2 && \$2 == 2) }"'

# ---- backend-independent: usage and errors (SQLite) ----
B=cli
db=$(newdb cli)
run() { "$dyad" "$@" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"; }
rc() { cat "$tmp/rc"; }
run ingest --help;                 check "ingest --help" '[ $(rc) = 0 ] && grep -q -- "--db" "$tmp/out"'
run query --help;                  check "query --help" '[ $(rc) = 0 ] && grep -q -- "--count-by" "$tmp/out"'
run ingest --bogus;                check "ingest: unknown option, exit 2" '[ $(rc) = 2 ] && grep -q "unknown option" "$tmp/err"'
run ingest --date 2001-02-30 x;    check "ingest: bad --date, exit 2" '[ $(rc) = 2 ]'
run ingest --db "$db" --date 2001-03-08 /nonexistent/a.txt "$bulletin"
check "ingest: a missing file is named, exit 1, the rest stored" '[ $(rc) = 1 ] && grep -q "/nonexistent/a.txt" "$tmp/err" && [ "$(summary events)" = "$n_bulletin" ]'
printf '%s\n' '{"id":"ok","text":"Russia attacked Georgia.","date":"2008-08-08"}' 'not json' >"$tmp/bad.jsonl"
run ingest --db "$db" "$tmp/bad.jsonl"
check "ingest: a bad JSONL line is named, exit 1, the rest stored" '[ $(rc) = 1 ] && grep -q "bad.jsonl:2" "$tmp/err" && [ "$(rows --doc ok)" -ge 1 ]'
printf 'Russia attacked Georgia.' | "$dyad" ingest -q --db "$db" --date 2008-08-08 - ; check "ingest from stdin" '[ "$(summary documents)" = 3 ]'
run query --db "$tmp/missing.db";  check "query: missing store, exit 1, named" '[ $(rc) = 1 ] && grep -q "missing.db" "$tmp/err" && [ ! -f "$tmp/missing.db" ]'
run query --db "$db" --from 2001-13-01; check "query: bad --from, exit 2" '[ $(rc) = 2 ] && grep -q "not a date" "$tmp/err"'
run query --db "$db" --count-by decade; check "query: bad --count-by, exit 2" '[ $(rc) = 2 ]'
run query --db "$db" --format xml;  check "query: bad --format, exit 2" '[ $(rc) = 2 ]'
run query --db "$db" --root abc;    check "query: bad --root, exit 2" '[ $(rc) = 2 ] && grep -q "root" "$tmp/err"'
run query --db "$db" --cameo "1%";  check "query: bad --cameo, exit 2" '[ $(rc) = 2 ]'
run query --db "$db" --text "');";  check "query: --text without words, exit 2" '[ $(rc) = 2 ]'
run query --db "$db" --limit -1;    check "query: negative --limit, exit 2" '[ $(rc) = 2 ]'
run query --db "$db" stray;         check "query: stray argument, exit 2" '[ $(rc) = 2 ]'
run query --db "$db" --source NOBODY; check "query: no match is exit 0, no rows" '[ $(rc) = 0 ] && [ ! -s "$tmp/out" ]'
printf 'not a database at all, just text\n%.0s' $(seq 1 200) >"$tmp/junk.db"
run query --db "$tmp/junk.db";      check "query: a file that is not a store, exit 1" '[ $(rc) = 1 ]'
cp "$tmp/junk.db" "$tmp/junk.copy"
run ingest --db "$tmp/junk.db" "$bulletin"; check "ingest: a file that is not a store, exit 1, left as it was" '[ $(rc) = 1 ] && cmp -s "$tmp/junk.db" "$tmp/junk.copy"'
if command -v sqlite3 >/dev/null 2>&1; then
  sqlite3 "$tmp/other.db" "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');"
  run ingest --db "$tmp/other.db" "$bulletin"
  check "ingest: another application's SQLite database is refused" '[ $(rc) = 1 ] && grep -q "not a dyad store" "$tmp/err" && [ "$(sqlite3 "$tmp/other.db" "SELECT count(*) FROM sqlite_master")" = 1 ]'
fi
(cd "$tmp" && DYAD_DB="$tmp/env.db" "$dyad" ingest -q --date 2001-03-08 "$here/$bulletin")
check "DYAD_DB is the default store" '[ -f "$tmp/env.db" ] && [ "$(DYAD_DB="$tmp/env.db" "$dyad" query --format csv | tail -n +2 | wc -l)" = "$n_bulletin" ]'
(cd "$tmp" && "$dyad" ingest -q --date 2001-03-08 "$here/$bulletin")
check "dyad.db is the default store otherwise" '[ -f "$tmp/dyad.db" ]'
run ingest --db "postgresql://nobody@127.0.0.1:1/none?connect_timeout=3" "$bulletin"
check "ingest: unreachable PostgreSQL, exit 1, password not shown" '[ $(rc) = 1 ] && grep -q "cannot connect" "$tmp/err"'
run query --db "postgresql://u:secret@127.0.0.1:1/none?connect_timeout=3"
check "query: unreachable PostgreSQL, exit 1, password not shown" '[ $(rc) = 1 ] && ! grep -q secret "$tmp/err"'

# Every coded sentence is stored with -j 2 as with -j 1: the pool copies the sentence list of each result
# (the coder's own copy is reused by its next document before the main thread stores the first).
B=sqlite
awk '{ printf "{\"id\":\"d%d\",\"date\":\"2001-03-08\",\"text\":\"%s\"}\n", NR, $0 }' "$bulletin" | sed 's/\t/ /g' >"$tmp/lines.jsonl"
"$dyad" ingest -q -j 1 --db "$tmp/j1.db" "$tmp/lines.jsonl" 2>/dev/null
"$dyad" ingest -q -j 2 --db "$tmp/j2.db" "$tmp/lines.jsonl" 2>/dev/null
"$dyad" query --db "$tmp/j1.db" --sentences --format csv >"$tmp/s1"
"$dyad" query --db "$tmp/j2.db" --sentences --format csv >"$tmp/s2"
check "ingest -j 2 stores the same sentences as -j 1 ($(wc -l <"$tmp/s1") lines)" '[ "$(wc -l <"$tmp/s1")" -gt 20 ] && cmp -s "$tmp/s1" "$tmp/s2"'

# ---- PostgreSQL ----
B=postgresql
if pg_start; then
  newdb() { pg_new_db "$1"; }
  sqlx() { pg_sql "$1" "$2" >/dev/null; }
  suite
  db=$(newdb copy)
  "$dyad" ingest -q --db "$db" --date 2001-03-08 "$bulletin"
  check "bulk loading with COPY, full-text GIN index" '[ "$(pg_sql copy "SELECT count(*) FROM events")" = "$n_bulletin" ] && pg_sql copy "SELECT indexdef FROM pg_indexes WHERE indexname = '"'"'sentences_fts'"'"'" | grep -q gin'
else
  echo "note: PostgreSQL tests skipped: $PG_SKIP"
  skipped=1
fi

if [ "$skipped" -gt 0 ]; then echo "$pass passed, $fail failed, $skipped skipped"; else echo "$pass passed, $fail failed"; fi
[ "$fail" -eq 0 ]
