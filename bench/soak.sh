#!/usr/bin/env bash
# Soak (issue 14, fault 5): ten minutes of mixed reads and writes at half the measured capacity
# against a release `minbar serve` on SQLite, sampling its resident memory and open file
# descriptors every 10 s. Passes when, after a one-minute warm-up, resident memory drifts by
# less than 10%, the descriptors stay flat and no answer is a 5xx.
#
#   bench/soak.sh [SECONDS]      (default 600; POSTS=N articles, default 2000)
#
# The mix, per request: 60% article pages, 12% the home page, 6% list pages, 12% searches,
# 8% comments through the public form (each from its own forwarded address, with a browser's
# first-seen stamp), 2% posts written through the API (at half capacity that is still a new post
# every few seconds and a comment a second: a breaking-news day, not an ordinary one).
# Descriptors are flat when the last sample holds at most 8 more than the first after warm-up
# (tantivy opens and closes segment files as it merges, so single samples move). Capacity is measured first with the same
# mix and no pause; the soak then runs with a pause per request that aims at half of it (the
# achieved rate is printed). wrk and the server are pinned to their own cores.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-600}
POSTS=${POSTS:-2000}
corpus=../shared/data/arabic-news/saudinewsnet.jsonl.gz
[[ -f $corpus ]] || { echo "missing $corpus: the soak needs the shared Arabic news corpus" >&2; exit 2; }
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2; }
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/minbar-target}"
cargo build --release >&2
minbar=$CARGO_TARGET_DIR/release/minbar

