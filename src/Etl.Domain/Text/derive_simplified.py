"""Derives simplified_variants.tsv (traditional character -> simplified character) from the Unicode Han
database: the kSimplifiedVariant field of Unihan_Variants.txt (Debian package unicode-data). Only
characters of the Basic Multilingual Plane with one unambiguous simplified form are kept; a character
whose simplified variants include itself (乾, 著) is left as it is. Run:  python3 derive_simplified.py
"""
import bz2
import re

SOURCE = "/usr/share/unicode/Unihan_Variants.txt.bz2"
pairs = {}
version = ""
with bz2.open(SOURCE, "rt", encoding="utf-8") as f:
    for line in f:
        if line.startswith("# Unicode version"):
            version = line.split(":", 1)[1].strip()
        m = re.match(r"U\+([0-9A-F]+)\tkSimplifiedVariant\t(.+)", line)
        if not m:
            continue
        source = int(m.group(1), 16)
        targets = [int(t[2:], 16) for t in m.group(2).split()]
        if source > 0xFFFF or source in targets:
            continue
        bmp = [t for t in targets if t <= 0xFFFF]
        if not bmp:
            continue
        pairs[source] = bmp[0]

with open("simplified_variants.tsv", "w", encoding="utf-8", newline="\n") as out:
    out.write(f"# traditional\tsimplified; from Unihan kSimplifiedVariant (Unicode {version}); see derive_simplified.py\n")
    for s in sorted(pairs):
        out.write(f"{chr(s)}\t{chr(pairs[s])}\n")
print(len(pairs), "pairs")
