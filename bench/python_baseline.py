#!/usr/bin/env python3
"""cc_net-style exact paragraph dedup in plain Python, the benchmark baseline.

One core, standard library only. Reads JSONL files (one article a line,
`text` field), takes every non-blank line of `text` as a paragraph, and keys
it the way cc_net normalises lines: Unicode NFKC, lower case, whitespace runs
collapsed; plus newsrake's quote and dash folding, so both find the same
duplicates. SHA-256 of the key, first occurrence kept in a dict.

Prints one JSON object: counts, seconds, MB/s and peak RSS.

    python3 bench/python_baseline.py target/bench-data/250mb/*.jsonl
"""

import hashlib
import json
import resource
import sys
import time
import unicodedata

FOLD = str.maketrans(
    {
        **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032`\u00b4"},
        **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"},
        **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
        **{c: None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"},
    }
)


def normalize(line: str) -> str:
    line = unicodedata.normalize("NFKC", line).lower().translate(FOLD)
    return " ".join(line.split())


def main(paths):
    start = time.perf_counter()
    seen = {}
    nbytes = articles = paragraphs = duplicates = 0
    for path in paths:
        with open(path, "rb") as f:
            for raw in f:
                nbytes += len(raw)
                text = json.loads(raw)["text"]
                for i, para in enumerate(p for p in text.split("\n") if p.strip()):
                    digest = hashlib.sha256(normalize(para).encode()).digest()
                    paragraphs += 1
                    if digest in seen:
                        duplicates += 1
                    else:
                        seen[digest] = (articles << 20) | i
                articles += 1
    secs = time.perf_counter() - start
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "bytes": nbytes,
                "articles": articles,
                "paragraphs": paragraphs,
                "duplicates": duplicates,
                "unique_keys": len(seen),
                "seconds": round(secs, 3),
                "mb_per_s": round(nbytes / 2**20 / secs, 1),
                "peak_rss_mb": round(rss_kb / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
