#!/usr/bin/env python3
"""Build crates/newsrake-extract/data/common_words.txt: lower-case English words (from Debian's
`wamerican` word list, /usr/share/dict/american-english; `apt-get install wamerican`) that are ALSO
a place name in the gazetteer, a first name or a surname. The crate uses it to distrust a lone
capitalised token like "Reading", "Will" or "Independence" (sentence-initial or otherwise) unless
context supports the name reading. Run after build_gazetteer.py and build_names.py.
"""
import gzip, os
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
words = {w.strip() for w in open("/usr/share/dict/american-english", encoding="utf-8")}
lower = {w for w in words if w and w.islower() and w.isalpha()}
names = set()
for line in gzip.open(os.path.join(DATA, "gazetteer.tsv.gz"), "rt", encoding="utf-8"):
    p = line.rstrip("\n").split("\t")
    names.add(p[1].lower())
    for a in p[8].split("|"):
        if a: names.add(a.lower())
for fn in ("first_names.txt", "surnames.txt"):
    for line in open(os.path.join(DATA, fn)):
        if not line.startswith("#"): names.add(line.strip().lower())
common = sorted(n for n in names if n in lower)
open(os.path.join(DATA, "common_words.txt"), "w").write(
    "# lower-case English words (Debian wamerican) that are also gazetteer/first/surnames; built by scripts/build_common_words.py\n"
    + "\n".join(common) + "\n")
print(len(common))

# Also: every plain lower-case word of the list (gzip'd), used to tell an ordinary capitalised word
# ("Court", "Music") from an unknown name ("Zurbarán") when no lexicon knows the token.
import gzip as _gz
with _gz.GzipFile(os.path.join(DATA, "dict_words.txt.gz"), "wb", mtime=0, compresslevel=9) as f:
    f.write(("\n".join(sorted(lower)) + "\n").encode("utf-8"))
print("dict words", len(lower))