work=$(mktemp -d /tmp/minbar-soak.XXXXXX)
cleanup() {
  [[ -n ${server:-} ]] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
PORT=18191
data=$work/data
"$minbar" --data "$data" init --title "منبج الحدث" --base-url "http://127.0.0.1:$PORT" >/dev/null 2>&1
python3 bench/corpus_posts.py "$corpus" "$POSTS" >"$work/posts.jsonl"
"$minbar" --data "$data" post import-jsonl "$work/posts.jsonl" >/dev/null 2>&1
printf 'كلمة سر طويلة للتجربة\n' | "$minbar" --data "$data" user add --name "محرر" --email soak@example.org --role editor >/dev/null
token=$("$minbar" --data "$data" user token soak@example.org --name soak)
# Article paths, percent-encoded, as a Lua table.
"$minbar" --data "$data" post list | python3 -c '
import sys, urllib.parse
paths = [f for line in sys.stdin for f in line.rstrip("\n").split("\t") if f.startswith("/")]
print("paths = {" + ",".join("\"%s\"" % urllib.parse.quote(p) for p in paths[:1000]) + "}")
' > "$work/paths.lua"

taskset -c 1 "$minbar" --data "$data" serve --listen "127.0.0.1:$PORT" --trusted-proxy 127.0.0.1/32 2> "$work/server.log" &
server=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 0.1; done
# A browser's first-seen stamp, old enough for the comment form once the minimum wait passes.
seen=$(curl -s -D - -o /dev/null "http://127.0.0.1:$PORT$(sed -n 's/^paths = {"\([^"]*\)".*/\1/p' "$work/paths.lua")" | sed -n 's/^[Ss]et-[Cc]ookie: \(minbar_seen=[^;]*\).*/\1/p')
sleep 6

cat > "$work/mix.lua" <<EOF
dofile("$work/paths.lua")
token = "$token"
seen = "$seen"
pause = tonumber(os.getenv("SOAK_PAUSE") or "0")
counter = 0
statuses = {}
function init(args) math.randomseed(os.time() + id) end
function delay() return pause end
function request()
  counter = counter + 1
  local r = math.random(100)
  if r <= 60 then
    return wrk.format("GET", paths[math.random(#paths)])
  elseif r <= 72 then
    return wrk.format("GET", "/")
  elseif r <= 78 then
    return wrk.format("GET", "/page/" .. math.random(2, 20) .. "/")
  elseif r <= 90 then
    local words = {"%D8%A7%D9%84%D8%B3%D8%B9%D9%88%D8%AF%D9%8A%D8%A9", "%D9%85%D9%86%D8%A8%D8%AC", "%D8%A7%D9%84%D8%B1%D9%8A%D8%A7%D8%B6", "%D9%86%D9%81%D8%B7"}
    return wrk.format("GET", "/search?q=" .. words[math.random(#words)] .. "&page=" .. math.random(1, 3))
  elseif r <= 98 then
    local ip = "198.18." .. math.random(0, 255) .. "." .. math.random(1, 254)
    local body = "name=%D9%82%D8%A7%D8%B1%D8%A6&body=%D8%AA%D8%B9%D9%84%D9%8A%D9%82+" .. id .. "-" .. counter .. "+" .. math.random(1, 1000000)
    return wrk.format("POST", paths[math.random(#paths)], {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Origin"] = "http://127.0.0.1:$PORT",
      ["X-Forwarded-For"] = ip,
      ["Cookie"] = seen,
    }, body)
  else
    local body = '{"title":"خبر الاختبار الطويل ' .. id .. '-' .. counter .. '-' .. math.random(1, 1000000) .. '","body":"نص الخبر","status":"published"}'
    return wrk.format("POST", "/api/v1/posts", {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer " .. token,
    }, body)
  end
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
threads = {}
function setup(thread) thread:set("id", math.random(1, 200)); table.insert(threads, thread) end
function done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do all[status] = (all[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(all) do table.insert(parts, status .. "=" .. n) end
  table.sort(parts)
  io.write("statuses: " .. table.concat(parts, " ") .. "\n")
  io.write(string.format("mean_latency_ms: %.3f\n", latency.mean / 1000))
end
EOF

rss() { awk '/^VmRSS/ {print $2}' "/proc/$server/status"; }
fds() { ls "/proc/$server/fd" | wc -l; }

# Capacity: the same mix, no pause.
capacity=$(taskset -c 0 wrk -t1 -c16 -d15s -s "$work/mix.lua" "http://127.0.0.1:$PORT" | tee "$work/capacity.txt" | awk '/Requests\/sec/ {print $2}')
latency=$(awk '/mean_latency_ms/ {print $2}' "$work/capacity.txt")
# Eight connections, each pausing so that together they send at most half the capacity: the
# pause alone spaces them so, and each answer's own time only slows them further.
pause=$(python3 -c "print(int(8 * 1000 / ($capacity / 2)))")
echo "capacity ${capacity} req/s (mean latency ${latency} ms); soak for ${DURATION} s with a ${pause} ms pause on 8 connections" >&2

samples=$work/samples.tsv
: > "$samples"
SOAK_PAUSE=$pause taskset -c 0 wrk -t1 -c8 -d"${DURATION}s" --timeout 10s -s "$work/mix.lua" "http://127.0.0.1:$PORT" > "$work/soak.txt" &
load=$!
start=$(date +%s)
while kill -0 "$load" 2>/dev/null; do
  printf '%s\t%s\t%s\n' "$(( $(date +%s) - start ))" "$(rss)" "$(fds)" >> "$samples"
  sleep 10
done
wait "$load"
cat "$work/soak.txt" >&2

python3 - "$samples" "$work/soak.txt" "$capacity" "$DURATION" <<'EOF'
import re, sys
rows = [tuple(int(x) for x in line.split("\t")) for line in open(sys.argv[1]) if line.strip()]
soak = open(sys.argv[2]).read()
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", soak).group(1))
statuses = dict((int(k), int(v)) for k, v in re.findall(r"(\d+)=(\d+)", soak.split("statuses:")[1].splitlines()[0]))
errors = sum(n for s, n in statuses.items() if s >= 500)
socket_errors = re.search(r"Socket errors: (.*)", soak)
warm = [r for r in rows if r[0] >= 60] or rows
rss0, rss1 = warm[0][1], warm[-1][1]
drift = (rss1 - rss0) / rss0 * 100
fd_lo, fd_hi = min(r[2] for r in warm), max(r[2] for r in warm)
fd_start, fd_end = warm[0][2], warm[-1][2]
peak = max(r[1] for r in rows)
print(f"| soak, {sys.argv[4]} s | {rate:.0f} req/s (capacity {float(sys.argv[3]):.0f}) | "
      f"RSS after warm-up {rss0/1024:.1f} MB → end {rss1/1024:.1f} MB ({drift:+.1f}%), peak {peak/1024:.1f} MB | "
      f"fds {fd_start} → {fd_end} (range {fd_lo}–{fd_hi}) | statuses {statuses} | 5xx {errors} |")
if socket_errors:
    print(f"wrk socket errors: {socket_errors.group(1)}")
ok = abs(drift) < 10 and fd_end - fd_start <= 8 and errors == 0
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
EOF
