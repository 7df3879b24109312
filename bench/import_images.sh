#!/usr/bin/env bash
# The import benchmark with photos: `minbar import blogger FILE --media fetch` on the generated
# 10,000-post export carrying 20,000 distinct photos (each written as Blogger does, a thumbnail
# linking to the full size, so 40,000 addresses fold into 20,000 photos), served by a local nginx
# (one worker) under the photos' own host name, which `--resolve` points at 127.0.0.1. Each run
# goes into a fresh SQLite data directory under GNU time (wall seconds, peak memory); photos
# fetched per second come from the run's own summary. Progress goes to stderr; stdout ends with
# a Markdown section for bench/RESULTS.md, which this script never writes itself.
#
#   bench/import_images.sh                 # 10k posts, 20k photos, 1 run
#   POSTS=1000 IMAGES=2000 RUNS=3 bench/import_images.sh
#
# The photo is one 800 x 600 JPEG with GPS tags (ImageMagick's plasma, then exiftool), copied
# per address with the address appended after its end, so every photo has its own bytes (and
# its own stored name) but the same pixels: each is decoded, stripped, resized and encoded.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/nginx.sh

POSTS="${POSTS:-10000}"
IMAGES="${IMAGES:-20000}"
COMMENTS="${COMMENTS:-10000}"
RUNS="${RUNS:-1}"
PARALLEL="${PARALLEL:-8}"
PORT="${PORT:-18765}"
HOST=blogger.googleusercontent.com

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/minbar-target}"
unset MINBAR_DATABASE_URL MINBAR_DATA MINBAR_MEDIA

for tool in nginx exiftool /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done
# Debian's ImageMagick, by its full path: another `convert` may come first on PATH.
convert=/usr/bin/convert
if ! "$convert" -version 2>/dev/null | grep -q ImageMagick; then
  echo "installing imagemagick" >&2
  if [[ $(id -u) == 0 ]]; then apt-get install -y imagemagick >&2; else sudo apt-get install -y imagemagick >&2; fi
fi

work=/tmp/minbar-bench-images
mkdir -p "$work"
file=$work/blogger-${POSTS}p-${IMAGES}i.xml
photos=$work/photos

echo "building (cargo build --release)" >&2
cargo build --release >&2
bin=$CARGO_TARGET_DIR/release/minbar

if [[ ! -f $file ]]; then
  python3 bench/gen_blogger.py "$file" --posts "$POSTS" --comments "$COMMENTS" --seed 1 \
    --images "$IMAGES" --image-base "http://$HOST:$PORT" >&2
fi
if [[ ! -f $photos/done-$IMAGES ]]; then
  echo "writing $IMAGES photos" >&2
  rm -rf "$photos"
  mkdir -p "$photos/img/b/bench/s0"
  "$convert" -seed 1 -size 800x600 plasma:fractal -quality 85 "$work/base.jpg"
  exiftool -q -overwrite_original -GPSLatitude=36.528 -GPSLatitudeRef=N -GPSLongitude=37.9556 \
    -GPSLongitudeRef=E -Make=PhoneMaker "$work/base.jpg"
  python3 - "$work/base.jpg" "$photos/img/b/bench/s0" "$IMAGES" <<'PY'
import sys
base = open(sys.argv[1], "rb").read()
for n in range(1, int(sys.argv[3]) + 1):
    with open(f"{sys.argv[2]}/{n}.jpg", "wb") as out:
        out.write(base + f"/{n}".encode())
PY
  touch "$photos/done-$IMAGES"
fi
photo_bytes=$(stat -c %s "$photos/img/b/bench/s0/1.jpg")

# The photos go out as image/jpeg (the shared configuration knows only the site's types, and the
# import refuses what a host calls text).
# Its file cache holds 20,000 files open: more descriptors than the default 1,024.
nginx_conf "$PORT" "$photos" "$work" "worker_rlimit_nofile 65536;" | sed 's/types { /types { image\/jpeg jpg; /' >"$work/nginx.conf"
nginx -c "$work/nginx.conf" -p "$work"
trap 'kill "$(cat "$work/nginx.pid")" 2>/dev/null || true' EXIT
sleep 0.5
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/img/b/bench/s0/1.jpg"

