#!/usr/bin/env bash
# fuzz/seeds.sh -- (re)makes the seed corpora in fuzz/corpus/<target>/ from dyad's own test material:
# the golden sentences (tests/golden/sentences.txt), the example bulletin (examples/bulletin.txt), small
# snippets of dict/, the PETRARCH fixtures (tests/fixtures/petrarch/) and the requests of tests/serve.sh. Nothing comes from ../shared. The seeds are committed; run this only to refresh them.
# Inputs of the targets whose first byte holds options (code, jsonl, text) get that byte prepended.
set -eu
cd "$(dirname "$0")/.."
C=fuzz/corpus
rm -rf "$C"
mkdir -p "$C"/{normalize,split,code,jsonl,text,dict,xml,petrdict,serve}
sentences=$(mktemp)
trap 'rm -f "$sentences"' EXIT
grep '^> ' tests/golden/sentences.txt | sed 's/^> //' | awk 'NR % 4 == 1' | head -60 >"$sentences"

# normalize and split: sentences, bulletin paragraphs, and bytes the normalizer repairs
i=0
while IFS= read -r s; do
  i=$((i + 1))
  [ $((i % 2)) = 0 ] && printf '%s' "$s" >"$C/normalize/golden-$i" || printf '%s' "$s" >"$C/split/golden-$i"
done <"$sentences"
cp examples/bulletin.txt "$C/split/bulletin"
head -c 1200 examples/bulletin.txt >"$C/normalize/bulletin-head"
printf 'Russia attacked Georgia \xff\xfe on Tuesday.\r\nTbilisi\0 protested.\x01\x7f\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x80\x93 dash' >"$C/normalize/invalid-utf8"
printf 'Mr. Putin met Gen. Ivashov in the U.S. The talks (see the Monitor, January 27.) ended. "Yes," he said! Why?\n\nE-mail: info@example.com. Copyright (c) 2001. All rights reserved.' >"$C/split/abbreviations-boilerplate"
printf "Kazakhstan's ministers don't agree -- al-Qaeda's d'Ivoire 1,000 3/4 U.S.-led ((nested [brackets {here}])) ... \xe2\x80\xa6 end" >"$C/split/tokens"

# code: option byte (bits 0-1 date, bit 2 small windows, bit 3 explain) + text
i=0
while IFS= read -r s; do
  i=$((i + 1))
  flag=$(printf '\\x%02x' $(( (i * 5) % 16 )))
  { printf "$flag"; printf '%s' "$s"; } >"$C/code/golden-$i"
done <"$sentences"
{ printf '\x01'; cat examples/bulletin.txt; } >"$C/code/bulletin"
{ printf '\x05'; cat examples/bulletin.txt; } >"$C/code/bulletin-small-windows"

# jsonl: option byte (bit 0 AUTO) + records made of the sentences, good and bad lines
n=0
while IFS= read -r s; do
  n=$((n + 1))
  esc=$(printf '%s' "$s" | sed 's/\\/\\\\/g; s/"/\\"/g')
  f="$C/jsonl/golden-$(( (n - 1) / 6 ))"
  [ -f "$f" ] || printf '\x00' >"$f"
  case $((n % 3)) in
    0) printf '{"id":"g%d","text":"%s","date":"2003-05-14"}\n' "$n" "$esc" >>"$f" ;;
    1) printf '{"id":%d,"text":"%s","date":"2003-05-14T10:00:00Z","title":"t","source":"Wire","url":"http://x/%d"}\n' "$n" "$esc" "$n" >>"$f" ;;
    2) printf '{"text":"%s"}\r\n\n' "$esc" >>"$f" ;;
  esac
done <"$sentences"
printf '\x01%s\n' '{"id":"a","text":"Russia attacked Georgia.","date":"2008-08-08"}' 'this is not json' '{"id":"c"}' \
  '{"id":"d","text":"Iran condemned Israel.","date":"2010-01-01"}' '{"id":"e","text":"x","date":"2010-13-45"}' \
  '[1,2]' '{"id":"f","text":"a\u0000b \ud83d\ude00","date":""}' >"$C/jsonl/bad-lines"

# text: option byte (bit 0 AUTO) + a bulletin, headers good and odd
{ printf '\x00'; cat examples/bulletin.txt; } >"$C/text/bulletin"
{ printf '\x01'; head -c 700 examples/bulletin.txt; } >"$C/text/bulletin-auto"
printf '\x00Publication: The Monitor Volume: 5 Issue: 25\r\nRussia condemned NATO.\n' >"$C/text/header-crlf"
printf '\x00Publication:Volume:Issue:\n' >"$C/text/header-empty"
printf '\x00Publication: Issue: 3 Volume: 9\nText.' >"$C/text/header-order"

