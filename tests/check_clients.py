#!/usr/bin/env python3
"""Open newsrake's outputs with the programs people use: `make check-clients`.

Runs `newsrake run` on the design article and the nasty spreadsheet inputs
(tests/golden/spreadsheet/in), then:

(a) LibreOffice headless converts every CSV (UTF-8 import, as its import
    dialog sets for a UTF-8 file) and the workbook to .xlsx; openpyxl reads
    what LibreOffice made: non-ASCII text intact ("Ukraine’s"), formula-like
    text kept as text (never a formula cell), long text cut to 32,767
    characters with `cell_truncated` set, coordinates and counts as numbers,
    every row present.
(b) pandas and DuckDB load every JSONL and CSV: row counts = run.json,
    numeric columns numeric, the BOM invisible in the first column's name.
(c) headless Chromium opens report.html: no console error (checked against
    a page that does log one, so the check can fail), the map has Marhanets
    and the timeline its 9 fatalities; a screenshot is taken (and kept with
    --screenshot PATH, which is how docs/report.png is made).

Needs: soffice (Debian libreoffice-calc-nogui), chromium, and the PyPI
packages openpyxl, pandas, duckdb (installed here when missing).
"""
import argparse
import csv
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "newsrake"
SEED = ROOT / "seeds" / "000_cc71052efe911e2a.txt"
NASTY = ROOT / "tests" / "golden" / "spreadsheet" / "in"
TABLES = ["articles", "paragraphs", "mentions", "entities", "roles", "quotes",
          "counts", "events", "diagnostics"]
CELL_LIMIT = 32767
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-quic", "--hide-scrollbars"]

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print(f"FAIL {what}", flush=True)
    return cond


def need_modules():
    missing = []
    for mod in ["openpyxl", "pandas", "duckdb"]:
        try:
            __import__(mod)
        except ImportError:
            missing.append(mod)
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", *missing], check=True)


def need_program(name, package):
    path = shutil.which(name)
    if not path:
        sys.exit(f"check-clients: `{name}` not found; install it with "
                 f"`apt-get install {package}` (CI does this in .ci/run)")
    return path


def jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def spreadsheet_text(s):
    """What newsrake's CSV holds for a text value (see docs/SCHEMA.md)."""
    guarded = "'" + s if s.startswith(FORMULA_START) else s
    units, out = 0, []
    for ch in guarded:
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > CELL_LIMIT:
            break
        out.append(ch)
    return "".join(out)


