#!/usr/bin/env bash
# Fuzzes every parser that takes a stranger's bytes (the targets of crates/fuzzing, wrapped in
# fuzz/) with cargo fuzz on the nightly toolchain, one target after another on one core, and
# prints per target the executions, executions per second, corpus size and new crashes. A crash
# fails the run; its input is left in fuzz/artifacts/<target>/ to be fixed and committed, where
# the stable test suite (crates/fuzzing/tests/replay.rs) replays it from then on.
#
#   bench/fuzz.sh                 # 600 s per target, as before a release
#   bench/fuzz.sh 60              # a quick pass
#   bench/fuzz.sh 60 sanitize wxr # some targets only
#   MINIMIZE=1 bench/fuzz.sh 60   # then shrink each corpus with cargo fuzz cmin
#
# New corpus entries are written to fuzz/corpus/<target>/. The Blogger and WordPress readers are
# also seeded, at run time only, from the real exports in ../shared/data when it is there: that
# data is not ours to copy into the repository, so those two targets then grow a scratch copy of
# their corpus outside it (what the fuzzer derives from shared data is not kept; crashes are).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for file in fuzz/fuzz_targets/*.rs; do
    name="$(basename "$file" .rs)"
    targets+=("$name")
  done
fi
# Never the workspace's own target directory: sanitizer flags would rebuild it from scratch.
target_dir="${FUZZ_TARGET_DIR:-$HOME/.cache/minbar-fuzz-target}"
shared="$(pwd)/../shared/data"
log_dir="$(mktemp -d)"
seeds="$(mktemp -d)"
trap 'rm -rf "$log_dir" "$seeds"' EXIT

# The longest input tried: exports are files of many kilobytes, images must hold a header and
# some pixels (under 48 KiB, so the committed corpus stays small); text needs less, and shorter
# inputs mean more executions.
max_len_of() {
  case "$1" in
    blogger | wxr) echo 65536 ;;
    image) echo 49152 ;;
    markdown | sanitize) echo 16384 ;;
    *) echo 4096 ;;
  esac
}

# Extra seed directories for a target, from the shared test data (small files only).
seed_dirs_of() {
  local kind
  case "$1" in
    blogger) kind=blogger ;;
    wxr) kind=wxr ;;
    *) return 0 ;;
  esac
  [ -d "$shared/$kind" ] || return 0
  mkdir -p "$seeds/$1"
  find "$shared/$kind" -maxdepth 1 -type f \( -name '*.xml' -o -name '*.atom' \) -size -64k \
    -exec cp {} "$seeds/$1/" \;
  echo "$seeds/$1"
}

count_files() {
  find "$1" -maxdepth 1 -type f 2>/dev/null | wc -l
}

echo "building the fuzz targets with nightly in $target_dir"
(cd fuzz && cargo +nightly fuzz build --target-dir "$target_dir")

failed=0
printf '%-14s %8s %12s %9s %8s %8s\n' target seconds executions exec/s corpus crashes
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  before="$(count_files "fuzz/artifacts/$target")"
  log="$log_dir/$target.log"
  corpus="$(pwd)/fuzz/corpus/$target"
  extra="$(seed_dirs_of "$target")"
  if [ -n "$extra" ]; then
    corpus="$seeds/$target-corpus"
    mkdir -p "$corpus"
    cp -r "fuzz/corpus/$target/." "$corpus/"
  fi
  # shellcheck disable=SC2086 # $extra is zero or one directory without spaces
  if (cd fuzz && cargo +nightly fuzz run --target-dir "$target_dir" "$target" \
    "$corpus" $extra -- \
    -max_total_time="$seconds" -max_len="$(max_len_of "$target")" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1) >"$log" 2>&1; then
    status=ok
  else
    status=failed
  fi
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
  speed="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
  after="$(count_files "fuzz/artifacts/$target")"
  crashes=$((after - before))
  printf '%-14s %8s %12s %9s %8s %8s\n' "$target" "$seconds" "${runs:-?}" "${speed:-?}" \
    "$(count_files "$corpus")" "$crashes"
  if [ "$crashes" -gt 0 ] || [ "$status" = failed ]; then
    failed=1
    echo "--- $target failed; the end of its log:"
    tail -40 "$log"
    echo "---"
  fi
done

if [ "${MINIMIZE:-0}" = 1 ]; then
  for target in "${targets[@]}"; do
    (cd fuzz && cargo +nightly fuzz cmin --target-dir "$target_dir" "$target" "corpus/$target" \
      -- -max_len="$(max_len_of "$target")" -timeout=10) >/dev/null 2>&1
    echo "minimized $target: $(count_files "fuzz/corpus/$target") files"
  done
fi

exit "$failed"
