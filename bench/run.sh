#!/usr/bin/env bash
# Runs every benchmark from a clean clone and appends their Markdown sections to
# bench/RESULTS.md: the web benchmarks (page cache against nginx, build against Hugo, memory,
# page size), the page-render criterion benchmarks, scale-out on PostgreSQL, the import and the
# search benchmarks.
# Each installs what it needs from Debian's packages when missing. ONLY=web|render|scaleout|import|search
# runs one.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/minbar-target}"
only=${ONLY:-all}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if [[ $only == all || $only == web ]]; then
  bash bench/web.sh >>"$out"
  echo >>"$out"
fi
if [[ $only == all || $only == render ]]; then
  {
    echo "## $(date -u +%Y-%m-%d) · post page render (criterion)"
    echo
    echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); \`cargo bench -p minbar-web --bench render\` at $(git rev-parse --short HEAD)."
    echo
    cargo bench -p minbar-web --bench render 2>/dev/null | awk '/^[a-z].*\(|time:/ {print "    " $0}'
    echo
  } >>"$out"
fi
if [[ $only == all || $only == scaleout ]]; then
  bash bench/scaleout.sh >>"$out"
  echo >>"$out"
fi
if [[ $only == all || $only == import ]]; then
  bash bench/import.sh >>"$out"
  echo >>"$out"
fi
if [[ $only == all || $only == search ]]; then
  bash bench/search.sh >>"$out"
  echo >>"$out"
fi
cat "$out"
{
  echo
  cat "$out"
} >>bench/RESULTS.md
