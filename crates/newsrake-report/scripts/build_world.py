#!/usr/bin/env python3
"""Build data/land-110m.path: Natural Earth's 1:110m land outline as one SVG
path in an equirectangular projection (x = longitude + 180, y = 90 - latitude,
so the world is a 360 x 180 box), rounded to 0.1 degree.

Source: the npm package world-atlas 2.0.2 (land-110m.json, TopoJSON of Natural
Earth 4.1.0; Natural Earth is public domain, world-atlas is ISC-licensed by
Michael Bostock). Run `make data` or:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 crates/newsrake-report/scripts/build_world.py package/land-110m.json
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "land-110m.path")


def fetch():
    tmp = tempfile.mkdtemp()
    subprocess.run(["npm", "pack", "world-atlas@2.0.2"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["tar", "xzf", "world-atlas-2.0.2.tgz"], cwd=tmp, check=True)
    return os.path.join(tmp, "package", "land-110m.json")


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_points(ring, arcs):
    pts = []
    for i in ring:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else fetch()
    topo = json.load(open(src))
    arcs = decode_arcs(topo)
    parts = []
    for geom in topo["objects"]["land"]["geometries"]:
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for poly in polys:
            for ring in poly:
                pts = ring_points(ring, arcs)
                out = []
                last = None
                for lon, lat in pts:
                    p = (round(lon + 180, 1), round(90 - lat, 1))
                    if p != last:
                        out.append(p)
                        last = p
                if len(out) < 3:
                    continue
                fmt = lambda v: ("%.1f" % v).rstrip("0").rstrip(".")
                # A ring crossing the antimeridian jumps from one side of the
                # map to the other: start a new subpath there instead of
                # drawing a line across the world.
                d = "M"
                for k, (x, y) in enumerate(out):
                    if k and abs(x - out[k - 1][0]) > 180:
                        d += "M"
                    elif k:
                        d += "L"
                    d += f"{fmt(x)} {fmt(y)}"
                parts.append(d + "Z")
    with open(OUT, "w") as f:
        f.write("".join(parts) + "\n")
    print(f"{OUT}: {len(parts)} rings, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
