#!/usr/bin/env python3
"""Recall of `newsrake` on a gold file, broken down by the *form* of the gold span.

    python3 bench/ner_breakdown.py GOLD.jsonl [--bin target/release/newsrake]

Gold files have the format of `shared/data/ner-dev/` (one document a line,
`text` and `entities` with code-point `start`/`end`). Scoring follows
`newsrake eval`: types folded (PERSON → PER, GPE/LOC/FAC → LOC), gold spans
nested in a longer gold span dropped, a hit = same span and type.

Corpora differ in what a span covers. GUM trims a mention to the name
("Collins" in "Mr. Collins"); re3d keeps determiners, titles, nominals and
pronouns ("the SDF", "Foreign Secretary Boris Johnson", "the government",
"we"). newsrake emits names, so this script shows how much of a gold file is
written in each form and how much of each form newsrake finds:

- name: every word capitalised (or a digit, or a function word such as
  "of"), not opening with a determiner, possessive or pronoun;
- title + name: a PER name span whose first word is a title of newsrake's
  lexicon (`crates/newsrake-extract/data/titles.txt`);
- determiner + name: "the" / "a" / "our" ... followed by a name;
- pronoun: I, he, she, we, they, it ...;
- other: phrases with lower-case content words ("ISIL tactical units").
"""
import argparse
import collections
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
FOLD = {"PERSON": "PER", "PER": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}
FUNCTION = {"of", "the", "and", "for", "de", "al", "in", "on", "to", "&", "du", "la", "le", "del"}
DETERMINERS = {"the", "a", "an", "our", "their", "its", "his", "her", "this", "these", "those", "that", "my", "your"}
PRONOUNS = {"i", "he", "she", "we", "they", "it", "you", "me", "him", "us", "them", "my", "our", "his", "her", "their", "its"}


def titles():
    out = set()
    for line in (ROOT / "crates/newsrake-extract/data/titles.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("="):
            out.add(line.split("|")[0].split()[0].lower().rstrip("."))
    return out


def words(s):
    return re.findall(r"[\w'’.-]+", s)


def is_name(ws):
    return bool(ws) and all(w.lower() in FUNCTION or w[0].isupper() or w[0].isdigit() for w in ws)


def form(text, typ, title_words):
    ws = words(text)
    if not ws:
        return "other"
    if len(ws) == 1 and ws[0].lower() in PRONOUNS:
        return "pronoun"
    if ws[0].lower() in DETERMINERS:
        return "determiner + name" if is_name(ws[1:]) else "other"
    if not is_name(ws):
        return "other"
    if typ == "PER" and len(ws) > 1 and ws[0].lower().rstrip(".") in title_words:
        return "title + name"
    return "name"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("--bin", default=str(ROOT / "target/release/newsrake"))
    args = ap.parse_args()
    docs = [json.loads(l) for l in open(args.gold, encoding="utf-8") if l.strip()]
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="ner-breakdown-"))
    pred = collections.defaultdict(set)
    try:
        # one run per document, as `newsrake eval` extracts each document on
        # its own (a corpus run would skip paragraphs repeated across documents)
        for d in docs:
            with open(tmp / "in.jsonl", "w", encoding="utf-8") as f:
                f.write(json.dumps({"id": d["id"], "text": d["text"]}) + "\n")
            shutil.rmtree(tmp / "out", ignore_errors=True)
            subprocess.run(
                [args.bin, "run", str(tmp / "in.jsonl"), "--out", str(tmp / "out"), "--quiet", "--full",
                 "--workbook", "never", "--no-report"],
                check=True,
            )
            for line in open(tmp / "out/mentions.jsonl", encoding="utf-8"):
                m = json.loads(line)
                t = FOLD.get(m["type"])
                if t:
                    pred[m["article_id"]].add((m["char_start"], m["char_end"], t))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    title_words = titles()
    stat = collections.Counter()
    wrong = collections.Counter()
    for d in docs:
        # as `newsrake eval`: nested in any longer gold span (of any type) dropped, duplicates once
        every = [(e["start"], e["end"]) for e in d["entities"]]
        g = {}
        for e in d["entities"]:
            a, b, t = e["start"], e["end"], FOLD.get(e["type"])
            if t and not any(x <= a and b <= y and y - x > b - a for x, y in every):
                g.setdefault((a, b, t), e["text"])
        # false positives: a prediction matching no scored gold span, by what it overlaps
        raw = [(e["start"], e["end"], FOLD.get(e["type"])) for e in d["entities"]]
        for a, b, t in pred[d["id"]]:
            if (a, b, t) in g:
                continue
            over = [x for x in raw if x[0] < b and a < x[1]]
            if any(x[2] == t for x in over):
                wrong["same type, other boundaries"] += 1
            elif over:
                wrong["another type"] += 1
            else:
                wrong["no gold span"] += 1
        for (a, b, t), text in g.items():
            f = form(text, t, title_words)
            hit = (a, b, t) in pred[d["id"]]
            stat[(t, f, "gold")] += 1
            stat[(t, f, "hit")] += hit
            stat[("all", f, "gold")] += 1
            stat[("all", f, "hit")] += hit
    forms = ["name", "title + name", "determiner + name", "pronoun", "other"]
    print(f"{pathlib.Path(args.gold).name}: gold spans (share) and newsrake's exact recall, by form")
    print(f"{'type':<5} " + " ".join(f"{f:>24}" for f in forms) + f" {'all':>18}")
    for t in ["PER", "ORG", "LOC", "all"]:
        total = sum(stat[(t, f, "gold")] for f in forms)
        hits = sum(stat[(t, f, "hit")] for f in forms)
        cells = []
        for f in forms:
            n, h = stat[(t, f, "gold")], stat[(t, f, "hit")]
            cells.append(f"{n:>5} ({n / max(1, total):4.0%}) R {h / max(1, n):.2f}")
        print(f"{t:<5} " + " ".join(f"{c:>24}" for c in cells) + f" {total:>6} R {hits / max(1, total):.2f}")
    n = sum(wrong.values())
    print(f"false positives (PER, ORG, LOC): {n}; overlapping a gold span of the same type "
          f"with other boundaries: {wrong['same type, other boundaries']}; overlapping only "
          f"gold spans of other types: {wrong['another type']}; overlapping no gold span: "
          f"{wrong['no gold span']}")


if __name__ == "__main__":
    sys.exit(main())
