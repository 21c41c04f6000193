#!/usr/bin/env bash
# tests/serve.sh -- `dyad serve`: the HTTP API and the dashboard (docs/api.md).
#
# Starts dyad serve on a free loopback port (--port 0; the port is read from its first line on stderr) over a
# temporary store made from examples/bulletin.txt plus documents carrying <script>alert(1)</script> and
# '); DROP TABLE events;--, then checks every endpoint with curl: answers agree with `dyad query`; filters,
# paging and errors (400); unknown routes 404, wrong methods 405, oversize bodies 413; static paths cannot
# escape; stored text comes back escaped and the events table survives; concurrent requests; SIGTERM stops it
# cleanly. When /usr/bin/chromium exists (scripts/deps.sh --test installs it) the dashboard is loaded in
# headless Chromium: the chart, the network and the table render, a filter in the address changes the table,
# pasted text is coded, and nothing from the store runs as markup; then tests/browser/dashboard.mjs drives it
# with playwright-core as a user would (types a filter and applies it, pastes text into the code box and
# submits it) and keeps screenshots in $BUILD/artifacts/dashboard.png and dashboard-filtered.png.
# Ends "N passed, M failed".
set -u
BUILD=${BUILD:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
dyad="$here/$BUILD/dyad"
tmp=$(mktemp -d)
pid=""
stop() { if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null; fi; pid=""; }
trap 'stop; rm -rf "$tmp"' EXIT
pass=0; fail=0; skipped=0
check() { # name, condition (a command)
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "not ok - $1"; fi
}
command -v curl >/dev/null && command -v jq >/dev/null || { echo "skipped: curl or jq is not installed (scripts/deps.sh --test)"; echo "0 passed, 0 failed"; exit 0; }

# ---- the store ----
db="$tmp/events.db"
"$dyad" ingest -q --db "$db" --date 2001-03-08 examples/bulletin.txt || { echo "not ok - ingest"; echo "0 passed, 1 failed"; exit 1; }
cat >"$tmp/evil.jsonl" <<'EOF'
{"id":"evil-1","date":"2001-03-09","title":"<img src=x onerror=alert(2)>","text":"Russia accused Uzbekistan of <script>alert(1)</script> and '); DROP TABLE events;-- on Monday."}
{"id":"x'); DROP TABLE documents;--","date":"2001-03-10","text":"Iran condemned Israel \"for\" its \\ attacks; O'Brien said."}
EOF
"$dyad" ingest -q --db "$db" "$tmp/evil.jsonl" || echo "not ok - ingest evil"
total=$("$dyad" query --db "$db" --count)

# ---- start ----
start() { # extra options...: start the server, set $pid and $base
  "$dyad" serve --db "$db" --port 0 "$@" 2>"$tmp/log" &
  pid=$!
  local i port=""
  for i in $(seq 100); do
    port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$tmp/log" | head -1)
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  base="http://127.0.0.1:$port"
  [ -n "$port" ]
}
check "serve starts on a free loopback port" 'start'
check "binds 127.0.0.1 by default" 'grep -q "http://127.0.0.1:" "$tmp/log"'

get() { curl -s --max-time 20 "$base$1"; }                       # body
code() { curl -s --max-time 20 -o /dev/null -w '%{http_code}' "$@"; } # status of a request
jq_() { jq -r "$1"; }                                           # a value from JSON on stdin

# ---- health ----
h=$(get /api/health)
check "health ok" '[ "$(echo "$h" | jq_ .status)" = ok ]'
check "health counts the events ($total)" '[ "$(echo "$h" | jq_ .events)" = "$total" ]'
check "health is JSON" 'curl -sI "$base/api/health" | grep -qi "^content-type: application/json"'

# ---- events ----
e=$(get "/api/events?limit=5")
check "events: total = dyad query --count" '[ "$(echo "$e" | jq_ .total)" = "$total" ]'
check "events: limit" '[ "$(echo "$e" | jq_ ".events|length")" = 5 ]'
first_off2=$(get "/api/events?limit=1&offset=2" | jq_ '.events[0].id')
check "events: offset" '[ "$first_off2" = "$(echo "$e" | jq_ ".events[2].id")" ]'
check "events: fields" 'echo "$e" | jq_ ".events[0]|keys|join(\" \")" | grep -q "citations.*goldstein.*source.*target.*text.*verb"'
for f in "source=TKM" "target=UZB" "actor=KGZ" "root=11" "cameo=04" "plover=accuse" "quad=1" "from=2001-03-06&to=2001-03-07" "text=water"; do
  opts=$(echo "$f" | sed 's/\([a-z]*\)=\([^&]*\)/--\1 \2/g; s/&/ /g; s/--quad/--quad/')
  want=$("$dyad" query --db "$db" $opts --count)
  got=$(get "/api/events?$f&limit=1000" | jq_ '.events|length')
  check "events filter $f ($got = $want)" '[ "$got" = "$want" ] && [ "$want" -gt 0 ]'
done
check "events: newest first with order=desc" '[ "$(get "/api/events?order=desc&limit=1" | jq_ ".events[0].date")" \> "$(get "/api/events?limit=1" | jq_ ".events[0].date")" ]'
check "events: a bad date is 400" '[ "$(code "$base/api/events?from=2001-13-01")" = 400 ]'
check "events: a bad limit is 400" '[ "$(code "$base/api/events?limit=abc")" = 400 ]'
check "events: an unknown parameter is 400" '[ "$(code "$base/api/events?sauce=UZB")" = 400 ]'
check "events: a bad quad is 400" '[ "$(code "$base/api/events?quad=7")" = 400 ]'
check "events: errors are JSON" 'get "/api/events?from=x" | jq_ .error | grep -q from'

# ---- series ----
s=$(get "/api/series?interval=day")
dated=$("$dyad" query --db "$db" --from 1000-01-01 --count)
check "series: events per day sum to the dated events ($dated)" '[ "$(echo "$s" | jq_ "[.series[].events]|add")" = "$dated" ]'
check "series: coop + conflict = events" '[ "$(echo "$s" | jq_ "all(.series[]; .coop + .conflict == .events)")" = true ]'
check "series: Goldstein coop + conflict = sum" '[ "$(echo "$s" | jq_ "all(.series[]; (.goldstein_coop + .goldstein_conflict - .goldstein) | fabs < 1e-9)")" = true ]'
check "series: periods in order" '[ "$(echo "$s" | jq_ "[.series[].period] == ([.series[].period]|sort)")" = true ]'
m=$(get "/api/series?source=TKM&interval=month")
want=$("$dyad" query --db "$db" --source TKM --count-by month --format csv | tail -n +2 | wc -l | tr -d ' ')
check "series: a dyad's months ($want)" '[ "$(echo "$m" | jq_ ".series|length")" = "$want" ] && [ "$(echo "$m" | jq_ .interval)" = month ]'
check "series: default interval is month" '[ "$(get /api/series | jq_ .interval)" = month ]'
check "series: a bad interval is 400" '[ "$(code "$base/api/series?interval=dyad")" = 400 ]'

# ---- actors, dyads ----
a=$(get "/api/actors?top=3")
check "actors: top=3" '[ "$(echo "$a" | jq_ ".actors|length")" = 3 ]'
check "actors: most events first" '[ "$(echo "$a" | jq_ "[.actors[].events] == ([.actors[].events]|sort|reverse)")" = true ]'
dy=$(get "/api/dyads?top=2")
check "dyads: top=2 with source, target, mean Goldstein" '[ "$(echo "$dy" | jq_ "(.dyads|length) == 2 and all(.dyads[]; has(\"mean_goldstein\") and has(\"target\"))")" = true ]'
check "dyads: a bad top is 400" '[ "$(code "$base/api/dyads?top=-1")" = 400 ]'

# ---- code ----
c=$(curl -s --max-time 20 -X POST -H 'Content-Type: text/plain' --data-binary 'Russia accused Uzbekistan of supporting the rebels.' "$base/api/code?date=2001-01-02")
check "code: plain text" '[ "$(echo "$c" | jq_ ".events[0] | .source.code + .target.code + .root")" = RUSUZB11 ]'
c=$(curl -s --max-time 20 -X POST -H 'Content-Type: application/json' --data-binary '{"text":"Kazakhstan praised China on Monday.","date":"2001-03-08"}' "$base/api/code")
check "code: JSON with a date" '[ "$(echo "$c" | jq_ ".date + \" \" + .events[0].date")" = "2001-03-08 2001-03-05" ]'
check "code: not stored" '[ "$("$dyad" query --db "$db" --count)" = "$total" ]'
check "code: invalid JSON is 400" '[ "$(code -X POST -H "Content-Type: application/json" --data-binary "{\"text\":" "$base/api/code")" = 400 ]'
check "code: a bad date is 400" '[ "$(code -X POST --data-binary "x" "$base/api/code?date=yesterday")" = 400 ]'
check "code: GET is 405" '[ "$(code "$base/api/code")" = 405 ]'
check "events: POST is 405" '[ "$(code -X POST --data-binary x "$base/api/events")" = 405 ]'
head -c 2000000 /dev/zero | tr '\0' 'a' >"$tmp/big"
check "code: a 2 MB body is 413" '[ "$(code -X POST --data-binary @"$tmp/big" "$base/api/code")" = 413 ]'
check "code: a 2 MB chunked body is 413" '[ "$(code -X POST -H "Transfer-Encoding: chunked" --data-binary @"$tmp/big" "$base/api/code")" = 413 ]'
head -c 1000000 /dev/zero | tr '\0' ' ' >"$tmp/ok"
check "code: a body under 1 MB is coded" '[ "$(code -X POST --data-binary @"$tmp/ok" "$base/api/code")" = 200 ]'

# ---- routes, static files ----
check "unknown API route 404" '[ "$(code "$base/api/nope")" = 404 ]'
check "unknown page 404" '[ "$(code "$base/nope.html")" = 404 ]'
check "unknown route answers JSON" 'get /nope | jq_ .status | grep -q 404'
check "/ is the dashboard" 'curl -sD "$tmp/hdr" "$base/" | grep -q "<svg id=\"chart\"" && grep -qi "^content-type: text/html" "$tmp/hdr"'
check "/ has a Content-Security-Policy" 'grep -qi "^content-security-policy: default-src .none." "$tmp/hdr"'
check "/app.js and /app.css served" '[ "$(code "$base/app.js")$(code "$base/app.css")" = 200200 ]'
for p in "/../../../../etc/passwd" "/%2e%2e/%2e%2e/%2e%2e/etc/passwd" "/app.js/../../Makefile" "/..%2f..%2fMakefile" "/web/app.js" "/./index.html" "//etc/passwd" "/%5c..%5c..%5cMakefile"; do
  st=$(code --path-as-is "$base$p")
  check "static path $p refused ($st)" '[ "$st" = 404 ] || [ "$st" = 400 ]'
done
big=$(head -c 100000 /dev/zero | tr '\0' a)
check "a 100 kB URL is refused (414)" '[ "$(code "$base/api/events?text=$big")" = 414 ]'
check "a 100 kB header is refused (431)" '[ "$(code -H "X-Big: $big" "$base/api/health")" = 431 ]'
# keep-alive: an answer queued while libmicrohttpd was still reading the request made it close the connection,
# so every request of a client (wrk, a browser) paid a new TCP connection
keepalive() { # [curl options] URL...: all requested on one connection, with no "Connection: close"
  local a n=0
  for a in "$@"; do case $a in http://*) n=$((n + 1)) ;; esac; done
  curl -sv --max-time 20 "$@" 2>&1 >/dev/null | tr -d '\r' >"$tmp/ka"
  ! grep -qi '^< connection: close' "$tmp/ka" && [ "$(grep -ci '^\* connected to' "$tmp/ka")" = 1 ] &&
    [ "$(grep -ci 're-using existing connection' "$tmp/ka")" = $((n - 1)) ]
}
check "keep-alive: API answers share one connection" 'keepalive "$base/api/events?limit=2" "$base/api/series" "$base/api/events?limit=2" "$base/api/health"'
check "keep-alive: static files share one connection" 'keepalive "$base/" "$base/app.js"'
check "keep-alive: errors (404, 400) keep the connection" 'keepalive "$base/api/nope" "$base/api/events?limit=x" "$base/api/health"'
check "keep-alive: POST /api/code keeps the connection" 'keepalive -d "Russia criticized Iran." "$base/api/code" "$base/api/code"'
mid=$(head -c 12000 /dev/zero | tr '\0' a)
check "a 12 kB header is accepted (the per-connection memory of 32 kB)" '[ "$(code -H "X-Mid: $mid" "$base/api/health")" = 200 ]'
check "a 12 kB query value is accepted" '[ "$(code "$base/api/events?limit=1&doc=$mid")" = 200 ]'
check "DELETE is 405" '[ "$(code -X DELETE "$base/api/events")" = 405 ]'
check "code: JSON that is not an object is 400" '[ "$(code -X POST -H "Content-Type: application/json" --data-binary "[1,2]" "$base/api/code")" = 400 ]'
check "no file contents leak" '! curl -s --path-as-is "$base/../../../../etc/passwd" | grep -q "root:"'

# ---- stored text that looks like HTML or SQL ----
ev=$(get "/api/events?text=script")
check "injection: the sentence is found" '[ "$(echo "$ev" | jq_ .total)" = 1 ]'
check "injection: text comes back intact" 'echo "$ev" | jq_ ".events[0].text" | grep -qF "<script>alert(1)</script> and '"'"'); DROP TABLE events;--"'
check "injection: no raw < > or quote in the JSON" '! echo "$ev" | grep -q "[<>]" && ! echo "$ev" | grep -qF "'"'"');" && echo "$ev" | grep -qF "\u003cscript\u003e"'
check "injection: title escaped too" 'echo "$ev" | grep -qF "\u003cimg src=x onerror=alert(2)\u003e"'
st=$(code -G --data-urlencode "source='); DROP TABLE events;--" "$base/api/events")
check "injection as a filter is data ($st)" '[ "$st" = 200 ] || [ "$st" = 400 ]'
st=$(code -G --data-urlencode "text='); DROP TABLE events;--" "$base/api/events")
check "injection as words is data ($st)" '[ "$st" = 200 ]'
check "injection: a document id with SQL" '[ "$(code -G --data-urlencode "doc=x'"'"'); DROP TABLE documents;--" "$base/api/events")" = 200 ] && get "/api/events?limit=1000" | grep -qF "x\u0027); DROP TABLE documents;--"'
check "events table still there, nothing lost" '[ "$("$dyad" query --db "$db" --count)" = "$total" ] && [ "$(get /api/health | jq_ .events)" = "$total" ]'
check "store consistent" '"$dyad" query --db "$db" --check 2>&1 | grep -q "^0 problems"'

# ---- concurrency ----
for i in $(seq 40); do
  case $((i % 4)) in
    0) u="/api/events?limit=20" ;; 1) u="/api/series?actor=UZB" ;; 2) u="/api/dyads?top=10" ;; 3) u="/api/actors?top=5" ;;
  esac
  code "$base$u" >"$tmp/par.$i" &
