#!/usr/bin/env bash
# The web benchmarks of issue 7, in one run on this machine, each against a reference measured
# in the same run:
#   1. article page: `minbar serve` (page cache) against nginx sending the same bytes from
#      `minbar build` output (wrk, 64 connections, loopback), identity and gzip;
#   2. the home page the same way, and a page that misses the cache on every request;
#   3. `minbar build` of the posts against Hugo building the same posts with a theme of the
#      same pages, both into RAM (/dev/shm);
#   4. peak memory of `minbar serve` holding the posts through all of the above;
#   5. the article page's transferred size (brotli and gzip, with its stylesheet), and Lighthouse
#      (npm, on Debian's Chromium) for performance and accessibility (LIGHTHOUSE=0 skips it).
# Prints a Markdown section for bench/RESULTS.md. Installs wrk, nginx and hugo from Debian when
# missing. POSTS=N (default 10000) articles come from ../shared/data/arabic-news.
set -euo pipefail
source "$(dirname "$0")/nginx.sh"
cd "$(dirname "$0")/.."
POSTS=${POSTS:-10000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
corpus=../shared/data/arabic-news/saudinewsnet.jsonl.gz
if [[ ! -f $corpus ]]; then
  echo "missing $corpus: the web benchmark needs the shared Arabic news corpus" >&2
  exit 2
fi
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || need+=(nginx-light)
command -v hugo >/dev/null || need+=(hugo)
command -v python3 >/dev/null || need+=(python3)
if ((${#need[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/minbar-target}"
cargo build --release >&2
minbar=$CARGO_TARGET_DIR/release/minbar

work=$(mktemp -d /dev/shm/minbar-bench.XXXXXX)
cleanup() {
  [[ -n ${server:-} ]] && kill "$server" 2>/dev/null || true
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
PORT_MINBAR=18091
PORT_NGINX=18092
data=$work/data
# The public address is the one both servers are reached at, so their bytes are the same.
"$minbar" --data "$data" init --title "منبج الحدث" --about "أخبار منبج" --base-url "http://127.0.0.1:$PORT_MINBAR" >/dev/null 2>&1
python3 bench/corpus_posts.py "$corpus" "$POSTS" >"$work/posts.jsonl"
"$minbar" --data "$data" post import-jsonl "$work/posts.jsonl" >/dev/null 2>&1

median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
minmax() { sort -g | awk 'NR==1{lo=$1} {hi=$1} END {printf "%.2f–%.2f", lo, hi}'; }

# 3. Builds into RAM: minbar (fresh each run), then an incremental run, then Hugo.
build_times=()
for ((i = 1; i <= RUNS; i++)); do
  rm -rf "$work/mirror"
  start=$(date +%s.%N)
  "$minbar" --data "$data" build --out "$work/mirror" >/dev/null 2>&1
  build_times+=("$(echo "$(date +%s.%N) - $start" | bc)")
done
start=$(date +%s.%N)
"$minbar" --data "$data" build --out "$work/mirror" >/dev/null 2>&1
incremental=$(echo "$(date +%s.%N) - $start" | bc)
# The same without the .gz and .br copies, which is what Hugo writes.
plain_times=()
for ((i = 1; i <= RUNS; i++)); do
  rm -rf "$work/plain"
  start=$(date +%s.%N)
  "$minbar" --data "$data" build --no-compressed --out "$work/plain" >/dev/null 2>&1
  plain_times+=("$(echo "$(date +%s.%N) - $start" | bc)")
done
rm -rf "$work/plain"
pages=$(find "$work/mirror" -name '*.html' | wc -l)

# Hugo gets the same posts as Markdown and a theme of the same pages (home list, post page with
# labels, label lists, month lists, RSS), with the same stylesheet.
python3 bench/hugo_site.py "$work/posts.jsonl" "$work/hugo" crates/web/static/minbar.css
hugo_times=()
for ((i = 1; i <= RUNS; i++)); do
  rm -rf "$work/hugo-out"
  start=$(date +%s.%N)
  hugo --quiet --source "$work/hugo" --destination "$work/hugo-out" >/dev/null 2>&1
  hugo_times+=("$(echo "$(date +%s.%N) - $start" | bc)")
done
hugo_pages=$(find "$work/hugo-out" -name '*.html' | wc -l)

# 1, 2. Servers: minbar, and nginx on the mirror (gzip_static serves the .gz beside each file).
# Each pair of servers runs twice. Pinned (the figures the targets are about): each server on
# core 1 and wrk with one thread on core 0, so both servers get the same budget and neither can
# win by taking cycles from wrk. Unpinned (kept to compare with earlier runs): all share both
# cores and wrk has two threads.
nginx_conf "$PORT_NGINX" "$work/mirror" "$work" >"$work/nginx.conf"
start_servers() { # mode: pinned or unpinned
  local pin=()
  [[ $1 == pinned ]] && pin=(taskset -c 1)
  "${pin[@]}" "$minbar" --data "$data" serve --listen "127.0.0.1:$PORT_MINBAR" >"$work/serve.log" 2>&1 &
  server=$!
  "${pin[@]}" "$NGINX" -c "$work/nginx.conf" -e "$work/nginx-error.log"
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT_MINBAR/" >/dev/null && break; sleep 0.2; done
}
stop_servers() {
  kill "$server" && wait "$server" 2>/dev/null || true
  server=
  kill "$(cat "$work/nginx.pid")" && rm -f "$work/nginx.pid"
  sleep 0.5
}
start_servers unpinned

# The article: a post of about the median length, as the home page links it.
article=$(python3 - "$work/mirror" <<'EOF'
import os, sys, urllib.parse
root = sys.argv[1]
sizes = []
for dirpath, _, names in os.walk(root):
    for name in names:
        if name.endswith(".html") and name != "index.html" and "/p/" not in dirpath:
            path = os.path.join(dirpath, name)
            sizes.append((os.path.getsize(path), path))
sizes.sort()
size, path = sizes[len(sizes) // 2]
print(urllib.parse.quote("/" + os.path.relpath(path, root)))
EOF
)
article_bytes=$(curl -s "http://127.0.0.1:$PORT_MINBAR$article" | wc -c)

# One wrk run: prints "requests/s p50_ms p99_ms".
wrk_for() { # mode → the wrk command line's start
  if [[ $1 == pinned ]]; then echo "taskset -c 0 wrk -t1"; else echo "wrk -t2"; fi
}
measure() {
  local url=$1 header=$2 mode=$3
  local args=(-c64 -d"$DURATION" --latency)
  [[ -n $header ]] && args+=(-H "$header")
  $(wrk_for "$mode") "${args[@]}" "$url" | awk '
    /Requests\/sec/ {rps=$2}
    / 50%/ {p50=$2} / 99%/ {p99=$2}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    END {printf "%.0f %.3f %.3f\n", rps, ms(p50), ms(p99)}'
}
declare -A rps p50 p99
run_pair() {
  local name=$1 path=$2 header=$3 mode=$4
  curl -s -o /dev/null ${header:+-H "$header"} "http://127.0.0.1:$PORT_MINBAR$path"
  for ((i = 1; i <= RUNS; i++)); do
    for side in minbar nginx; do
      local port=$PORT_MINBAR
      [[ $side == nginx ]] && port=$PORT_NGINX
      read -r r a b < <(measure "http://127.0.0.1:$port$path" "$header" "$mode")
      rps[$name.$mode.$side]+="$r "
      p50[$name.$mode.$side]+="$a "
      p99[$name.$mode.$side]+="$b "
    done
  done
}
# A miss on every request (bench/miss.lua): "requests/s, p50, p99".
miss() {
  $(wrk_for "$1") -c64 -d"$DURATION" --latency -s bench/miss.lua "http://127.0.0.1:$PORT_MINBAR$article" | awk '
    /Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2}
    END {printf "%.0f requests/s, p50 %s, p99 %s", rps, p50, p99}'
}
names=(article article-gzip home)
declare -A paths=([article]=$article [article-gzip]=$article [home]=/)
declare -A headers=([article]= [article-gzip]="Accept-Encoding: gzip" [home]=)
for name in "${names[@]}"; do run_pair "$name" "${paths[$name]}" "${headers[$name]}" unpinned; done
miss_unpinned=$(miss unpinned)
stop_servers
start_servers pinned
for name in "${names[@]}"; do run_pair "$name" "${paths[$name]}" "${headers[$name]}" pinned; done
peak_before_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
miss_pinned=$(miss pinned)
peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")

# 5. What a reader downloads for the article: the page and its one stylesheet, compressed.
br_page=$(curl -s -H 'Accept-Encoding: br' "http://127.0.0.1:$PORT_MINBAR$article" | wc -c)
gz_page=$(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT_MINBAR$article" | wc -c)
css=$(grep -o '/static/minbar.css?v=[0-9a-f]*' "$work/mirror/index.html" | head -1)
js=$(grep -o '/static/minbar.js?v=[0-9a-f]*' "$work/mirror/index.html" | head -1)
br_css=$(curl -s -H 'Accept-Encoding: br' "http://127.0.0.1:$PORT_MINBAR$css" | wc -c)
br_js=$(curl -s -H 'Accept-Encoding: br' "http://127.0.0.1:$PORT_MINBAR$js" | wc -c)

lighthouse="not run (LIGHTHOUSE=0)"
if [[ ${LIGHTHOUSE:-1} != 0 ]]; then
  lighthouse=$(bash bench/lighthouse.sh "http://127.0.0.1:$PORT_MINBAR$article" 2>/dev/null | head -1 || echo "failed")
fi

stat() { # name.mode side field → "median (min–max)"
  local values
  case $3 in rps) values=${rps[$1.$2]} ;; p50) values=${p50[$1.$2]} ;; p99) values=${p99[$1.$2]} ;; esac
  echo "$(tr ' ' '\n' <<<"$values" | grep . | median) ($(tr ' ' '\n' <<<"$values" | grep . | minmax))"
}
ratio() { # a b → a/b of medians
  echo "scale=2; $(tr ' ' '\n' <<<"$1" | grep . | median) / $(tr ' ' '\n' <<<"$2" | grep . | median)" | bc
}

# 6. Instructions per cached request (callgrind), both servers, after the timed runs.
stop_servers
instructions=$(bash bench/instructions.sh "$minbar" "$data" "$work/mirror" "$article")
count() { awk -v s="$1" -v e="$2" '$1 == s && $2 == e {print $3}' <<<"$instructions"; }

echo "## $(date -u +%Y-%m-%d) · web: page cache against nginx, build against Hugo ($POSTS posts)"
echo
echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r); release profile."
echo "- Command: \`bench/web.sh\` (POSTS=$POSTS RUNS=$RUNS DURATION=$DURATION) at $(git rev-parse --short HEAD)."
echo "- Data: the first $POSTS non-empty articles of SaudiNewsNet (../shared/data/arabic-news); article page: \`$(python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$article")\`, the median-sized post page ($article_bytes bytes)."
echo "- wrk: 64 connections, $DURATION per run, runs alternating minbar and nginx; nginx 1 worker serving \`minbar build\` output (gzip_static), open_file_cache. **Pinned**: each server on core 1 (\`taskset -c 1\`), wrk with 1 thread on core 0: requests per second per core. **Unpinned**: servers and wrk (2 threads) share both cores, as in runs before 2026-12-01."
echo
echo "| page | cores | server | requests/s median (min–max) | p50 ms | p99 ms |"
echo "|---|---|---|---|---|---|"
for mode in pinned unpinned; do
  for name in "${names[@]}"; do
    for side in minbar nginx; do
      echo "| $name | $mode | $side | $(stat "$name.$mode" $side rps) | $(stat "$name.$mode" $side p50) | $(stat "$name.$mode" $side p99) |"
    done
  done
done
echo
for mode in pinned unpinned; do
  for name in "${names[@]}"; do
    echo "- $name, $mode: minbar/nginx requests/s **$(ratio "${rps[$name.$mode.minbar]}" "${rps[$name.$mode.nginx]}")**, p99 minbar/nginx $(ratio "${p99[$name.$mode.minbar]}" "${p99[$name.$mode.nginx]}")"
  done
done
for encoding in identity gzip; do
  echo "- instructions per cached article request ($encoding, callgrind, \`bench/instructions.sh\`): minbar **$(count minbar $encoding)**, nginx **$(count nginx $encoding)**, ratio **$(echo "scale=2; $(count minbar $encoding) / $(count nginx $encoding)" | bc)**"
done
echo "- cache miss on every request (article page, identity), pinned: $miss_pinned; unpinned: $miss_unpinned"
echo "- peak memory of \`minbar serve\` with $POSTS posts (VmHWM, default 12 MiB page cache): **$((peak_before_kb / 1024)) MiB** through the article and home runs, **$((peak_kb / 1024)) MiB** after the miss run too"
echo "- build into /dev/shm, $pages HTML pages (+ feeds, sitemaps, .gz and .br copies): minbar $(printf '%s\n' "${build_times[@]}" | median) s ($(printf '%s\n' "${build_times[@]}" | minmax)); incremental second run with nothing changed: $(printf '%.2f' "$incremental") s"
echo "- build without the compressed copies (what Hugo writes): $(printf '%s\n' "${plain_times[@]}" | median) s ($(printf '%s\n' "${plain_times[@]}" | minmax)); ratio to Hugo **$(echo "scale=2; $(printf '%s\n' "${plain_times[@]}" | median) / $(printf '%s\n' "${hugo_times[@]}" | median)" | bc)**"
echo "- Hugo $(hugo version | awk '{print $2}') into /dev/shm, $hugo_pages HTML pages: $(printf '%s\n' "${hugo_times[@]}" | median) s ($(printf '%s\n' "${hugo_times[@]}" | minmax)); ratio minbar/Hugo **$(echo "scale=2; $(printf '%s\n' "${build_times[@]}" | median) / $(printf '%s\n' "${hugo_times[@]}" | median)" | bc)**"
echo "- $lighthouse"
echo "- article page over the wire: $br_page bytes brotli ($gz_page gzip), stylesheet $br_css bytes brotli, script $br_js bytes brotli (deferred): page + stylesheet **$(( (br_page + br_css) / 1024 )) KB**"