# dict: modality %% verbs %% actors %% extra cameo-codes.tsv lines
snip() { grep -v '^#' "$1" | grep -v '^$' | sed -n "$2"; }
k=0
for v in dict/verbs/04-consult.txt dict/verbs/11-disapprove.txt dict/verbs/19-fight.txt dict/verbs/07-aid.txt; do
  for a in dict/actors/countries.txt dict/actors/agents.txt dict/actors/organizations.txt dict/actors/people.txt; do
    k=$((k + 1))
    [ $((k % 3)) = 1 ] || continue
    { snip dict/modality.txt '1,6p'; echo '%%'; snip "$v" '1,4p'; echo '%%'; snip "$a" '1,8p'; echo '%%'
      printf '9991\t99\t-1.0\t3\tACCUSE\t\n'; } >"$C/dict/snippet-$k"
  done
done
printf 'intent : pledge ; promise\nmap intent 07 033\n%%%%\n040 : n:talks with ; hold + talks with\n!161 : !prolong membership in\n%%%%\ncountry RUS : Russia\ncountry GEO : Georgia\nagent MIL : troops\nperson RUS GOV 2000-01-01 - : Vladimir Putin ; Putin\n' >"$C/dict/tiny"
# xml: the PETRARCH fixture, whole and cut into records; sentences wrapped as <Sentence> records
P=tests/fixtures/petrarch
cp "$P/sentences.xml" "$C/xml/fixture"
awk '/<Sentence /{n++} n{print > ("'"$C"'/xml/record-" n)}' "$P/sentences.xml"
i=0
while IFS= read -r s; do
  i=$((i + 1)); [ $((i % 6)) = 0 ] || continue
  esc=$(printf '%s' "$s" | sed 's/&/\&amp;/g; s/</\&lt;/g')
  printf '<Sentences>\n<Sentence date="20030514" id="G-%d" sentence="true">\n<Text>%s</Text>\n</Sentence>\n</Sentences>\n' "$i" "$esc" >"$C/xml/golden-$i"
done <"$sentences"

# petrdict: verbs %% actors %% agents %% discards, from the PETRARCH fixtures
{ cat "$P/verbs.txt"; echo '%%'; cat "$P/actors.txt"; echo '%%'; cat "$P/agents.txt"; echo '%%'; cat "$P/discards.txt"; } >"$C/petrdict/fixtures"
{ cat "$P/verbs.txt"; echo '%%'; cat "$P/actors.txt"; } >"$C/petrdict/verbs-actors"
{ echo '%%'; cat "$P/actors.txt"; echo '%%'; cat "$P/agents.txt"; } >"$C/petrdict/actors-agents"
{ sed -n '1,/^--- MEET/p' "$P/verbs.txt"; echo '%%'; head -5 "$P/actors.txt"; echo '%%'; echo '%%'; cat "$P/discards.txt"; echo "Ruritania decried the football match."; } >"$C/petrdict/small"

# serve: option byte (bits 0-2 method: 0 GET 1 HEAD 2 POST 3 PUT 4 DELETE; bits 3-4 Content-Type: 0 none,
# 1 application/json, 2 text/plain; bit 5 the cached server too) + path \n query \n body: the requests of
# tests/serve.sh
req() { # name option-byte path query [body]
  { printf "\\x$2"; printf '%s\n%s\n' "$3" "$4"; printf '%s' "${5:-}"; } >"$C/serve/$1"
}
req health 00 /api/health ''
req events 20 /api/events 'limit=5'
req events-offset 20 /api/events 'limit=1&offset=2'
req events-filters 00 /api/events 'source=TKM&target=UZB&actor=KGZ&root=11&cameo=04&plover=accuse&quad=1&limit=1000'
req events-dates 20 /api/events 'from=2001-03-06&to=2001-03-07&order=desc'
req events-text 00 /api/events 'text=water&doc=bulletin.txt'
req events-bad 00 /api/events 'from=2001-13-01&limit=abc&sauce=UZB&quad=7'
req events-injection 20 /api/events "source=%27%29%3B+DROP+TABLE+events%3B--&text=%27%29%3B%20DROP%20TABLE"
req events-doc-newline 20 /api/events 'doc=bulletin.txt%0Alimit%3D1000'
req series 20 /api/series 'interval=day'
req series-month 00 /api/series 'source=TKM&interval=month&quad=3'
req series-bad 00 /api/series 'interval=dyad'
req actors 20 /api/actors 'top=3'
req dyads 20 /api/dyads 'top=2&from=2001-01-01'
req dyads-bad 00 /api/dyads 'top=-1'
req code-text 12 /api/code 'date=2001-01-02' 'Russia accused Uzbekistan of supporting the rebels.'
req code-json 0a /api/code '' '{"text":"Kazakhstan praised China on Monday.","date":"2001-03-08"}'
req code-json-bad 0a /api/code '' '{"text":'
req code-json-array 0a /api/code '' '[1,2]'
req code-bad-date 02 /api/code 'date=yesterday' 'x'
req code-get 00 /api/code ''
req events-post 02 /api/events '' 'x'
req events-delete 04 /api/events ''
req nope 00 /api/nope ''
req index 00 / ''
req app-js 01 /app.js ''
req app-css 00 /app.css ''
req traversal 00 /../../../../etc/passwd ''
req traversal-2 00 '/app.js/../../Makefile' ''
req backslash 00 '/\..\..\Makefile' ''

echo "seeds: $(find "$C" -type f | wc -l) files in $C"
