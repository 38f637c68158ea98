"""Sort keys of Chinese personal names: 姓氏笔画 (the CPPCC convention) and pinyin.

    stroke_key("王林") < stroke_key("李明")     # 王 has 4 strokes, 李 7
    pinyin_key("曾涛")                           # "zeng tao": 曾 read as a surname

A name is ordered by its surname's stroke count, then its other characters' counts, one
character after another; characters with the same count go by their first stroke (起笔:
横 竖 撇 点 折, as 姓氏笔画 lists do: 王 before 毛 before 方 before 孔), then by code point
(Unihan's radical order), which also keeps one surname together. The counts are Unihan's
kTotalStrokes (data/strokes.txt), the first strokes from a stroke-order table
(data/first_strokes.txt), both built by scripts/build_strokes.py. Keys are plain strings,
so they are stored beside the name and sorted by the database.
"""

from functools import lru_cache
from pathlib import Path

from pypinyin import Style, lazy_pinyin

STROKES_FILE = Path(__file__).parent / "data" / "strokes.txt"
FIRST_STROKES_FILE = Path(__file__).parent / "data" / "first_strokes.txt"
#: after every Han character: Latin letters and anything without a count
UNKNOWN = 99
#: after the five strokes: a character whose first stroke the table lacks (Extension A)
UNKNOWN_FIRST = 6
#: surnames whose reading differs from the character's most common one (多音字)
SURNAME_READINGS = {
    "单": "shan",
    "曾": "zeng",
    "区": "ou",
    "仇": "qiu",
    "解": "xie",
    "查": "zha",
    "朴": "piao",
    "盖": "ge",
    "缪": "miao",
    "覃": "qin",
    "翟": "zhai",
    "乐": "yue",
    "种": "chong",
    "秘": "bi",
    "尉": "yu",
    "长": "chang",
    "万": "wan",
    "沈": "shen",
    "繁": "po",
    "能": "nai",
    "召": "shao",
    "员": "yun",
}


def _table(path) -> dict[str, int]:
    """{character: number} of a data file of lines "number<TAB>characters"."""
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            number, chars = line.split("\t")
            for char in chars:
                table[char] = int(number)
    return table


@lru_cache(maxsize=1)
def _strokes() -> dict[str, int]:
    return _table(STROKES_FILE)


@lru_cache(maxsize=1)
def _first_strokes() -> dict[str, int]:
    return _table(FIRST_STROKES_FILE)


def strokes(char: str) -> int:
    """The stroke count of one character (UNKNOWN when it is not a known ideograph)."""
    return _strokes().get(char, UNKNOWN)


def first_stroke(char: str) -> int:
    """The first stroke of one character: 1 横, 2 竖, 3 撇, 4 点, 5 折 (else UNKNOWN_FIRST)."""
    return _first_strokes().get(char, UNKNOWN_FIRST)


def stroke_key(name: str) -> str:
    """Each character as two digits of strokes, its first stroke and its code point: sorts
    by 姓氏笔画."""
    name = (name or "").strip()
    return "".join(f"{strokes(c):02d}{first_stroke(c)}{ord(c):05x}" for c in name)


def syllables(name: str) -> list[str]:
    """The name's pinyin, one item per character (non-Han runs kept as they are)."""
    name = (name or "").strip()
    if not name:
        return []
    first = SURNAME_READINGS.get(name[0])
    rest = lazy_pinyin(name[1:] if first else name, errors="default")
    return [first, *rest] if first else rest


def pinyin_key(name: str) -> str:
    """ "zeng tao": the syllables in lower case, a space apart (so li < lin < liu)."""
    return " ".join(s.lower() for s in syllables(name))


def initials(text: str) -> str:
    """The first letters of the pinyin, e.g. "lsg" for 黎胜国 (searching by initials)."""
    text = (text or "").strip()
    if not text:
        return ""
    first = SURNAME_READINGS.get(text[0])
    letters = lazy_pinyin(text[1:] if first else text, style=Style.FIRST_LETTER)
    return ((first[0] if first else "") + "".join(letters)).lower()
