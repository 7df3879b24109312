#!/usr/bin/env bash
# Lighthouse (from npm, run on Debian's Chromium) on the article page of a running site: prints
# the performance and accessibility scores and what was transferred. Usage:
#   bench/lighthouse.sh http://127.0.0.1:18091/2015/07/….html
set -euo pipefail
url=$1
dir=${LIGHTHOUSE_DIR:-$HOME/.cache/minbar-lighthouse}
if [[ ! -x $dir/node_modules/.bin/lighthouse ]]; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --silent lighthouse@12 >&2
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
CHROME_PATH=/usr/bin/chromium "$dir/node_modules/.bin/lighthouse" "$url" \
  --quiet --output=json --output-path="$out" \
  --only-categories=performance,accessibility \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu" >&2
python3 - "$out" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
cats = report["categories"]
audits = report["audits"]
total = audits["total-byte-weight"]["numericValue"]
requests = len(audits["network-requests"]["details"]["items"])
print(f"lighthouse: performance {round(cats['performance']['score'] * 100)}, "
      f"accessibility {round(cats['accessibility']['score'] * 100)}, "
      f"{total / 1024:.1f} KB in {requests} requests, "
      f"LCP {audits['largest-contentful-paint']['numericValue']:.0f} ms, "
      f"CLS {audits['cumulative-layout-shift']['numericValue']:.3f}")
for ref in cats["accessibility"]["auditRefs"]:
    audit = audits[ref["id"]]
    if audit.get("score") is not None and audit["score"] < 1 and ref.get("weight", 0) > 0:
        print(f"  accessibility: {audit['title']}")
PY
