#!/usr/bin/env bash
# Scanners (issue 14, attack 7): sqlmap (Debian) against every parameter a stranger or an API
# client sends that reaches the database, on SQLite and on PostgreSQL:
#   - the search (`/search?q=`), and a label page;
#   - the API's filters and ids (`/api/v1/posts?status=&page=&q=`, `/api/v1/posts/ID`), with a
#     token;
#   - the comment form (name, e-mail, body, parent), from random forwarded addresses so rate
#     limits do not hide a difference;
#   - the sign-in form (e-mail, password), with its form token refreshed for every request.
# Then wapiti (Debian) crawls and attacks the public site and, with an editor's session cookie,
# the admin (sign-out and the forms that remove users or revoke tokens excluded, so the session
# lives), and the findings are counted by severity.
# Prints one line per target and a verdict; exits non-zero if sqlmap finds an injectable
# parameter or wapiti a finding of high or critical severity. LEVEL and RISK (default 3 and 2)
# are sqlmap's; ENGINES="sqlite postgres"; WAPITI=0 skips wapiti; WAPITI_MINUTES per crawl and
# WAPITI_ATTACK_SECONDS per attack module (default 5 and 10).
set -euo pipefail
cd "$(dirname "$0")/.."
LEVEL=${LEVEL:-3}
RISK=${RISK:-2}
ENGINES=${ENGINES:-"sqlite postgres"}
WAPITI=${WAPITI:-1}
WAPITI_MINUTES=${WAPITI_MINUTES:-5}
command -v sqlmap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlmap >&2; }
# Debian's wapiti (3.0.4) fails on Python 3.11's re module; wapiti3 from PyPI, in a venv of its
# own, does not.
WAPITI_BIN=${WAPITI_BIN:-/opt/wapiti/bin/wapiti}
if [[ $WAPITI == 1 && ! -x $WAPITI_BIN ]]; then
  python3 -m venv /opt/wapiti >&2 && /opt/wapiti/bin/pip install --quiet "wapiti3==3.2.3" >&2
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/minbar-target}"
cargo build --release >&2
minbar=$CARGO_TARGET_DIR/release/minbar
work=$(mktemp -d /tmp/minbar-scan.XXXXXX)
cleanup() {
  [[ -n ${server:-} ]] && kill "$server" 2>/dev/null || true
  [[ -n ${pgdb:-} ]] && dropdb -h 127.0.0.1 -U postgres --if-exists "$pgdb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
PORT=18291
base=http://127.0.0.1:$PORT
found=0

scan() { # name, then sqlmap arguments
  local name=$1
  shift
  local out=$work/$engine-$name.txt
  sqlmap --batch --level="$LEVEL" --risk="$RISK" --flush-session \
    --output-dir="$work/sqlmap" --tamper=xforwardedfor "$@" > "$out" 2>&1 || true
  local requests
  requests=$(grep -c . "$work/sqlmap/127.0.0.1/log" 2>/dev/null || echo 0)
  if grep -q "identified the following injection point" "$out"; then
    echo "| $engine | $name | INJECTABLE: $(grep -m1 'Parameter:' "$out") |"
    found=1
  elif grep -q "do not appear to be injectable" "$out"; then
    echo "| $engine | $name | no injectable parameter |"
  else
    echo "| $engine | $name | inconclusive: $(grep -E '\[(CRITICAL|ERROR)\]' "$out" | tail -1) |"
    found=1
  fi
}

wapiti_scan() { # name, url, then wapiti arguments
  local name=$1 url=$2
  shift 2
  local report=$work/wapiti-$name.json
  "$WAPITI_BIN" -u "$url" --scope folder -m all --flush-session --max-scan-time $((WAPITI_MINUTES * 60)) \
    --max-attack-time "${WAPITI_ATTACK_SECONDS:-10}" \
    -f json -o "$report" "$@" > "$work/wapiti-$name.txt" 2>&1 || true
  if [[ ! -s $report ]]; then
    echo "| $engine | wapiti $name | no report: $(tail -1 "$work/wapiti-$name.txt") |"
    found=1
    return
  fi
  local counts
  counts=$(python3 - "$report" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
levels = {"1": "low", "2": "medium", "3": "high", "4": "critical"}
count = {name: 0 for name in levels.values()}
named = []
for category, findings in report.get("vulnerabilities", {}).items():
    for finding in findings:
        level = levels.get(str(finding.get("level")), "low")
        count[level] += 1
        named.append(f"{level} {category}: {finding.get('path')} {finding.get('parameter', '')}")
crawled = report.get("infos", {}).get("crawled_pages_nbr") or len(report.get("infos", {}).get("crawled_pages", []) or [])
print(f"{crawled} pages crawled; critical {count['critical']}, high {count['high']}, medium {count['medium']}, low {count['low']}" + ("; " + "; ".join(named[:6]) if named else ""))
sys.exit(3 if count["critical"] or count["high"] else 0)
PY
  ) || found=1
  echo "| $engine | wapiti $name (all modules) | $counts |"
}

echo "| engine | target | sqlmap --level=$LEVEL --risk=$RISK |"
echo "|---|---|---|"
for engine in $ENGINES; do
  data=$work/$engine-data
  url_args=()
  if [[ $engine == postgres ]]; then
    pgdb=minbar_scan_$$
    createdb -h 127.0.0.1 -U postgres "$pgdb"
    url_args=(--database-url "postgres://postgres@127.0.0.1:5432/$pgdb")
  fi
  m() { "$minbar" --data "$data" "${url_args[@]}" "$@"; }
  m init --title "منبج" --base-url "$base" >/dev/null 2>&1
  path=$(m post new --title "سوق منبج" --body "نص #السوق" --label "أخبار" | grep -o '/[0-9]\{4\}/[0-9]\{2\}/[^ ]*\.html' | head -1)
  printf 'كلمة سر طويلة للتجربة\n' | m user add --name "محرر" --email scan@example.org --role editor >/dev/null
  token=$(m user token scan@example.org --name scan)
  # `post new` prints the address as a link has it (percent-encoded).
  epath=$path
  # The binary itself in the background (not the function), so $! is the server's own pid.
  "$minbar" --data "$data" "${url_args[@]}" serve --listen "127.0.0.1:$PORT" \
    --trusted-proxy 127.0.0.1/32 2> "$work/$engine-server.log" &
  server=$!
  for _ in $(seq 100); do curl -fs "$base/" >/dev/null 2>&1 && break; sleep 0.1; done
  seen=$(curl -s -D - -o /dev/null "$base$epath" | sed -n 's/^[Ss]et-[Cc]ookie: \(minbar_seen=[^;]*\).*/\1/p' | tr -d '\r')
  sleep 6

  # A missing label or post is a 404 like any other value, so 404 is an answer to compare.
  scan search -u "$base/search?q=test&page=1" --threads=2
  scan label -u "$base/search/label/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1*" --ignore-code=404 --threads=2
  scan api-filters -u "$base/api/v1/posts?status=published&page=1&q=test" --threads=2 \
    --headers="Authorization: Bearer $token"
  scan api-id -u "$base/api/v1/posts/1*" --headers="Authorization: Bearer $token" \
    --ignore-code=404 --threads=2
  scan comment-form -u "$base$epath" --threads=2 \
    --data "name=reader&email=a%40example.org&body=hello+there&parent=" \
    --headers="Origin: $base" --cookie="$seen"
  scan sign-in -u "$base/admin/login" --data "csrf=x&email=a%40example.org&password=secret123456" \
    --csrf-token=csrf --csrf-url="$base/admin/login" --ignore-code=401
  if [[ $WAPITI == 1 && $engine == sqlite ]]; then
    wapiti_scan public "$base/" -x "$base/admin/*"
    # An editor's session, signed in through the form, and the form-token cookie beside it.
    jar=$work/jar
    login=$(curl -s -c "$jar" "$base/admin/login")
    csrf=$(printf '%s' "$login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
    curl -s -b "$jar" -c "$jar" -H "Sec-Fetch-Site: same-origin" -o /dev/null \
      --data-urlencode "csrf=$csrf" --data-urlencode "email=scan@example.org" \
      --data-urlencode "password=كلمة سر طويلة للتجربة" "$base/admin/login"
    cookie=$(awk '$6 ~ /^minbar_/ {printf "%s%s=%s", sep, $6, $7; sep="; "}' "$jar")
    wapiti_scan admin "$base/admin/" -H "Cookie: $cookie" \
      -x "$base/admin/logout" -x "$base/admin/users/*" -x "$base/admin/tokens/*"
  fi
  if grep -q "panicked" "$work/$engine-server.log"; then
    echo "| $engine | server | PANICKED during the scan |"
    found=1
  fi
  fivexx=$(grep -c '" 5[0-9][0-9] \|status=5[0-9][0-9]' "$work/$engine-server.log" || true)
  echo "| $engine | server log | $fivexx lines naming a 5xx; $(grep -c 'request failed' "$work/$engine-server.log" || true) 'request failed' |"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
  if [[ $engine == postgres ]]; then
    dropdb -h 127.0.0.1 -U postgres "$pgdb"
    pgdb=
  fi
done
if ((found)); then
  echo "FAIL: see the lines above"
  exit 1
fi
echo "PASS: no injectable parameter"
