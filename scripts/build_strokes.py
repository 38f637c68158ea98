"""Build src/lvzhi/text/data/strokes.txt from Unihan's kTotalStrokes (names sorted by 笔画).

    python scripts/build_strokes.py /usr/share/unicode/Unihan_IRGSources.txt.bz2

(Debian's `unicode-data` package ships that file.) Only the BMP ideographs are kept (the
URO and Extension A: every character a register of names uses); where Unihan gives two
counts, the first is the count for the form used in China (its G source).
"""

import bz2
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/lvzhi/text/data/strokes.txt"
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


if __name__ == "__main__":
    main(sys.argv[1])
