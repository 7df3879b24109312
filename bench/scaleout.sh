#!/usr/bin/env bash
# Scale-out figures of issue 15, in one run on this machine:
#   1. cache-miss throughput of the article page: one node on SQLite, one node on PostgreSQL
#      straight, one node on PostgreSQL behind HAProxy, two nodes on PostgreSQL behind HAProxy
#      (wrk, 2 threads, 32 connections; a query the page ignores makes every request a miss),
#      runs alternating, medians with min–max;
#   2. database round trips per page miss on PostgreSQL (statements counted by
#      pg_stat_database's xact_commit over a sequential run of misses, less the followers'
#      polling measured idle over the same time);
#   3. the change log's lag under a write burst: WRITES posts through node A's API from 8
#      clients at once, node B's page cache and search index sampled on its /readyz (loopback:
#      details) until both have applied everything.
# Servers, PostgreSQL and HAProxy are pinned to core 0 and wrk to core 1 (taskset), so on this
# 2-core machine two nodes share one core: figure 1 shows what a second node and the balancer
# cost, not how nodes scale on machines of their own.
# Prints a Markdown section for bench/RESULTS.md. POSTS=N (default 2000) from the shared corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${POSTS:-2000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
WRITES=${WRITES:-200}
corpus=../shared/data/arabic-news/saudinewsnet.jsonl.gz
[[ -f $corpus ]] || { echo "missing $corpus" >&2; exit 2; }
for tool in wrk haproxy psql taskset python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }
done
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/minbar-target}"
cargo build --release >&2
minbar=$CARGO_TARGET_DIR/release/minbar
PG=${MINBAR_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
db=minbar_bench_$$
work=$(mktemp -d /dev/shm/minbar-scaleout.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in $(pgrep -f "postgres" || true); do taskset -pc "0-$(($(nproc) - 1))" "$pid" >/dev/null 2>&1 || true; done
  wait 2>/dev/null || true
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql "$PG/postgres" -qc "CREATE DATABASE $db" >/dev/null
url="$PG/$db"
# PostgreSQL's processes share core 0 with the servers (new backends inherit it from the
# postmaster); cleanup gives them every core back, as the machine's other users expect.
for pid in $(pgrep -f "postgres" || true); do taskset -pc 0 "$pid" >/dev/null 2>&1 || true; done

python3 bench/corpus_posts.py "$corpus" "$POSTS" >"$work/posts.jsonl"
for target in sqlite postgres; do
  args=(--data "$work/$target")
  [[ $target == postgres ]] && args+=(--database-url "$url")
  "$minbar" "${args[@]}" init --title "منبج الحدث" >/dev/null 2>&1
  "$minbar" "${args[@]}" post import-jsonl "$work/posts.jsonl" >/dev/null 2>&1
done
article=$("$minbar" --data "$work/sqlite" post list 2>/dev/null | awk -F'\t' 'NR==1 {print $5}' |
  python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.stdin.read().strip()))')
[[ $article == /* ]] || { echo "no article found" >&2; exit 1; }

# start NAME PORT ARGS...: a node on core 0, waiting until it is ready.
start() {
  local name=$1 port=$2
  shift 2
  MINBAR_LOG=warn taskset -c 0 "$minbar" "$@" serve --listen "127.0.0.1:$port" --trusted-proxy 127.0.0.1 \
    --drain-seconds 0 --node-name "$name" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "node $name did not start" >&2; cat "$work/$name.log" >&2; exit 1
}
start sqlite 18201 --data "$work/sqlite"
start pg-a 18202 --data "$work/pg-a" --database-url "$url"
start pg-b 18203 --data "$work/pg-b" --database-url "$url"
haproxy_cfg() {
  printf 'defaults\n  mode http\n  timeout connect 1s\n  timeout client 30s\n  timeout server 30s\n'
  printf 'frontend web\n  bind 127.0.0.1:%s\n  default_backend nodes\n' "$1"
  printf 'backend nodes\n  balance roundrobin\n  option httpchk GET /readyz\n'
  shift
  for port in "$@"; do printf '  server n%s 127.0.0.1:%s check inter 1s\n' "$port" "$port"; done
}
haproxy_cfg 18211 18202 >"$work/one.cfg"
haproxy_cfg 18212 18202 18203 >"$work/two.cfg"
for cfg in one two; do
  taskset -c 0 haproxy -db -f "$work/$cfg.cfg" >/dev/null 2>&1 &
  pids+=($!)
done
sleep 1.5

# One wrk run on core 1: requests per second.
rate() {
  taskset -c 1 wrk -t2 -c32 -d"$DURATION" -s bench/miss.lua "$1$article" | awk '/Requests\/sec/ {printf "%.0f", $2}'
}
declare -A runs
targets=(sqlite pg pg-haproxy pg-2-haproxy)
declare -A base=([sqlite]=http://127.0.0.1:18201 [pg]=http://127.0.0.1:18202 [pg-haproxy]=http://127.0.0.1:18211 [pg-2-haproxy]=http://127.0.0.1:18212)
for _ in $(seq "$RUNS"); do
  for t in "${targets[@]}"; do
    runs[$t]+="$(rate "${base[$t]}") "
  done
done
summary() {
  tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{v[NR]=$1} END {printf "**%d** req/s (%d–%d)", v[int((NR+1)/2)], v[1], v[NR]}'
}

# Round trips per miss: statements committed on the database during N sequential misses,
# less what the three nodes' followers and job loops commit idle in the same time.
commits() { psql "$url" -Atc "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"; }
N=500
t0=$(date +%s.%N); c0=$(commits)
for i in $(seq $N); do curl -fs -o /dev/null "http://127.0.0.1:18202$article?trip=$i"; done
c1=$(commits); t1=$(date +%s.%N)
sleep "$(echo "$t1 - $t0" | bc)"
c2=$(commits)
trips=$(echo "scale=1; (($c1 - $c0) - ($c2 - $c1)) / $N" | bc)

# The change log under a write burst through node A, watched on node B.
token=$("$minbar" --data "$work/pg-a" --database-url "$url" user add --name bench --email bench@manbij.example --role admin <<<"bench-password-123" >/dev/null 2>&1;
  "$minbar" --data "$work/pg-a" --database-url "$url" user token bench@manbij.example --name bench 2>/dev/null)
python3 - "$token" "$WRITES" >"$work/lag.txt" <<'EOF'
import json, sys, threading, time, urllib.request
token, writes = sys.argv[1], int(sys.argv[2])
def post(i):
    body = json.dumps({"title": f"خبر عاجل رقم {i}", "body": "نص الخبر العاجل.", "status": "published"}).encode()
    request = urllib.request.Request("http://127.0.0.1:18202/api/v1/posts", data=body, method="POST",
        headers={"authorization": f"Bearer {token}", "content-type": "application/json"})
    urllib.request.urlopen(request).read()
def writer(k):
    for i in range(k, writes, 8):
        post(i)
samples, worst, done = [], {"page_cache": 0, "search": 0}, threading.Event()
def watch():
    while True:
        details = json.loads(urllib.request.urlopen("http://127.0.0.1:18203/readyz").read())
        log = details["change_log"]
        for f in worst:
            worst[f] = max(worst[f], log[f]["behind"])
        if done.is_set() and all(log[f]["behind"] == 0 for f in worst):
            return time.time()
        time.sleep(0.005)
started = time.time()
threads = [threading.Thread(target=writer, args=(k,)) for k in range(8)]
for t in threads: t.start()
result = {}
watcher = threading.Thread(target=lambda: result.setdefault("caught_up", watch()))
watcher.start()
for t in threads: t.join()
ended = time.time()
done.set()
watcher.join()
print(f"{writes} {ended - started:.2f} {worst['page_cache']} {worst['search']} {1000 * (result['caught_up'] - ended):.0f}")
EOF
read -r writes burst worst_cache worst_search catch_up <"$work/lag.txt"

echo "### Scale-out on PostgreSQL ($(date -u +%Y-%m-%d), \`bench/scaleout.sh\`)"
echo
echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); release build; $POSTS posts from the corpus; nodes, HAProxy and PostgreSQL pinned to core 0, wrk (2 threads, 32 connections, $DURATION, $RUNS alternating runs) to core 1."
echo "- Cache miss on every request, article page (median, min–max):"
echo "  - one node on SQLite: $(summary "${runs[sqlite]}")"
echo "  - one node on PostgreSQL: $(summary "${runs[pg]}")"
echo "  - one node on PostgreSQL behind HAProxy: $(summary "${runs[pg-haproxy]}")"
echo "  - two nodes on PostgreSQL behind HAProxy (same core): $(summary "${runs[pg-2-haproxy]}")"
echo "- Database round trips per page miss on PostgreSQL: **$trips** (statements committed over $N sequential misses, idle followers subtracted)."
echo "- Change log under a burst of $writes posts through node A's API (8 clients, ${burst} s): node B at most **$worst_cache** changes behind in its page cache and **$worst_search** in its search index; both caught up **$catch_up ms** after the last write was acknowledged."
