#!/usr/bin/env bash
# The Blogger import benchmark: times `minbar import blogger` on a large generated classic export
# (10,000 posts, 100,000 comments by default), each run into a fresh SQLite data directory, with
# GNU time for wall seconds and peak memory. As a reference on the same file and machine, it
# times a plain streaming parse with Python's ElementTree, so the result can be given as a ratio
# as well. Progress goes to stderr; stdout ends with a Markdown section for bench/RESULTS.md,
# which this script never writes itself.
#
#   bench/import.sh                      # 10k posts, 100k comments, 3 runs
#   POSTS=1000 COMMENTS=10000 RUNS=5 bench/import.sh
#
# The file is generated once (bench/gen_blogger.py) and reused while it exists; remove it to
# regenerate.
set -euo pipefail
cd "$(dirname "$0")/.."

POSTS="${POSTS:-10000}"
COMMENTS="${COMMENTS:-100000}"
SEED="${SEED:-1}"
RUNS="${RUNS:-3}"
TARGET_SECONDS=10
TARGET_MB=200

# One shared target directory, so that the benchmark does not build a second copy of everything.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/minbar-target}"
# The benchmark is of the SQLite data directory: a database URL or data directory left in the
# environment would send the import elsewhere.
unset MINBAR_DATABASE_URL MINBAR_DATA

work=/tmp/minbar-bench-import
mkdir -p "$work"
if [[ $POSTS == 10000 && $COMMENTS == 100000 && $SEED == 1 ]]; then
  file=$work/blogger-10k.xml
else
  file=$work/blogger-${POSTS}p-${COMMENTS}c-seed${SEED}.xml
fi

# GNU time reports the peak resident set (%M); the shell's `time` keyword cannot.
if [[ ! -x /usr/bin/time ]]; then
  echo "installing GNU time (/usr/bin/time is missing)" >&2
  if [[ $(id -u) == 0 ]]; then apt-get install -y time >&2; else sudo apt-get install -y time >&2; fi
fi
if ! /usr/bin/time --version 2>&1 | grep -q GNU; then
  echo "/usr/bin/time is not GNU time; the benchmark needs its -f '%e %M'" >&2
  exit 2
fi

echo "building (cargo build --release, CARGO_TARGET_DIR=$CARGO_TARGET_DIR)" >&2
cargo build --release >&2
bin=$CARGO_TARGET_DIR/release/minbar

if [[ ! -f $file ]]; then
  echo "generating $file" >&2
  python3 bench/gen_blogger.py "$file" --posts "$POSTS" --comments "$COMMENTS" --seed "$SEED" >&2
fi
size_bytes=$(stat -c %s "$file")
size_mb=$(awk -v b="$size_bytes" 'BEGIN { printf "%.1f", b / 1e6 }')

# What the file holds, to check each import's summary against. The generator writes one entry
# per line, so counting lines counts entries.
file_posts=$(grep -c "kind#post'" "$file" || true)
file_drafts=$(grep -c "<app:draft>yes</app:draft>" "$file" || true)
file_live=$((file_posts - file_drafts))
file_comments=$(grep -c "kind#comment'" "$file" || true)
file_replies=$(grep -c "<link rel='related'" "$file" || true)
file_pages=$(grep -c "kind#page'" "$file" || true)

# Read the file once before timing, so every run (and the reference) starts with it in the page
# cache rather than the first run paying for the disk.
cat "$file" >/dev/null

# The number before `word` in the import's summary line ("imported: 10000 posts, 5 drafts, ...").
summary_count() {
  grep -m1 '^imported:' "$2" | grep -oE "[0-9]+ $1\b" | cut -d' ' -f1 || true
}

# Median of the numbers on stdin (mean of the middle two for an even count).
median() {
  sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
min_max() {
  sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "–" hi }'
}
# GNU time's %M is in KiB; the target is in MB (10^6 bytes), the stricter reading.
to_mb() {
  awk -v k="$1" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }'
}

secs=()
mbs=()
warnings=()
for ((i = 1; i <= RUNS; i++)); do
  data=$work/data
  rm -rf "$data"
  mkdir -p "$data"
  "$bin" --data "$data" init --title x >"$work/init.log" 2>&1
  log=$work/import-$i.log
  if ! /usr/bin/time -f '%e %M' -o "$work/time-$i" "$bin" --data "$data" import blogger "$file" >"$log" 2>&1; then
    echo "run $i: the import failed; the end of its log ($log):" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  read -r s kb <"$work/time-$i"
  mb=$(to_mb "$kb")
  secs+=("$s")
  mbs+=("$mb")
  echo "run $i: ${s} s, peak ${mb} MB — $(grep -m1 '^imported:' "$log" || echo 'no summary line')" >&2
  # A fast import that imported nothing would be a false result: compare with the file.
  got_posts=$(summary_count posts "$log")
  got_drafts=$(summary_count drafts "$log")
  got_comments=$(summary_count comments "$log")
  got_replies=$(summary_count replies "$log")
  got_pages=$(summary_count pages "$log")
  got_all_comments=$((${got_comments:-0} + ${got_replies:-0}))
  if [[ ${got_posts:-0} != "$file_live" || ${got_drafts:-0} != "$file_drafts" || ${got_pages:-0} != "$file_pages" ||
        $got_all_comments != "$file_comments" || ${got_replies:-0} != "$file_replies" ]]; then
    warnings+=("run $i imported ${got_posts:-0} posts, ${got_drafts:-0} drafts, ${got_pages:-0} pages, $got_all_comments comments (${got_replies:-0} replies) where the file has $file_live, $file_drafts, $file_pages, $file_comments ($file_replies)")
  fi
  if grep -q '^skipped' "$log"; then
    warnings+=("run $i skipped: $(grep '^skipped' "$log" | paste -sd ';' -)")
  fi
