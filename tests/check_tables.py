#!/usr/bin/env python3
"""Read every newsrake table back with Python's csv module, pandas and json,
and check they hold the same values (the CSV's text cells guarded and cut
as docs/SCHEMA.md says); check paragraph offsets with Python
slicing where the article text is at hand.

Usage: check_tables.py OUT_DIR [OUT_DIR ...]
A directory `tests/golden/<case>/out` also has its inputs in `../in`.
Prints one line per directory and a closing "N passed, N failed" line.
"""
import csv
import json
import pathlib
import sys

import pandas as pd

TABLES = ["articles", "paragraphs", "mentions", "entities", "roles", "quotes", "counts", "events", "diagnostics"]


CELL_LIMIT = 32767


def spreadsheet_text(s):
    """A text value as the CSV holds it: a leading ' before what a spreadsheet
    would run as a formula (=, +, -, @, tab, CR), cut to 32,767 UTF-16 units."""
    if s.startswith(("=", "+", "-", "@", "\t", "\r")):
        s = "'" + s
    units = 0
    for i, ch in enumerate(s):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > CELL_LIMIT:
            return s[:i]
    return s


def as_cell(v):
    """The CSV cell a JSONL value should become."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return spreadsheet_text(v)
    return str(v)


def check_dir(out: pathlib.Path) -> list:
    problems = []
    for table in TABLES:
        rows_json = [json.loads(l) for l in (out / f"{table}.jsonl").read_text("utf-8").splitlines()]
        if not (out / f"{table}.csv").read_bytes().startswith(b"\xef\xbb\xbf"):
            problems.append(f"{table}.csv: no UTF-8 byte order mark")
        with open(out / f"{table}.csv", newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            header = next(reader)
            rows_csv = list(reader)
        frame = pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if list(frame.columns) != header:
            problems.append(f"{table}: pandas header {list(frame.columns)} != csv header {header}")
        if len(rows_json) != len(rows_csv) or len(frame) != len(rows_csv):
            problems.append(f"{table}: rows json={len(rows_json)} csv={len(rows_csv)} pandas={len(frame)}")
            continue
        for i, (j, c) in enumerate(zip(rows_json, rows_csv)):
            if list(j.keys()) != header:
                problems.append(f"{table} row {i}: json keys {list(j.keys())} != header")
                break
            expected = [as_cell(j[k]) for k in header]
            if c != expected:
                problems.append(f"{table} row {i}: csv {c} != json {expected}")
                break
            if list(frame.iloc[i]) != expected:
                problems.append(f"{table} row {i}: pandas {list(frame.iloc[i])} != json {expected}")
                break
    # Offsets: Python text[char_start:char_end] is the paragraph (UTF-8 .txt inputs).
    inputs = out.parent / "in"
    if inputs.is_dir():
        paragraphs = [json.loads(l) for l in (out / "paragraphs.jsonl").read_text("utf-8").splitlines()]
        articles = {a["article_id"]: a for a in map(json.loads, (out / "articles.jsonl").read_text("utf-8").splitlines())}
        for p in paragraphs:
            src = articles[p["article_id"]]["source_path"]
            path = out.parent / src
            if not src.endswith(".txt") or not path.is_file():
                continue
            try:
                text = path.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
            except UnicodeDecodeError:
                continue
            text = text.removeprefix("\ufeff")
            span = text[p["char_start"]:p["char_end"]]
            if " ".join(span.split()) != " ".join(p["text"].split()):
                problems.append(f"paragraphs {p['article_id']}#{p['paragraph']}: text[{p['char_start']}:{p['char_end']}] = {span!r} != {p['text']!r}")
    return problems


def main() -> int:
    passed = failed = 0
    for d in sys.argv[1:]:
        problems = check_dir(pathlib.Path(d))
        if problems:
            failed += 1
            print(f"FAIL {d}")
            for p in problems[:20]:
                print(f"  {p}")
        else:
            passed += 1
            print(f"ok   {d}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