def expected_cell(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value
    return spreadsheet_text(value)


# (a) LibreOffice ------------------------------------------------------------

def soffice_convert(soffice, files, outdir, infilter=None):
    cmd = [soffice, "--headless", "--norestore"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", "xlsx", "--outdir", str(outdir), *map(str, files)]
    env = dict(os.environ, HOME=str(outdir.parent / "lo-home"))
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=300)


# LibreOffice has no boolean cell type: it saves a boolean as the formula
# TRUE() or FALSE(). Those two are the only formulas allowed.
LO_BOOLEANS = {"=TRUE()": True, "=FALSE()": False}


def is_formula(cell):
    return cell.data_type == "f" and cell.value not in LO_BOOLEANS


def same(got, want):
    if isinstance(got, str) and got in LO_BOOLEANS:
        got = LO_BOOLEANS[got]
    if want is None:
        return got in (None, "")
    if isinstance(want, bool):
        # LibreOffice reads true/false as booleans (or 1/0).
        return got == want or got in (("TRUE", "true") if want else ("FALSE", "false"))
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return isinstance(got, (int, float)) and abs(got - want) < 1e-9
    return got == want


def check_libreoffice(soffice, out, work):
    import openpyxl

    converted = work / "lo-csv"
    converted.mkdir()
    csvs = [work / "csv" / f"{t}.csv" for t in TABLES]
    # UTF-8, comma, double quote, first line 1 (Calc's CSV filter options).
    soffice_convert(soffice, csvs, converted, "CSV:44,34,76,1")
    text_cells = formula_cells = 0
    for t in TABLES:
        rows = jsonl(out / f"{t}.jsonl")
        ws = openpyxl.load_workbook(converted / f"{t}.xlsx").active
        cells = list(ws.iter_rows())
        header = [c.value for c in cells[0]]
        columns = list(rows[0].keys()) if rows else header
        check(header == columns, f"LibreOffice {t}.csv header {header[:3]}... = JSONL columns")
        check(len(cells) - 1 == len(rows), f"LibreOffice {t}.csv: {len(cells) - 1} rows, JSONL {len(rows)}")
        for cell_row, row in zip(cells[1:], rows):
            for c, name in zip(cell_row, columns):
                formula_cells += is_formula(c)
                want = row[name]
                if isinstance(want, str):
                    text_cells += 1
                    # Text a spreadsheet may type on import (numbers, ISO
                    # dates) is compared as text only when it stays text.
                    if c.data_type == "s":
                        check(c.value == spreadsheet_text(want),
                              f"LibreOffice {t}.{name}: {str(c.value)[:40]!r} != {want[:40]!r}")
                elif isinstance(want, (int, float)) and not isinstance(want, bool):
                    check(c.data_type == "n" and same(c.value, want),
                          f"LibreOffice {t}.{name}: {c.value!r} is not the number {want!r}")
    check(formula_cells == 0, f"LibreOffice: {formula_cells} formula cells from the CSVs")
    print(f"LibreOffice CSV import: {len(TABLES)} tables, {text_cells} text cells checked, "
          f"0 formulas", flush=True)

    lo_xlsx = work / "lo-xlsx"
    lo_xlsx.mkdir()
    soffice_convert(soffice, [out / "newsrake.xlsx"], lo_xlsx)
    wb = openpyxl.load_workbook(lo_xlsx / "newsrake.xlsx")
    check(wb.sheetnames == TABLES, f"workbook sheets {wb.sheetnames}")
    formula_cells = 0
    for t in TABLES:
        rows = jsonl(out / f"{t}.jsonl")
        ws = wb[t]
        cells = list(ws.iter_rows())
        columns = [c.value for c in cells[0]]
        check(len(cells) - 1 == len(rows), f"workbook {t}: {len(cells) - 1} rows, JSONL {len(rows)}")
        for cell_row, row in zip(cells[1:], rows):
            for c, name in zip(cell_row, columns):
                formula_cells += is_formula(c)
                want = row[name]
                if isinstance(want, str):
                    # Typed text cells: kept verbatim (no guard needed), cut
                    # at the cell limit.
                    want = want[:CELL_LIMIT] if len(want.encode("utf-16-le")) // 2 > CELL_LIMIT else want
                    check(c.data_type == "s" and c.value == want,
                          f"workbook {t}.{name}: {str(c.value)[:40]!r} != {want[:40]!r}")
                else:
                    check(same(c.value, want), f"workbook {t}.{name}: {c.value!r} != {want!r}")
    check(formula_cells == 0, f"workbook: {formula_cells} formula cells")

    # The facts the issue names, spelled out.
    paragraphs = wb["paragraphs"]
    texts = [r[8] for r in paragraphs.iter_rows(min_row=2, values_only=True)]
    check(any("Ukraine’s" in (t or "") for t in texts), "workbook: Ukraine’s intact")
    check(any((t or "").startswith("=HYPERLINK") for t in texts), "workbook: =HYPERLINK kept as text")
    check(max(len(t or "") for t in texts) == CELL_LIMIT, "workbook: long cell cut at 32,767")
    ents = {r[0]: r for r in wb["entities"].iter_rows(min_row=2, values_only=True)}
    m = ents.get("GPE:marhanets-ua")
    check(m is not None and isinstance(m[8], float) and abs(m[8] - 47.63) < 0.05
          and isinstance(m[9], float) and abs(m[9] - 34.62) < 0.05,
          f"workbook: Marhanets coordinates are numbers near 47.63, 34.62: {m}")
    arts = {r[0]: r for r in wb["articles"].iter_rows(min_row=2, values_only=True)}
    check("000123" in arts, "workbook: id 000123 keeps its zeros")
    check(arts.get("000123", [None] * 4)[3] == "=1+2", "workbook: title =1+2 is text")
    lo_csv = openpyxl.load_workbook(converted / "articles.xlsx").active
    titles = [r[3] for r in lo_csv.iter_rows(min_row=2, values_only=True)]
    check("'=1+2" in titles, f"LibreOffice CSV: title =1+2 shown as text '=1+2: {titles}")
    lo_par = openpyxl.load_workbook(converted / "paragraphs.xlsx").active
    rows = list(lo_par.iter_rows(min_row=2, values_only=True))
    check(any("Ukraine’s" in (r[8] or "") for r in rows), "LibreOffice CSV: Ukraine’s intact")
    long_rows = [r for r in rows if len(r[8] or "") == CELL_LIMIT]
    check(len(long_rows) == 1 and long_rows[0][9] in (True, "true", "TRUE", "=TRUE()"),
          "LibreOffice CSV: the long paragraph is cut at 32,767 and flagged")
    lo_ent = openpyxl.load_workbook(converted / "entities.xlsx").active
    m = [r for r in lo_ent.iter_rows(min_row=2, values_only=True) if r[0] == "GPE:marhanets-ua"]
    check(m and isinstance(m[0][8], float) and isinstance(m[0][9], float),
          f"LibreOffice CSV: Marhanets coordinates are numbers: {m}")
    print("LibreOffice workbook: sheets, typed cells, Marhanets, Ukraine’s, =1+2, 000123: checked",
          flush=True)


# (b) pandas and DuckDB ------------------------------------------------------

NUMERIC = {"paragraph", "char_start", "char_end", "n_chars", "n_paragraphs", "n_original",
           "n_duplicate", "n_mentions", "n_articles", "number", "latitude", "longitude"}


def check_dataframes(out, work):
    import duckdb
    import pandas as pd

    run = json.loads((out / "run.json").read_text())
    con = duckdb.connect()
    for t in TABLES:
        n = run["tables"][t]
        for kind in ["csv", "jsonl"]:
            path = out / f"{t}.{kind}"
            if kind == "csv":
                df = pd.read_csv(path, keep_default_na=False, na_values=[""])
                rel = con.sql(f"select * from read_csv('{path}', header=true, all_varchar=false)")
            else:
                df = pd.read_json(path, lines=True, dtype=False) if n else None
                rel = con.sql(f"select * from read_json('{path}', format='newline_delimited')") if n else None
            if df is not None:
                check(len(df) == n, f"pandas {t}.{kind}: {len(df)} rows, run.json {n}")
                if kind == "csv":
                    check(df.columns[0] in ("article_id", "entity_id", "path"),
                          f"pandas {t}.csv first column {df.columns[0]!r} (BOM must be invisible)")
                for col in NUMERIC & set(df.columns):
                    if df[col].notna().any():
                        check(pd.api.types.is_numeric_dtype(df[col]),
                              f"pandas {t}.{kind}.{col} is {df[col].dtype}, not numeric")
            if rel is not None:
                rows = rel.fetchall()
                check(len(rows) == n, f"DuckDB {t}.{kind}: {len(rows)} rows, run.json {n}")
                cols = rel.columns
                if kind == "csv":
                    check(cols[0] in ("article_id", "entity_id", "path"),
                          f"DuckDB {t}.csv first column {cols[0]!r}")
                types = dict(zip(cols, map(str, rel.types)))
                for col in NUMERIC & set(cols):
                    if any(r[cols.index(col)] is not None for r in rows):
                        check(types[col] in ("BIGINT", "INTEGER", "DOUBLE", "SMALLINT", "TINYINT",
                                             "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT", "FLOAT",
                                             "HUGEINT"),
                              f"DuckDB {t}.{kind}.{col} is {types[col]}")
    print(f"pandas and DuckDB: {len(TABLES)} tables × CSV + JSONL loaded, counts and types checked",
          flush=True)


# (c) Chromium ---------------------------------------------------------------

def chromium(browser, url, work, extra):
    profile = tempfile.mkdtemp(dir=work)
    cmd = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
           "--enable-logging=stderr", "--v=0", *extra, url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def console_errors(stderr):
    return [line for line in stderr.splitlines()
            if "CONSOLE" in line or "Uncaught" in line]


def png_pixels(path):
    """(width, height, rows of RGB(A) bytes) of an 8-bit PNG."""
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            bpp = {2: 3, 6: 4}[color]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def check_chromium(browser, out, work, screenshot):
    bad = work / "console-error.html"
    bad.write_text("<!DOCTYPE html><title>x</title><script>console.error('planted error')</script>")
    r = chromium(browser, bad.as_uri(), work, ["--dump-dom"])
    check(any("planted error" in e for e in console_errors(r.stderr)),
          "Chromium: a planted console.error is detected (else this check could not fail)")

    report = (out / "report.html").resolve()
    r = chromium(browser, report.as_uri(), work, ["--dump-dom"])
    dom = r.stdout
    errors = console_errors(r.stderr)
    check(not errors, f"Chromium: console errors in report.html: {errors[:3]}")
    check('<svg id="map"' in dom and 'data-entity="GPE:marhanets-ua"' in dom,
          "Chromium DOM: the map has Marhanets")
    check('<svg id="timeline"' in dom and 'data-fatalities="9"' in dom,
          "Chromium DOM: the timeline has the 9 fatalities")
    check('id="duplicate-share"' in dom and "<b>5</b> of <b>" in dom,
          "Chromium DOM: the duplicate share is shown")
    check("http://" not in dom.replace("http://evil.example", "").replace('http://www.w3.org', ''),
          "report.html references nothing on the network")

    shot = work / "report.png"
    chromium(browser, report.as_uri(), work,
             ["--window-size=1200,2200", f"--screenshot={shot}"])
    check(shot.is_file(), "Chromium: screenshot taken")
    if shot.is_file():
        w, h, bpp, rows = png_pixels(shot)
        red = sum(1 for row in rows for i in range(0, len(row), bpp)
                  if row[i] > 150 and row[i + 1] < 90 and row[i + 2] < 90)
        blue = sum(1 for row in rows for i in range(0, len(row), bpp)
                   if row[i] < 110 and 90 < row[i + 1] < 150 and row[i + 2] > 150)
        check(red > 500 and blue > 500,
              f"Chromium screenshot {w}x{h}: {red} red (map, fatalities) and {blue} blue pixels")
        print(f"Chromium: report.html rendered, no console errors; screenshot {w}x{h}, "
              f"{red} red and {blue} blue pixels", flush=True)
        if screenshot:
            shutil.copy(shot, screenshot)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--screenshot", help="keep the report's screenshot here")
    args = ap.parse_args()
    soffice = need_program("soffice", "libreoffice-calc-nogui")
    browser = need_program("chromium", "chromium")
    need_modules()
    if not BIN.is_file():
        sys.exit(f"check-clients: {BIN} missing; run `make build` first")

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        out = work / "out"
        r = subprocess.run([str(BIN), "run", str(SEED), str(NASTY), "--out", str(out)],
                           capture_output=True, text=True)
        if r.returncode not in (0, 1):
            sys.exit(f"newsrake run failed: {r.stderr}")
        # Plain files (the published names are links), as a user would copy them.
        (work / "csv").mkdir()
        for t in TABLES:
            shutil.copy(out / f"{t}.csv", work / "csv" / f"{t}.csv")
        check_libreoffice(soffice, out, work)
        check_dataframes(out, work)
        check_chromium(browser, out, work, args.screenshot)

    if failures:
        print(f"check-clients: {len(failures)} failure(s)")
        sys.exit(1)
    print("check-clients: all passed")


if __name__ == "__main__":
    main()
