#!/usr/bin/env bash
# CPU instructions per cached request, counted by callgrind, for `minbar serve` and for nginx
# (one process, `master_process off`) sending the same page from `minbar build` output. Unlike
# requests per second, the count repeats on a noisy shared machine, so a regression on the hit
# path shows. Usage:
#   bench/instructions.sh MINBAR DATA MIRROR PATH
# MINBAR the release binary, DATA its data directory, MIRROR the `minbar build` output of the
# same data, PATH the page (URL-encoded). N=2000 requests per figure, on one kept-alive
# connection, after 300 to warm up. Prints one line per server and encoding:
#   minbar identity 41234
# Minbar's background loops (following the outbox every 250 ms, the job loop) run while it is
# measured; their rate is measured over an idle window first and taken off.
set -euo pipefail
source "$(dirname "$0")/nginx.sh"
minbar=$1 data=$2 mirror=$3 path=$4
N=${N:-2000}
port=18094
work=$(mktemp -d)
pid=
cleanup() {
  [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
command -v valgrind >/dev/null || { echo "valgrind is missing (apt-get install valgrind)" >&2; exit 2; }

# N requests on one connection: "seconds" they took.
requests() {
  python3 - "$port" "$path" "$1" "$2" <<'PY'
import http.client, sys, time
port, path, n, encoding = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
started = time.monotonic()
for _ in range(n):
    connection.request("GET", path, headers={"Accept-Encoding": encoding})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200 or not body:
        sys.exit(f"answered {response.status}")
print(f"{time.monotonic() - started:.3f}")
PY
}

# The instructions counted since the last dump, dumped now.
dumps() { local files=("$work/$name".out.*); [[ -e ${files[0]} ]] && echo "${#files[@]}" || echo 0; }
dump() {
  local before
  before=$(dumps)
  callgrind_control -d "$pid" >/dev/null 2>&1
  for _ in $(seq 300); do
    (($(dumps) > before)) && break
    sleep 0.1
  done
  awk '/^(summary|totals):/ {print $2; exit}' "$work/$name.out.$((before + 1))"
}

measure() { # name, then the server's command line
  name=$1
  shift
  valgrind --tool=callgrind --callgrind-out-file="$work/$name.out" --dump-instr=no "$@" \
    >"$work/$name.log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    curl -sf -o /dev/null "http://127.0.0.1:$port$path" && break
    sleep 0.2
  done
  requests 300 identity >/dev/null
  requests 300 gzip >/dev/null
  local idle=0 rate=0
  if [[ $name == minbar ]]; then
    dump >/dev/null
    sleep 5
    idle=$(dump)
    rate=$(echo "$idle / 5" | bc)
  fi
  for encoding in identity gzip; do
    dump >/dev/null
    local seconds total
    seconds=$(requests "$N" "$encoding")
    total=$(dump)
    echo "$name $encoding $(echo "($total - $rate * $seconds) / $N" | bc)"
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
}

measure minbar "$minbar" --data "$data" serve --listen "127.0.0.1:$port"

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
nginx_conf "$port" "$mirror" "$work" "daemon off;" "master_process off;" >"$work/nginx.conf"
measure nginx "$NGINX" -c "$work/nginx.conf" -e "$work/nginx-error.log"
