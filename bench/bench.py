#!/usr/bin/env python3
"""`make bench`: newsrake throughput on a synthetic corpus, with references.

1. Builds newsrake and newsrake-corpusgen (release).
2. Generates the corpora once under target/bench-data/ (reused when their
   .corpus.json exists): 250 MB and 1 GB of JSONL shards, seed 6. The
   generator is deterministic, so the 250 MB corpus is a prefix of the 1 GB one.
3. Measures, in one run, median of several repetitions each:
   - (a) `newsrake run --no-extract --no-workbook --no-report` = reading +
     dedup + articles/paragraphs tables, and (b) `newsrake run` = the full
     pipeline with extraction, report and `--workbook auto` (the defaults;
     one extra `--workbook always` run on the smaller corpus), each
     with --jobs 1 and --jobs 2; plus a no-change re-run of (b) (incremental);
   - (c) `sha256sum` over the same bytes (the hashing reference), and
     `openssl dgst -sha256` (SHA-NI) as a second one;
   - the Python cc_net-style baseline (bench/python_baseline.py), one core.
   Wall time, CPU time and peak RSS come from GNU time (`/usr/bin/time`).
4. Reports MB/s, articles/s, MB/s per core, peak RSS, --jobs 2 speed-up,
   250 MB vs 1 GB scaling and the dedup index's bytes per unique paragraph
   (from the real `Index`, filled with as many keys as the 1 GB run found).
5. Writes target/bench-results/latest.{json,md} and replaces the block
   between the bench-results markers in BENCHMARKS.md.

    python3 bench/bench.py                 # the full run (~10-15 min on 2 cores)
    python3 bench/bench.py --quick         # 20 MB + 80 MB, 1 rep: checks the driver
    python3 bench/bench.py --out-dir /dev/shm/nr-bench --block tmpfs   # tables on tmpfs: leaves the disk out
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "target"
NEWSRAKE = TARGET / "release" / "newsrake"
CORPUSGEN = TARGET / "release" / "newsrake-corpusgen"
MB = 1 << 20


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout


def timed(cmd, stdout=subprocess.DEVNULL, ok=(0,)):
    """Run cmd under GNU time; return wall/user/sys seconds and peak RSS."""
    tfile = TARGET / "bench-results" / "time.txt"
    full = ["/usr/bin/time", "-o", str(tfile), "-f", "%e %U %S %M"] + [str(c) for c in cmd]
    p = subprocess.run(full, stdout=stdout, stderr=subprocess.PIPE, text=True)
    if p.returncode not in ok:
        raise SystemExit(f"{' '.join(map(str, cmd))}: exit {p.returncode}\n{p.stderr}")
    last = tfile.read_text().strip().splitlines()[-1]
    wall, user, sys_, rss = last.split()
    return {
        "wall": float(wall),
        "user": float(user),
        "sys": float(sys_),
        "rss_mb": int(rss) / 1024,
    }


def machine():
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    commit = sh(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]).strip()
    dirty = sh(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"]).strip()
    return {
        "pgo": pgo_state(),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + (" (+ uncommitted changes)" if dirty else ""),
        "nproc": int(sh(["nproc"]).strip()),
        "cpu": cpu,
        "memory": mem,
        "kernel": platform.release(),
        "rustc": sh(["rustc", "--version"]).strip(),
        "python": platform.python_version(),
    }


def pgo_state():
    """How the binary was built: with the committed PGO profile (`make bench`
    passes it in RUSTFLAGS) or not, and whether the code changed since."""
    if "-Cprofile-use" not in os.environ.get("RUSTFLAGS", ""):
        return "plain release build (no PGO profile: run through `make bench`, or rustc's LLVM differs from pgo/profile.txt)"
    made = ""
    info = ROOT / "pgo" / "profile.txt"
    if info.exists():
        for line in info.read_text().splitlines():
            if line.startswith("commit: "):
                made = line.split(": ", 1)[1].strip()
    if not made:
        return "PGO build (profile of unknown commit)"
    changed = sh(["git", "-C", str(ROOT), "diff", "--name-only", made, "--", "crates", "Cargo.lock"]).split()
    # (tests, examples and benches do not go into the binary)
    changed = [f for f in changed if not any(p in f.split("/") for p in ("tests", "examples", "benches"))]
    state = "current" if not changed else f"{len(changed)} source files changed since"
    return f"PGO build (profile made at `{made[:7]}`; {state})"


def loadavg():
    return Path("/proc/loadavg").read_text().split()[:3]


def corpus(name, mb, seed):
    d = TARGET / "bench-data" / name
    stats = d / ".corpus.json"
    if stats.exists():
        s = json.loads(stats.read_text())
        if s.get("seed") == seed and s.get("bytes", 0) >= mb * MB:
            log(f"reusing {d} ({s['bytes'] / MB:.0f} MB)")
            return d, s
    log(f"generating {d} ({mb} MB)")
    t = time.perf_counter()
    sh([CORPUSGEN, "--mb", str(mb), "--seed", str(seed), "--out", d])
    log(f"  {time.perf_counter() - t:.1f} s")
    return d, json.loads(stats.read_text())


def shards(d):
    return sorted(d.glob("part-*.jsonl"))


def med(runs, key):
    return statistics.median(r[key] for r in runs)


def summarise(runs, nbytes, articles, jobs):
    wall = med(runs, "wall")
    cpu = statistics.median(r["user"] + r["sys"] for r in runs)
    mbs = nbytes / MB / max(wall, 0.01)
    return {
        "reps": len(runs),
        "wall_s": wall,
        "walls": [r["wall"] for r in runs],
        "cpu_s": cpu,
        "mb_s": mbs,
        "articles_s": articles / max(wall, 0.01) if articles else None,
        "mb_s_per_core": mbs / jobs,
        "mb_per_cpu_s": nbytes / MB / cpu if cpu else None,
        "rss_mb": max(r["rss_mb"] for r in runs),
    }


def bench_corpus(name, d, cstats, reps, py_reps, jobs_list, out_dir, workbook_always=False):
    files = shards(d)
    nbytes = sum(f.stat().st_size for f in files)
    log(f"{name}: {len(files)} shards, {nbytes / MB:.0f} MB; warming the page cache")
    for f in files:
        with open(f, "rb") as fh:
            while fh.read(1 << 24):
                pass
    raw = {}
    for j in jobs_list:
        raw[f"(a) newsrake --no-extract --jobs {j}"] = []
    for j in jobs_list:
        raw[f"(b) newsrake --jobs {j}"] = []
    raw["sha256sum"] = []
    raw["sha256sum, two processes (--jobs 2)"] = []
    raw["openssl dgst -sha256"] = []
    raw["no-change re-run (b) --jobs 2"] = []
    run_json = {}
    for rep in range(reps):
        # (a) is the tables alone: no workbook, no report. (b) is everything a
        # default run writes, workbook and report included.
        for path, extra in (("a", ["--no-extract", "--no-workbook", "--no-report"]), ("b", [])):
            for j in jobs_list:
                out = out_dir / f"{name}-{path}-j{j}"
                shutil.rmtree(out, ignore_errors=True)
                cmd = [NEWSRAKE, "run", d, "--out", out, "--jobs", str(j), "--quiet"] + extra
                r = timed(cmd)
                label = f"({path}) newsrake {'--no-extract ' if extra else ''}--jobs {j}"
                raw[label].append(r)
                run_json[f"{path}{j}"] = json.loads((out / "run.json").read_text())
                log(f"  rep {rep + 1}/{reps} {label}: {r['wall']:.2f} s, {r['rss_mb']:.0f} MB RSS")
                if path == "b" and j == jobs_list[-1] and rep == 0:
                    # Nightly re-run over unchanged inputs: nothing read, nothing rewritten.
                    rr = timed(cmd)
                    raw["no-change re-run (b) --jobs 2"].append(rr)
                    mode = json.loads((out / "run.json").read_text())["run"]["mode"]
                    log(f"  no-change re-run: {rr['wall']:.2f} s (mode {mode})")
                shutil.rmtree(out, ignore_errors=True)  # 3x the input: do not keep it
        r = timed(["sha256sum"] + files)
        raw["sha256sum"].append(r)
        # What two cores give this machine at the moment: the same bytes
        # hashed by two independent processes, half the shards each (the
        # reference for newsrake's --jobs 2 speed-up; on a VM whose two
        # vCPUs share a physical core it stays far below 2x).
        half = (len(files) + 1) // 2
        two = (f"sha256sum {' '.join(map(str, files[:half]))} >/dev/null & "
               f"sha256sum {' '.join(map(str, files[half:]))} >/dev/null; wait")
        r3 = timed(["bash", "-c", two])
        raw["sha256sum, two processes (--jobs 2)"].append(r3)
        r2 = timed(["openssl", "dgst", "-sha256"] + files)
        raw["openssl dgst -sha256"].append(r2)
        log(f"  rep {rep + 1}/{reps} sha256sum {r['wall']:.2f} s (two processes {r3['wall']:.2f} s), "
            f"openssl {r2['wall']:.2f} s")
    if workbook_always:
        # What the workbook costs where `--workbook auto` leaves it out.
        j = jobs_list[-1]
        out = out_dir / f"{name}-b-wb-j{j}"
        shutil.rmtree(out, ignore_errors=True)
        label = f"(b) newsrake --workbook always --jobs {j}"
        r = timed([NEWSRAKE, "run", d, "--out", out, "--jobs", str(j), "--quiet", "--workbook", "always"])
        raw[label] = [r]
        log(f"  {label}: {r['wall']:.2f} s, {r['rss_mb']:.0f} MB RSS")
        shutil.rmtree(out, ignore_errors=True)
    py = []
    py_out = None
    for rep in range(py_reps):
        tfile = TARGET / "bench-results" / "py.json"
        with open(tfile, "w") as fh:
            r = timed([sys.executable, ROOT / "bench" / "python_baseline.py"] + files, stdout=fh)
        py.append(r)
        py_out = json.loads(tfile.read_text())
        log(f"  rep {rep + 1}/{py_reps} python baseline: {r['wall']:.1f} s")
    if py:
        raw["python baseline (1 core)"] = py

    rj = run_json[f"a{jobs_list[0]}"]
    articles = rj["articles"]
    rows = {}
    for label, runs in raw.items():
        jobs = 1
        m = re.search(r"--jobs (\d+)", label)
        if m:
            jobs = int(m.group(1))
        arts = articles if ("newsrake" in label or "python" in label or "re-run" in label) else None
        rows[label] = summarise(runs, nbytes, arts, jobs)
    return {
        "name": name,
        "bytes": nbytes,
        "shards": len(files),
        "corpus": cstats,
        "run_json": {str(j): v for j, v in run_json.items()},
        "python": py_out,
        "rows": rows,
    }


SPEED = TARGET / "release" / "examples" / "speed"


def extraction_alone(d, reps, mib=8):
    """Extraction without the pipeline: the `speed` example of newsrake-extract
    (`extract_with_facts`, the pipeline's call: entities, then quotes, counts
    and events on the same tokens; one thread, lexicons loaded first, no
    reading, dedup or tables) over the first `mib` MiB of the corpus's article text, one
    paragraph a line. Returns medians in MB/s (2^20 bytes) per core."""
    text = TARGET / "bench-data" / f"extract-{mib}mb.txt"
    if not text.exists():
        out, size = [], 0
        with open(shards(d)[0], encoding="utf-8") as f:
            for line in f:
                for para in json.loads(line)["text"].split("\n"):
                    if para.strip():
                        out.append(para)
                        size += len(para.encode()) + 1
                if size >= mib * MB:
                    break
        text.write_text("\n".join(out) + "\n", encoding="utf-8")
    runs = []
    for _ in range(reps):
        line = sh([SPEED, text]).strip()
        m = re.search(r"([\d.]+) MB: extract ([\d.]+) MB/s, facts ([\d.]+) MB/s, both ([\d.]+) MB/s", line)
        if not m:
            raise SystemExit(f"unexpected speed output: {line}")
        runs.append([float(x) * 1e6 / MB for x in m.groups()])
    mid = lambda i: statistics.median(r[i] for r in runs)
    return {"mb": mid(0), "extract": mid(1), "facts": mid(2), "both": mid(3), "reps": reps,
            "bytes": text.stat().st_size}


def index_bytes(unique):
    out = json.loads(sh([CORPUSGEN, "--index-bytes", str(unique)]))
    # What the old index, std HashMap<[u8; 32], Location>, would hold: a
    # power-of-two bucket count at load <= 7/8, 48-byte entries + 1 control
    # byte each (hashbrown layout).
    buckets = 1
    while buckets * 7 // 8 < unique:
        buckets *= 2
    old = buckets * (48 + 1) + 16
    out["hashmap_bytes"] = old
    out["hashmap_bytes_per_key"] = round(old / max(unique, 1), 1)
    return out


def fmt(x, nd=1):
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:,.{nd}f}"
    return f"{x:,}"


def markdown(res):
    m = res["machine"]
    lines = [
        f"Measured {m['date']} at commit `{m['commit']}` on {m['nproc']} × {m['cpu']}, "
        f"{m['memory']} RAM, Linux {m['kernel']}, {m['rustc']}, Python {m['python']}; {m['pgo']}. "
        f"Load average before/after: {' '.join(res['load_before'])} / {' '.join(res['load_after'])} "
        f"(the machine is shared: expect noise).",
        "",
        "Path (a) = `newsrake run --no-extract` on JSONL shards: reading + decoding + paragraph split + "
        "normalise + SHA-256 + dedup + `articles`/`paragraphs`/`diagnostics` tables (CSV + JSONL) "
        f"+ fsync + atomic publication (tables written to `{res['out_dir']}`). "
        "Path (b) = plain `newsrake run`: the same plus extraction (mentions, entities, roles, quotes, "
        "counts, events) and their tables. The no-change re-run repeats (b) --jobs 2 on the same output "
        "directory with unchanged inputs (incremental: nothing read, tables untouched). "
        "Medians over the repetitions; MB = 2^20 bytes of input; per core = MB/s ÷ threads; "
        "MB per CPU·s = input MB ÷ (user + sys seconds); RSS = the largest peak RSS over the repetitions.",
        "",
    ]
    for c in res["corpora"]:
        rj = c["run_json"]["a1"]
        lines += [
            f"### {c['name']}: {c['bytes'] / MB:,.0f} MB, {c['shards']} shards, "
            f"{rj['articles']:,} articles, {rj['paragraphs']:,} paragraphs "
            f"({rj['paragraphs_duplicate'] / rj['paragraphs']:.1%} duplicates), "
            f"{rj['unique_keys']:,} unique keys",
            "",
            f"Workbook in (b) (`--workbook auto`): {c['run_json']['b1'].get('workbook', '?')}.",
            "",
            "| path | reps | wall s (median) | MB/s | articles/s | MB/s per core | MB per CPU·s | peak RSS MB |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for label, r in c["rows"].items():
            name = f"{label[:3]} `{label[4:]}`" if label.startswith("(") else (
                f"(c) `{label}`" if "sha" in label else label)
            lines.append(
                f"| {name} | {r['reps']} | {fmt(r['wall_s'], 2)} | {fmt(r['mb_s'])} | "
                f"{fmt(r['articles_s'], 0)} | {fmt(r['mb_s_per_core'])} | "
                f"{fmt(r['mb_per_cpu_s'])} | {fmt(r['rss_mb'], 0)} |"
            )
        if c.get("python"):
            p = c["python"]
            lines.append("")
            lines.append(
                f"Python baseline found {p['duplicates']:,} duplicates / {p['unique_keys']:,} unique keys "
                f"(newsrake: {rj['paragraphs_duplicate']:,} / {rj['unique_keys']:,})."
            )
        lines.append("")
    s = res["summary"]
    lines += ["### Summary", ""]
    for k, v in s.items():
        lines.append(f"- {k}: {v}")
    lines.append("")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="20 MB + 80 MB, 1 rep, no BENCHMARKS.md update")
    ap.add_argument("--reps", type=int, default=3, help="repetitions of each newsrake/sha run (default 3)")
    ap.add_argument("--py-reps-small", type=int, default=3, help="Python runs on the small corpus")
    ap.add_argument("--py-reps-large", type=int, default=1, help="Python runs on the large corpus")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--block", default="",
                    help="BENCHMARKS.md block to replace: bench-results[-BLOCK] (e.g. tmpfs)")
    ap.add_argument("--out-dir", type=Path, default=TARGET / "bench-out",
                    help="where newsrake writes its tables (default target/bench-out; "
                         "e.g. /dev/shm/newsrake-bench to leave the disk out)")
    args = ap.parse_args()

    if args.quick:
        sizes = [("20mb", 20), ("80mb", 80)]
        args.reps, args.py_reps_small, args.py_reps_large = 1, 1, 1
    else:
        sizes = [("250mb", 250), ("1gb", 1024)]
    (TARGET / "bench-results").mkdir(parents=True, exist_ok=True)
    if not Path("/usr/bin/time").exists():
        raise SystemExit("GNU time missing: apt-get install time")
    if not args.no_build:
        log("cargo build --release")
        subprocess.run(["cargo", "build", "--release", "--locked", "-p", "newsrake", "-p", "newsrake-corpusgen"],
                       cwd=ROOT, check=True)
        subprocess.run(["cargo", "build", "--release", "--locked", "-p", "newsrake-extract", "--example", "speed"],
                       cwd=ROOT, check=True)
    started = time.perf_counter()
    res = {"machine": machine(), "load_before": loadavg(), "corpora": [], "out_dir": str(args.out_dir)}
    data = [corpus(name, mb, 6) for name, mb in sizes]
    for (name, mb), (d, cstats) in zip(sizes, data):
        py_reps = args.py_reps_small if mb == sizes[0][1] else args.py_reps_large
        res["corpora"].append(bench_corpus(name, d, cstats, args.reps, py_reps, [1, 2], args.out_dir,
                                           workbook_always=(mb == sizes[0][1])))
    log("extraction alone (speed example)")
    res["extraction"] = extraction_alone(data[0][0], args.reps)
    res["load_after"] = loadavg()

    small, large = res["corpora"]
    uniq = int(large["run_json"]["a1"]["unique_keys"])
    idx = index_bytes(uniq)
    res["index"] = idx
    summary = {}
    for c in res["corpora"]:
        for path, flag in (("a", "--no-extract "), ("b", "")):
            j1 = c["rows"][f"({path}) newsrake {flag}--jobs 1"]["wall_s"]
            j2 = c["rows"][f"({path}) newsrake {flag}--jobs 2"]["wall_s"]
            summary[f"{c['name']}: ({path}) --jobs 2 speed-up over --jobs 1"] = f"{j1 / j2:.2f}×"
        s1 = c["rows"]["sha256sum"]["wall_s"]
        s2 = c["rows"]["sha256sum, two processes (--jobs 2)"]["wall_s"]
        summary[f"{c['name']}: the machine's own two-core speed-up (sha256sum, two processes vs one)"] = (
            f"{s1 / s2:.2f}×"
        )
        full = c["rows"]["(b) newsrake --jobs 2"]["wall_s"]
        rerun = c["rows"]["no-change re-run (b) --jobs 2"]["wall_s"]
        summary[f"{c['name']}: no-change re-run / full run ((b) --jobs 2)"] = (
            f"{rerun:.2f} s / {full:.2f} s = {rerun / full:.1%}"
        )
    for path, flag in (("a", "--no-extract "), ("b", "")):
        for j in (1, 2):
            ts = small["rows"][f"({path}) newsrake {flag}--jobs {j}"]["wall_s"]
            tl = large["rows"][f"({path}) newsrake {flag}--jobs {j}"]["wall_s"]
            ratio = large["bytes"] / small["bytes"]
            summary[f"scaling ({path}) --jobs {j}: time({large['name']}) / ({ratio:.2f} × time({small['name']}))"] = (
                f"{tl / (ratio * ts):.2f} (time({large['name']}) / 4×time({small['name']}) = {tl / (4 * ts):.2f}; "
                f"1.00 = linear)"
            )
    sha = large["rows"]["sha256sum"]["mb_s"]
    nr = large["rows"]["(a) newsrake --no-extract --jobs 1"]["mb_s"]
    summary[f"{large['name']}: (a) --jobs 1 vs sha256sum"] = f"{nr / sha:.2f}× sha256sum's MB/s"
    if "python baseline (1 core)" in large["rows"]:
        py = large["rows"]["python baseline (1 core)"]["mb_s"]
        summary[f"{large['name']}: (a) --jobs 1 vs Python baseline"] = f"{nr / py:.1f}× faster"
    fb = large["rows"]["(b) newsrake --jobs 1"]
    summary[f"{large['name']}: full pipeline (b), one thread"] = (
        f"{fb['mb_s']:.1f} MB/s per core ({fb['mb_per_cpu_s']:.1f} MB per CPU·s); spaCy sm NER alone: ~0.04 MB/s"
    )
    x = res["extraction"]
    summary["extraction alone, one core (`speed` example: `extract_with_facts`, the pipeline's call, over "
            f"{x['bytes'] / MB:.1f} MB of {small['name']}'s article text, lexicons loaded first, median of {x['reps']})"] = (
        f"{x['both']:.1f} MB/s per core (entities {x['extract']:.1f}, facts {x['facts']:.1f}); "
        "spaCy sm NER alone: ~0.04 MB/s"
    )
    summary["dedup index bytes per unique paragraph"] = (
        f"{idx['bytes_per_key']} ({idx['heap_bytes'] / MB:.1f} MB for {uniq:,} keys, measured on a real "
        f"`Index`); the previous `HashMap<[u8; 32], Location>` would need ≈ {idx['hashmap_bytes_per_key']} "
        f"({idx['hashmap_bytes'] / MB:.1f} MB)"
    )
    summary["benchmark wall time"] = f"{(time.perf_counter() - started) / 60:.1f} min (excluding the build)"
    res["summary"] = summary

    out_dir = TARGET / "bench-results"
    (out_dir / "latest.json").write_text(json.dumps(res, indent=2) + "\n")
    md = markdown(res)
    (out_dir / "latest.md").write_text(md)
    print(md)
    if not args.quick:
        tag = "bench-results" + (f"-{args.block}" if args.block else "")
        BEGIN, END = f"<!-- {tag}:begin -->", f"<!-- {tag}:end -->"
        bm = ROOT / "BENCHMARKS.md"
        text = bm.read_text() if bm.exists() else "# Benchmarks\n\n"
        block = f"{BEGIN}\n{md}\n{END}"
        if BEGIN in text and END in text:
            text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END):]
        else:
            text = text.rstrip("\n") + "\n\n" + block + "\n"
        bm.write_text(text)
        log("BENCHMARKS.md updated")


if __name__ == "__main__":
    main()