done
wait_all() { local j; for j in $(jobs -p); do [ "$j" = "$pid" ] || wait "$j"; done; }
wait_all
check "40 concurrent requests all 200" '[ "$(cat "$tmp"/par.* | tr -d "\n")" = "$(printf "200%.0s" $(seq 40))" ]'

check "a repeated query answers the same (cache)" '[ "$(get "/api/series?actor=UZB")" = "$(get "/api/series?actor=UZB")" ] && [ -n "$(get "/api/series?actor=UZB")" ]'
n1=$(get "/api/events?doc=bulletin.txt&limit=1000" | jq_ .total); n2=$(curl -s -G --data-urlencode "doc=bulletin.txt
limit=1000" "$base/api/events" | jq_ .total)
check "cache keys cannot be forged with a newline ($n1, $n2)" '[ "$n1" -gt 0 ] && [ "$n2" = 0 ]'

# ---- the dashboard in a headless browser ----
if [ -x /usr/bin/chromium ]; then
  browse() { # url, out, [--screenshot]
    local ud; ud=$(mktemp -d "$tmp/chromium.XXXX")
    timeout 90 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
      --user-data-dir="$ud" --virtual-time-budget=5000 --window-size=1280,1500 \
      "${@:3}" "$1" >"$2" 2>"$ud.err"
  }
  browse "$base/" "$tmp/dom.html" --dump-dom
  rows=$(grep -o '<tr class="event"' "$tmp/dom.html" | wc -l)
  check "browser: the scripts ran" 'grep -q "data-loaded=\"yes\"" "$tmp/dom.html"'
  check "browser: the table rendered ($rows rows = $total)" '[ "$rows" = "$total" ]'
  check "browser: the chart rendered" 'grep -q "<rect class=\"bar coop\"" "$tmp/dom.html" && grep -q "<rect class=\"bar conflict\"" "$tmp/dom.html" && grep -q "<polyline class=\"line gold-coop\"" "$tmp/dom.html"'
  check "browser: the network rendered" 'grep -q "class=\"edge\"" "$tmp/dom.html" && grep -q "<g class=\"node\"" "$tmp/dom.html"'
  check "browser: source, verb and target highlighted" 'grep -q "<mark class=\"src\">" "$tmp/dom.html" && grep -q "<mark class=\"verb\">" "$tmp/dom.html" && grep -q "<mark class=\"tgt\">" "$tmp/dom.html"'
  check "browser: the health line" 'grep -q "$total events" "$tmp/dom.html"'
  check "browser: stored <script> shown as text, not run" 'grep -qF "&lt;script&gt;alert(1)&lt;/script&gt;" "$tmp/dom.html" && ! grep -qF "<script>alert(1)" "$tmp/dom.html"'
  browse "$base/#actor=TKM&code=Russia%20accused%20Uzbekistan%20of%20supporting%20the%20rebels." "$tmp/dom2.html" --dump-dom
  want=$("$dyad" query --db "$db" --actor TKM --count)
  rows2=$(grep -o '<tr class="event"' "$tmp/dom2.html" | wc -l)
  check "browser: a filter changes the table ($rows2 = $want + 1 coded)" '[ "$rows2" = $((want + 1)) ] && [ "$want" -lt "$total" ]'
  check "browser: pasted text is coded" 'grep -q "data-coded=\"yes\"" "$tmp/dom2.html" && grep -q "<table id=\"coded-events\"" "$tmp/dom2.html"'
  # driven as a user would (playwright-core, installed by scripts/deps.sh --test into tests/browser/): type a
  # filter, paste text into the code box; screenshots kept as artefacts in $BUILD/artifacts/
  shots="$here/$BUILD/artifacts"
  rm -f "$shots/dashboard.png" "$shots/dashboard-filtered.png"
  if command -v node >/dev/null && [ -d tests/browser/node_modules/playwright-core ]; then
    dated=$("$dyad" query --db "$db" --from 1000-01-01 --count)
    adated=$("$dyad" query --db "$db" --actor TKM --from 1000-01-01 --count)
    timeout 180 node tests/browser/dashboard.mjs "{\"base\":\"$base\",\"shots\":\"$shots\",\"total\":$total,\"dated\":$dated,\"actor\":\"TKM\",\"actorTotal\":$want,\"actorDated\":$adated}" >"$tmp/pw.log" 2>&1
    while IFS= read -r line; do
      case $line in
        "ok - "*) pass=$((pass + 1)) ;;
        "not ok - "*) fail=$((fail + 1)); echo "$line" | sed 's/^not ok - /not ok - browser (playwright): /' ;;
      esac
    done <"$tmp/pw.log"
    check "browser (playwright): the session ran to its end" 'grep -q "^[0-9]* passed, 0 failed$" "$tmp/pw.log" || { tail -5 "$tmp/pw.log"; false; }'
    check "browser: screenshots $BUILD/artifacts/dashboard.png and dashboard-filtered.png" '[ -s "$shots/dashboard.png" ] && [ -s "$shots/dashboard-filtered.png" ]'
  else
    echo "SKIP browser (playwright): node or tests/browser/node_modules/playwright-core is absent (scripts/deps.sh --test)"
    skipped=$((skipped + 1))
    mkdir -p "$shots"
    browse "$base/" "$tmp/shot.log" --screenshot="$shots/dashboard.png" --hide-scrollbars
    check "browser: screenshot $BUILD/artifacts/dashboard.png" '[ -s "$shots/dashboard.png" ]'
  fi
