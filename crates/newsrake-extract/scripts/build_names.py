#!/usr/bin/env python3
"""Build crates/newsrake-extract/data/first_names.txt and surnames.txt from the PyPI package
`names` 0.3.0 (MIT), which ships the US Census Bureau 1990 name frequency files (public domain).
Curated international first names (data/first_names_intl.txt, hand-written) are merged in at
run time by the crate, not here.

Run once: python3 scripts/build_names.py
"""
import glob, os, subprocess, sys, tarfile, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
N_SURNAMES = 20000

def main():
    tmp = tempfile.mkdtemp()
    subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                           "-q", "-d", tmp, "names==0.3.0"])
    tarfile.open(glob.glob(os.path.join(tmp, "names-*.tar.gz"))[0]).extractall(tmp)
    src = glob.glob(os.path.join(tmp, "names-*", "names"))[0]
    def read(fn, n=None):
        out = []
        for line in open(os.path.join(src, fn)):
            p = line.split()
            if p:
                out.append(p[0].capitalize())
        return out[:n] if n else out
    first = sorted(set(read("dist.male.first") + read("dist.female.first")))
    last = read("dist.all.last", N_SURNAMES)
    open(os.path.join(DATA, "first_names.txt"), "w").write(
        "# US Census 1990 first names (public domain), via PyPI `names` 0.3.0\n" + "\n".join(first) + "\n")
    open(os.path.join(DATA, "surnames.txt"), "w").write(
        "# US Census 1990 top %d surnames by frequency (public domain), via PyPI `names` 0.3.0\n" % N_SURNAMES
        + "\n".join(last) + "\n")
    print(len(first), len(last))

if __name__ == "__main__":
    main()
