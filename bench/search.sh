#!/usr/bin/env bash
# The search benchmark: loads ../shared/data/arabic-news into a fresh data directory, rebuilds the
# index, and times 61 queries, with SQLite FTS5 on the same text as the reference. Prints a
# Markdown section ready for bench/RESULTS.md. MINBAR_BENCH_DOCS=N loads only the first N articles.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/data/arabic-news/saudinewsnet.jsonl.gz
if [[ ! -f $corpus ]]; then
  echo "missing $corpus: the search benchmark needs the shared Arabic news corpus" >&2
  exit 2
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/minbar-target}"
cargo bench -p minbar-search --bench corpus --no-run >&2
echo "Date: $(date -u +%Y-%m-%d) · Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r)"
echo
cargo bench -p minbar-search --bench corpus 2>/dev/null