else
  echo "SKIP browser: /usr/bin/chromium is absent (scripts/deps.sh --test installs it)"
  skipped=$((skipped + 1))
fi

# ---- stopping, options ----
kill "$pid"; wait "$pid"; rc=$?; pid=""
check "SIGTERM stops it with status 0 ($rc)" '[ "$rc" = 0 ]'
"$dyad" serve --db "$tmp/missing.db" --port 0 2>"$tmp/err"; rc=$?
check "a missing store is status 1 ($rc)" '[ "$rc" = 1 ] && grep -q missing "$tmp/err"'
"$dyad" serve --db "$db" --bind nowhere 2>/dev/null; rc=$?
check "a bad --bind is status 2 ($rc)" '[ "$rc" = 2 ]'
"$dyad" serve --db "$db" --port 70000 2>/dev/null; rc=$?
check "a bad --port is status 2 ($rc)" '[ "$rc" = 2 ]'
"$dyad" serve --db "$db" --cache soon 2>/dev/null; rc=$?
check "a bad --cache is status 2 ($rc)" '[ "$rc" = 2 ]'
check "serve --help" '"$dyad" serve --help | grep -q "usage: dyad serve"'

echo "$pass passed, $fail failed${skipped:+, $skipped skipped}"
[ "$fail" -eq 0 ]