done
data_size=$(du -sh "$work/data" | cut -f1)

# The reference: ElementTree's iterparse over the same file, each <entry> cleared when it ends so
# that memory stays flat. Parsing only; nothing is decoded further or written anywhere.
ref_secs=()
ref_mbs=()
for ((i = 1; i <= RUNS; i++)); do
  /usr/bin/time -f '%e %M' -o "$work/ref-time-$i" python3 - "$file" >"$work/ref-$i.log" <<'PY'
import sys
import xml.etree.ElementTree as ET

ENTRY = "{http://www.w3.org/2005/Atom}entry"
entries = 0
for _, element in ET.iterparse(sys.argv[1], events=("end",)):
    if element.tag == ENTRY:
        entries += 1
        element.clear()
print(entries, "entries")
PY
  read -r s kb <"$work/ref-time-$i"
  ref_secs+=("$s")
  ref_mbs+=("$(to_mb "$kb")")
  echo "reference run $i: ${s} s, peak ${ref_mbs[-1]} MB ($(cat "$work/ref-$i.log"))" >&2
done

sec_median=$(printf '%s\n' "${secs[@]}" | median)
sec_range=$(printf '%s\n' "${secs[@]}" | min_max)
mb_median=$(printf '%s\n' "${mbs[@]}" | median)
mb_range=$(printf '%s\n' "${mbs[@]}" | min_max)
ref_median=$(printf '%s\n' "${ref_secs[@]}" | median)
ref_range=$(printf '%s\n' "${ref_secs[@]}" | min_max)
ref_mb_median=$(printf '%s\n' "${ref_mbs[@]}" | median)
ratio=$(awk -v a="$sec_median" -v b="$ref_median" 'BEGIN { printf "%.2f", a / b }')
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t ? "PASS" : "MISS") }'; }
sec_verdict=$(verdict "$sec_median" "$TARGET_SECONDS")
mb_verdict=$(verdict "$mb_median" "$TARGET_MB")
posts_per_s=$(awk -v n="$file_live" -v s="$sec_median" 'BEGIN { printf "%.0f", n / s }')
comments_per_s=$(awk -v n="$file_comments" -v s="$sec_median" 'BEGIN { printf "%.0f", n / s }')
mb_per_s=$(awk -v m="$size_mb" -v s="$sec_median" 'BEGIN { printf "%.1f", m / s }')

cat <<EOF

## $(date -u +%Y-%m-%d) · Blogger import, $file_live posts and $file_comments comments

- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r); release profile.
- Command: \`bench/import.sh\` (POSTS=$POSTS COMMENTS=$COMMENTS SEED=$SEED RUNS=$RUNS), at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' with uncommitted changes').
- Data: \`bench/gen_blogger.py --posts $POSTS --comments $COMMENTS --seed $SEED\`, a classic Blogger export of generated
  Arabic text: ${size_mb} MB; $file_live posts (3–8 paragraphs, ~2–4 KB of HTML each, 1–3 of 30 labels), $file_drafts drafts,
  $file_pages pages, 2 settings; $file_comments comments of which $file_replies replies, spread unevenly over the posts.
- What: \`minbar --data DIR init --title x\` into a fresh directory (not timed), then
  \`minbar --data DIR import blogger FILE\` under GNU time (wall seconds, peak RSS; MB = 10^6 bytes), the file
  already in the page cache. The import includes indexing the new posts for search. Data directory afterwards: $data_size.
- Reference in the same run: Python $(python3 -c 'import platform; print(platform.python_version())') \`xml.etree.ElementTree.iterparse\` over the same file,
  clearing each entry (parse only).
- Targets: ≤ ${TARGET_SECONDS} s, ≤ ${TARGET_MB} MB peak.

| run | seconds | peak MB |
|---|---|---|
$(for ((i = 0; i < RUNS; i++)); do echo "| $((i + 1)) | ${secs[i]} | ${mbs[i]} |"; done)

- import: median **${sec_median} s** (${sec_range}) → ${sec_verdict} (≤ ${TARGET_SECONDS} s); ${posts_per_s} posts/s, ${comments_per_s} comments/s, ${mb_per_s} MB/s of export
- peak memory: median **${mb_median} MB** (${mb_range}) → ${mb_verdict} (≤ ${TARGET_MB} MB)
- reference, Python ElementTree streaming parse: median ${ref_median} s (${ref_range}), peak ${ref_mb_median} MB
- ratio of medians, Minbar import / Python streaming parse: **${ratio}**
$(for w in "${warnings[@]+"${warnings[@]}"}"; do echo "- warning: $w"; done)
EOF
