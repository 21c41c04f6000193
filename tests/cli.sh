#!/usr/bin/env bash
# tests/cli.sh -- the dyad command on good and bad input: exit status, messages, nothing lost, no crash.
set -u
BUILD=${BUILD:-build}
dyad="$BUILD/dyad"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
check() { # name, condition (a command)
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "not ok - $1"; fi
}
run() { "$dyad" "$@" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"; }
rc() { cat "$tmp/rc"; }

run --version;                          check "version" '[ $(rc) = 0 ] && grep -q "^dyad " $tmp/out'
run --help;                             check "help" '[ $(rc) = 0 ] && grep -q "dyad code" $tmp/out'
run code --help;                        check "code --help" '[ $(rc) = 0 ] && grep -q -- "--format" $tmp/out'
run explain --help;                     check "explain --help" '[ $(rc) = 0 ]'
run dict --help;                        check "dict --help" '[ $(rc) = 0 ]'
run code --bogus x;                     check "unknown option: exit 2" '[ $(rc) = 2 ] && grep -q "unknown option" $tmp/err'
run code --dict-format;                 check "option without its value: exit 2, said once" '[ $(rc) = 2 ] && [ $(wc -l <$tmp/err) = 1 ] && grep -q "dict-format needs a value" $tmp/err'
run frobnicate;                         check "unknown command: exit 2" '[ $(rc) = 2 ]'
run code --date 1999-02-30 x;           check "bad date: exit 2" '[ $(rc) = 2 ] && grep -q "not a date" $tmp/err'
run code --format xml x;                check "bad format: exit 2" '[ $(rc) = 2 ]'
run code --format jsonl /nonexistent/file.txt;  check "missing file: exit 1, named" '[ $(rc) = 1 ] && grep -q "/nonexistent/file.txt" $tmp/err'

# issue 3's breadth, as `dyad dict stats` reports it for the built-in dictionaries
run dict stats
stat() { sed -n "s/^$1 *\([0-9]*\).*/\1/p" $tmp/out; }
check "dict stats: exit 0" '[ $(rc) = 0 ]'
check "dict stats: >= 2,500 verb patterns" '[ "$(stat "verb patterns")" -ge 2500 ]'
check "dict stats: every CAMEO code covered" 'grep -q "^event codes covered 311 of 311" $tmp/out'
check "dict stats: >= 249 countries (ISO 3166-1)" '[ "$(stat countries)" -ge 249 ]'
check "dict stats: >= 150 organizations" '[ "$(stat organizations)" -ge 150 ]'
check "dict stats: >= 100 armed and political groups" '[ "$(stat "armed\/political groups")" -ge 100 ]'
check "dict stats: >= 400 agent nouns" '[ "$(stat agents)" -ge 400 ]'
check "dict stats: >= 600 office holders" '[ "$(stat people)" -ge 600 ]'

# the recall benchmark (bench/recall.c): dyad's CAMEO -> PLOVER mapping, or another one given with --table
recall="$BUILD/bench/recall"
if [ -x "$recall" ]; then
  printf '%s\n' '{"id":"a","plover_event":"ASSAULT","text":"Congolese rebels attacked an army base in Goma."}' >"$tmp/story.jsonl"
  printf 'code\troot\tdescription\tgoldstein\tquad\tplover\n190\t19\tattack\t-10\t4\tCOERCE\n' >"$tmp/table.tsv"
  "$recall" "$tmp/story.jsonl" >"$tmp/out" 2>&1; check "recall: an attack found in an ASSAULT story" 'grep -q "^ASSAULT *1 *100.0" $tmp/out'
  "$recall" "$tmp/story.jsonl" --table "$tmp/table.tsv" >"$tmp/out" 2>&1
  check "recall --table: the other mapping's category counts" 'grep -q "^ASSAULT *1 *0.0" $tmp/out'
  "$recall" "$tmp/story.jsonl" --bogus x >"$tmp/out" 2>&1; echo $? >"$tmp/rc"
  check "recall: unknown option, exit 2" '[ $(rc) = 2 ] && grep -q "unknown option" $tmp/out'
else
  echo "SKIP recall: $recall not built"
fi

: >"$tmp/empty.txt"
run code --format jsonl "$tmp/empty.txt"; check "empty file: exit 0, no events" '[ $(rc) = 0 ] && [ ! -s $tmp/out ]'

head -c 20000 /dev/urandom >"$tmp/binary.bin"; printf '\0\0\0\0' >>"$tmp/binary.bin"
run code --format jsonl "$tmp/binary.bin"; check "binary file: exit 1 with a message" '[ $(rc) = 1 ] && grep -q "binary" $tmp/err'

printf 'Russia attacked Georgia \xff\xfe on Tuesday.\n' >"$tmp/bad.txt"
run code --format jsonl --date 2008-08-12 "$tmp/bad.txt"
check "invalid UTF-8: coded, reported once" '[ $(rc) = 0 ] && grep -q "invalid UTF-8" $tmp/err && [ $(grep -c "invalid UTF-8" $tmp/err) = 1 ] && grep -q "\"cameo\":\"19" $tmp/out'

printf 'Russia attacked\0 Georgia on Tuesday.\n' >"$tmp/nul.txt"
run code --format jsonl --date 2008-08-12 "$tmp/nul.txt"; check "NUL bytes: no crash, exit 0" '[ $(rc) = 0 ]'

awk 'BEGIN { for (i = 0; i < 5000000; i++) printf "word%d and ", i % 97 }' >"$tmp/huge.txt"  # 54 MB, no newline
"$dyad" code -j 1 --format jsonl "$tmp/huge.txt" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"
check "50 MB without a newline: exit 0" '[ $(rc) = 0 ]'
if [ -x /usr/bin/time ] && [ -z "${ASAN_OPTIONS:-}" ]; then
  /usr/bin/time -f "%M" "$dyad" code -j 1 --format jsonl "$tmp/huge.txt" >/dev/null 2>"$tmp/rss"
  check "50 MB without a newline: memory is the input plus a bounded amount (< 120 MB RSS)" '[ $(tail -1 $tmp/rss) -lt 120000 ]'
fi

printf '%s\n' '{"id":"a","text":"Russia attacked Georgia.","date":"2008-08-08"}' 'this is not json' '{"id":"c"}' \
  '{"id":"d","text":"Iran condemned Israel.","date":"2010-01-01"}' '{"id":"e","text":"x","date":"2010-13-45"}' >"$tmp/in.jsonl"
run code --format jsonl "$tmp/in.jsonl"
check "bad JSONL lines: exit 1" '[ $(rc) = 1 ]'
check "bad JSONL lines: named by file:line" 'grep -q "in.jsonl:2: not valid JSON" $tmp/err && grep -q "in.jsonl:3: no \"text\"" $tmp/err && grep -q "in.jsonl:5: invalid \"date\"" $tmp/err'
check "bad JSONL lines: the others still coded" 'grep -q "\"doc_id\":\"a\"" $tmp/out && grep -q "\"doc_id\":\"d\"" $tmp/out'

printf 'Russia attacked Georgia.' | "$dyad" code --format jsonl --date 2008-08-08 - >"$tmp/out" 2>"$tmp/err"
check "stdin" 'grep -q "\"cameo\":\"19" $tmp/out'

run code --format tsv --date 2008-08-08 "$tmp/in.jsonl"
check "tsv header" 'head -1 $tmp/out | grep -q "^EventID	Date	Year	Month	Day	SourceActorFull"'
check "tsv columns" '[ $(sed -n 2p $tmp/out | awk -F"\t" "{print NF}") = 26 ]'

run code --format jsonl --stats --date 2008-08-08 "$tmp/in.jsonl"
check "stats line" 'grep -q "^{\"documents\":2,\"sentences\":[0-9]*,\"events\":[0-9]*,\"bytes\":[0-9]*,\"seconds\":" $tmp/err'

run explain --date 2008-08-12 "Russian troops attacked Georgian villages on Tuesday."
check "explain shows stages" '[ $(rc) = 0 ] && grep -q "^tokens/tags:" $tmp/out && grep -q "^actor:" $tmp/out && grep -q "^clause" $tmp/out && grep -q "^event:" $tmp/out'

mkdir -p "$tmp/dict/verbs"; cp dict/cameo-codes.tsv "$tmp/dict/"; printf '042 : visit\n999 : frobnicate\n' >"$tmp/dict/verbs/x.txt"
run code --dict "$tmp/dict" "$tmp/empty.txt"
check "broken dictionary line: file:line message" '[ $(rc) = 2 ] && grep -q "verbs/x.txt:2: unknown CAMEO code" $tmp/err'

run code --format jsonl --date 2001-03-08 examples/bulletin.txt
check "example codes" '[ $(rc) = 0 ] && [ $(wc -l <$tmp/out) -ge 8 ]'
check "citations carry source and resolved date" 'grep -q "{\"source\":\"Interfax\",\"date\":\"2001-03-06\"}" $tmp/out'

# -j N: the same bytes as -j 1, in input order (documents of very different sizes, so threads finish out of order)
for i in $(seq 1 60); do
  n=$(( (i * 37) % 23 + 1 ))
  text=$(for k in $(seq 1 $n); do printf 'Russia attacked Georgia on Tuesday. Iran condemned Israel. '; done)
  printf '{"id":"d%d","date":"2008-08-%02d","text":"%s"}\n' "$i" $(( i % 28 + 1 )) "$text"
done >"$tmp/many.jsonl"
"$dyad" code -j 1 --format jsonl "$tmp/many.jsonl" >"$tmp/j1" 2>/dev/null
"$dyad" code -j 3 --format jsonl "$tmp/many.jsonl" >"$tmp/j3" 2>/dev/null
"$dyad" code -j 3 --format tsv "$tmp/many.jsonl" >"$tmp/j3t" 2>/dev/null
"$dyad" code -j 1 --format tsv "$tmp/many.jsonl" >"$tmp/j1t" 2>/dev/null
check "-j 3 output is byte-for-byte -j 1 (jsonl)" 'cmp -s $tmp/j1 $tmp/j3 && [ $(wc -l <$tmp/j1) -ge 60 ]'
check "-j 3 output is byte-for-byte -j 1 (tsv)" 'cmp -s $tmp/j1t $tmp/j3t'
run code -j 0 "$tmp/empty.txt";          check "-j 0: usage error" '[ $(rc) = 2 ]'
# the workers start with the first full batch (cli/pool.c): an input of one batch codes on the calling thread,
# with the same output as -j 1
head -3 "$tmp/many.jsonl" >"$tmp/few.jsonl"
"$dyad" code -j 1 --format jsonl "$tmp/few.jsonl" >"$tmp/f1" 2>/dev/null
"$dyad" code -j 3 --format jsonl "$tmp/few.jsonl" >"$tmp/f3" 2>/dev/null
check "-j 3 on one batch: output is -j 1's" 'cmp -s $tmp/f1 $tmp/f3 && [ -s $tmp/f1 ]'
if command -v strace >/dev/null; then
  clones() { strace -f -e trace=clone,clone3 -o "$tmp/st" "$dyad" code "$@" --format jsonl >/dev/null 2>&1; grep -c "clone" "$tmp/st"; }
  c1=$(clones -j 1 "$tmp/few.jsonl") # the runtime's own (LeakSanitizer's exit check clones a task)
  check "-j 3 on one batch starts no thread" '[ $(clones -j 3 "$tmp/few.jsonl") = $c1 ]'
  check "-j 3 on many batches starts its threads" '[ $(clones -j 3 "$tmp/many.jsonl") -ge $((c1 + 3)) ]'
else
  echo "skipped: strace missing (whether -j N on one batch starts threads)"
fi

# libpq and libmicrohttpd are loaded only by the commands that need them (src/util/dynlib.h): the binary
# does not link them, and a missing one is a clear error from that command alone
check "code does not link libpq or libmicrohttpd" '! ldd "$dyad" | grep -qE "libpq|libmicrohttpd"'
DYAD_LIBPQ=/nonexistent/libpq.so.5 run query --db postgresql://127.0.0.1:1/nothing
check "missing libpq: exit 1, says what is missing" '[ $(rc) = 1 ] && grep -q "PostgreSQL support needs the shared library /nonexistent/libpq.so.5" $tmp/err'
DYAD_LIBMICROHTTPD=/nonexistent/libmicrohttpd.so.12 run serve --db "$tmp/none.db"
check "missing libmicrohttpd: exit 1, says what is missing" '[ $(rc) = 1 ] && grep -q "dyad serve needs the shared library /nonexistent/libmicrohttpd.so.12" $tmp/err'
run code --date 2001-03-08 --format jsonl examples/bulletin.txt
check "code works without loading either" '[ $(rc) = 0 ] && [ $(grep -c cameo $tmp/out) -ge 12 ]'
# PLOVER mapping: international sanctions (163) are SANCTION 'discontinue' (PLOVER manual), not COERCE
echo "The European Union imposed sanctions on Belarus." >"$tmp/sanction.txt"
run code --format jsonl --date 2020-01-01 "$tmp/sanction.txt"
check "163 sanctions: PLOVER SANCTION, mode discontinue" 'grep -q "\"cameo\":\"163\".*\"plover\":\"SANCTION\",\"plover_mode\":\"discontinue\"" $tmp/out'

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
