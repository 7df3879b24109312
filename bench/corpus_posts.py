"""The first N articles of the shared Arabic news corpus that have a title and a body, as JSON
lines for `minbar post import-jsonl`: python3 bench/corpus_posts.py CORPUS.jsonl.gz N."""
import gzip
import json
import sys

wanted, kept = int(sys.argv[2]), 0
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as rows:
    for line in rows:
        row = json.loads(line)
        if not row["title"].strip() or not row["body"].strip():
            continue
        print(line, end="")
        kept += 1
        if kept == wanted:
            break
