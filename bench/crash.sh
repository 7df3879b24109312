#!/usr/bin/env bash
# kill -9 under a write storm, at release length: the end-to-end crash test run with 200 cycles
# (the test suite runs 20) on SQLite and PostgreSQL. Prints, per engine, how many writes were
# acknowledged and found again; a lost write fails the run.
#
#   bench/crash.sh            # 200 cycles
#   CYCLES=50 bench/crash.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/minbar-target}"
export MINBAR_CRASH_CYCLES="${CYCLES:-200}"
cargo nextest run -p minbar --test it crash:: --no-capture 2>&1 | grep -E "kill -9 cycles|search counts|PASS|FAIL|panicked"