median() {
  sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
min_max() {
  sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "–" hi }'
}
to_mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }'; }

secs=()
mbs=()
rates=()
plain=()
plain_mbs=()
for ((i = 1; i <= RUNS; i++)); do
  # The same import without photos, as the reference the photos are added to.
  data=$work/data
  rm -rf "$data"
  "$bin" --data "$data" init --title x >/dev/null 2>&1
  /usr/bin/time -f '%e %M' -o "$work/plain-time" "$bin" --data "$data" import blogger "$file" >"$work/plain.log" 2>&1
  read -r s kb <"$work/plain-time"
  plain+=("$s")
  plain_mbs+=("$(to_mb "$kb")")
  rm -rf "$data"
  "$bin" --data "$data" init --title x >/dev/null 2>&1
  log=$work/run-$i.log
  /usr/bin/time -f '%e %M' -o "$work/time-$i" "$bin" --data "$data" import blogger "$file" \
    --media fetch --resolve "$HOST:127.0.0.1" --allow-host "$HOST" --parallel "$PARALLEL" >"$log" 2>&1 || {
    tail -n 20 "$log" >&2
    exit 1
  }
  read -r s kb <"$work/time-$i"
  brought=$(grep -m1 '^images:' "$log" | grep -oE '^images: [0-9]+' | grep -oE '[0-9]+')
  failed=$(grep -m1 '^images:' "$log" | grep -oE '[0-9]+ not brought' | grep -oE '[0-9]+')
  secs+=("$s")
  mbs+=("$(to_mb "$kb")")
  rates+=("$(awk -v n="$brought" -v t="$s" -v p="${plain[-1]}" 'BEGIN { printf "%.0f", n / (t - p) }')")
  remote=$(sqlite3 "$data/minbar.db" "SELECT COUNT(*) FROM posts WHERE body_html LIKE '%$HOST%'" 2>/dev/null || echo '?')
  echo "run $i: ${s} s (${plain[-1]} s without photos), peak ${mbs[-1]} MB, $brought brought, $failed not brought, $remote posts still remote" >&2
done
media_size=$(du -sh "$work/data/media" | cut -f1)
media_files=$(find "$work/data/media" -type f | wc -l)

cat <<EOF

## $(date -u +%Y-%m-%d) · Blogger import with $IMAGES photos fetched ($POSTS posts)

- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); release profile; at $(git rev-parse --short HEAD)$(git diff --quiet || echo ' with uncommitted changes').
- Command: \`bench/import_images.sh\` (POSTS=$POSTS IMAGES=$IMAGES COMMENTS=$COMMENTS RUNS=$RUNS PARALLEL=$PARALLEL).
- Photos: one 800 × 600 JPEG with GPS tags, $photo_bytes bytes, distinct bytes per address; served by nginx
  (1 worker) on 127.0.0.1 as \`$HOST\` (\`--resolve\`, \`--allow-host\`). Each photo appears as a
  320 px thumbnail linking to its 1600 px size: $((IMAGES * 2)) addresses, $IMAGES photos, each fetched at \`s0\`.
- What: \`minbar import blogger FILE --media fetch --parallel $PARALLEL\` into a fresh data directory under GNU time,
  and the same import without \`--media\` just before it as the reference. Photos per second are
  counted over the time the photos added (run minus reference).

| run | seconds with photos | seconds without | peak MB with | peak MB without | photos/s |
|---|---|---|---|---|---|
$(for ((i = 0; i < RUNS; i++)); do echo "| $((i + 1)) | ${secs[i]} | ${plain[i]} | ${mbs[i]} | ${plain_mbs[i]} | ${rates[i]} |"; done)

- import with photos: median **$(printf '%s\n' "${secs[@]}" | median) s** ($(printf '%s\n' "${secs[@]}" | min_max)); without: $(printf '%s\n' "${plain[@]}" | median) s
- peak memory: median **$(printf '%s\n' "${mbs[@]}" | median) MB** ($(printf '%s\n' "${mbs[@]}" | min_max))
- photos fetched and processed per second: median **$(printf '%s\n' "${rates[@]}" | median)**
- media written: $media_files files, $media_size
EOF
