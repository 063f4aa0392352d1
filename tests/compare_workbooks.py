#!/usr/bin/env python3
"""Compare two newsrake workbooks as a spreadsheet user sees them.

    python3 tests/compare_workbooks.py OLD.xlsx NEW.xlsx [OLD2 NEW2 ...]

For every pair, with openpyxl: the same sheets in the same order; in every
sheet every cell's value and Python type (numbers, booleans, text; empty
cells), the bold header row, the frozen pane, the autofilter range, the
column widths and the dimension. Small workbooks (under --full-mb, default
30 MB) are also loaded whole (openpyxl's normal mode) and compared through
its worksheet properties; big ones are streamed (read-only mode for the
cells, the sheet XML's <pane>, <autoFilter> and <col> for the rest). It also
says whether every inflated ZIP part is byte-identical (not required: the
check is on what a reader sees). Exit status 1 when a pair differs.

Installs openpyxl when missing.
"""
import argparse
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

try:
    import openpyxl
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                    "--disable-pip-version-check", "openpyxl"], check=True)
    import openpyxl

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def parts(path):
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist() if not i.is_dir()}


def sheet_xml_props(path):
    """Per sheet part (in workbook order): pane, autofilter ref, cols."""
    out = []
    with zipfile.ZipFile(path) as z:
        names = sorted((n for n in z.namelist() if n.startswith("xl/worksheets/sheet")),
                       key=lambda n: int(n[len("xl/worksheets/sheet"):-len(".xml")]))
        for name in names:
            props = {"pane": None, "autofilter": None, "cols": [], "dimension": None}
            with z.open(name) as f:
                for _, el in ET.iterparse(f, events=("end",)):
                    tag = el.tag
                    if tag == NS + "pane":
                        props["pane"] = dict(el.attrib)
                    elif tag == NS + "autoFilter":
                        props["autofilter"] = el.get("ref")
                    elif tag == NS + "col":
                        props["cols"].append(dict(el.attrib))
                    elif tag == NS + "dimension":
                        props["dimension"] = el.get("ref")
                    elif tag == NS + "row":
                        el.clear()
            out.append(props)
    return out


def compare(old, new, full_mb):
    problems = []

    def bad(what):
        problems.append(what)
        if len(problems) <= 20:
            print(f"  DIFF {what}")

    po, pn = parts(old), parts(new)
    identical = po == pn
    print(f"{new}: ZIP parts {'byte-identical' if identical else 'differ'} "
          f"({len(pn)} parts)")
    if not identical:
        for name in sorted(set(po) | set(pn)):
            if po.get(name) != pn.get(name):
                print(f"  part differs: {name}")

    wo = openpyxl.load_workbook(old, read_only=True)
    wn = openpyxl.load_workbook(new, read_only=True)
    if wo.sheetnames != wn.sheetnames:
        bad(f"sheet names {wo.sheetnames} != {wn.sheetnames}")
    cells = 0
    for name in wo.sheetnames:
        if name not in wn.sheetnames:
            continue
        so, sn = wo[name], wn[name]
        if (so.max_row, so.max_column) != (sn.max_row, sn.max_column):
            bad(f"{name}: dimension {so.max_row}x{so.max_column} != {sn.max_row}x{sn.max_column}")
        rows_o = so.iter_rows()
        rows_n = sn.iter_rows()
        r = 0
        while True:
            ro = next(rows_o, None)
            rn = next(rows_n, None)
            if ro is None and rn is None:
                break
            r += 1
            if ro is None or rn is None:
                bad(f"{name}: row {r} only in {'new' if ro is None else 'old'}")
                break
            vo = [(c.value, type(c.value).__name__) for c in ro]
            vn = [(c.value, type(c.value).__name__) for c in rn]
            # Trailing empty cells are padding, not content.
            while vo and vo[-1][0] is None:
                vo.pop()
            while vn and vn[-1][0] is None:
                vn.pop()
            if vo != vn:
                bad(f"{name}: row {r}: {vo!r} != {vn!r}")
            cells += len(vn)
            if r == 1:
                bo = [getattr(c, "font", None) and c.font.b for c in ro]
                bn = [getattr(c, "font", None) and c.font.b for c in rn]
                if bo != bn or not all(bn):
                    bad(f"{name}: header bold {bo} != {bn}")
    wo.close()
    wn.close()

    xo, xn = sheet_xml_props(old), sheet_xml_props(new)
    if len(xo) != len(xn):
        bad(f"{len(xo)} sheet parts != {len(xn)}")
    for i, (so, sn) in enumerate(zip(xo, xn)):
        for key in so:
            if so[key] != sn[key]:
                bad(f"sheet{i + 1}.xml {key}: {so[key]} != {sn[key]}")

    size_mb = max(len(b) for b in (open(old, "rb").read(), open(new, "rb").read())) / 1e6
    if size_mb < full_mb:
        wo = openpyxl.load_workbook(old)
        wn = openpyxl.load_workbook(new)
        for name in wo.sheetnames:
            so, sn = wo[name], wn[name]
            if so.freeze_panes != sn.freeze_panes or sn.freeze_panes != "A2":
                bad(f"{name}: freeze panes {so.freeze_panes} != {sn.freeze_panes}")
            if so.auto_filter.ref != sn.auto_filter.ref or not sn.auto_filter.ref:
                bad(f"{name}: autofilter {so.auto_filter.ref} != {sn.auto_filter.ref}")
            wdo = {k: (d.min, d.max, d.width, d.customWidth) for k, d in so.column_dimensions.items()}
            wdn = {k: (d.min, d.max, d.width, d.customWidth) for k, d in sn.column_dimensions.items()}
            if wdo != wdn:
                bad(f"{name}: column widths {wdo} != {wdn}")
            if [c.font.b for c in so[1]] != [c.font.b for c in sn[1]]:
                bad(f"{name}: header fonts differ")
        mode = "whole + streamed"
    else:
        mode = "streamed"
    status = "same content" if not problems else f"{len(problems)} difference(s)"
    print(f"  {len(wn.sheetnames)} sheets, {cells} cells compared ({mode}): {status}")
    return not problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", help="OLD NEW pairs")
    ap.add_argument("--full-mb", type=float, default=30.0)
    args = ap.parse_args()
    if len(args.files) % 2:
        ap.error("give OLD NEW pairs")
    pairs = list(zip(args.files[::2], args.files[1::2]))
    ok = all([compare(o, n, args.full_mb) for o, n in pairs])
    print("all pairs: same content" if ok else "DIFFERENCES found")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
