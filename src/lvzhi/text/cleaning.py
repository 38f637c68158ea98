"""Cleaning text pasted from web pages and WeChat articles.

`clean_text(s)` turns a scraped page into the text an office would file:

* inline pinyin annotations such as ``政協(xié)`` or ``領（lǐng）`` are removed — only when the
  bracket holds one pinyin syllable right after a Chinese character, so "(次)", "(2024)",
  "(GDP)" and "（一）" stay;
* a character lost by a broken page (``?xùn)|`` — a "?" or "�" where the character was, its
  pinyin remnant and a closing bracket) is *flagged* and replaced by ``〓`` (the geta mark
  Chinese typesetting uses for a missing character); the remnant is kept in the report but
  never used to guess: in the seed article it reads "xùn" where the character was 东 (dōng);
* traditional characters become simplified (OpenCC ``t2s``), with a fix for the particle
  著 → 着 (``带著`` → ``带着``) that OpenCC leaves alone;
* full-width letters and digits become ASCII; punctuation follows one of two styles:
  ``"seed"`` (default — the convention of the simplified seed article: ASCII ``, ; : ? ! ( )``,
  Chinese ``。、“”‘’《》——``) or ``"cjk"`` (GB/T 15834: full-width ``，；：？！（）``
  next to Chinese characters);
* zero-width characters, a byte-order mark and lines holding only a stray ``|`` are removed;
  no-break and ideographic spaces become ordinary spaces.

Every change is reported as a `Change` with its offset in the *original* text, so the UI can
show what happened and the command line can print it.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

LOST_MARK = "〓"

# Kinds of change, in the order a report lists them.
LOST = "lost_character"
PINYIN = "pinyin"
TRADITIONAL = "traditional"
WIDTH = "width"
PUNCTUATION = "punctuation"
SPACE = "space"
ARTEFACT = "artefact"
KINDS = (LOST, PINYIN, TRADITIONAL, WIDTH, PUNCTUATION, SPACE, ARTEFACT)

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_PINYIN_CHARS = f"a-z{_TONED}"
# One syllable: optional initial, one final. Accepts a few impossible combinations, which is
# harmless: what matters is that "GDP", "2024", "ok" or "次" are not syllables.
_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van|üan|ai|ao|an|ei|en|er|ia|ie|in|"
    r"iu|ou|ua|uo|ui|un|ün|üe|ve|ue|a|o|e|i|u|ü|v|ng|n|m)"
)
_TONE_STRIP = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ", "aaaaeeeeiiiioooouuuuüüüünnnm")
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{_HAN}]")

_SCAN = re.compile(
    # a lost character: "?" or U+FFFD, a pinyin remnant, ")" and an optional stray "|"
    rf"(?P<lost>[?？\ufffd](?P<hint>[{_PINYIN_CHARS}]{{1,6}})[)）]\|?)"
    # an annotation right after a Han character: "(xié)" or "（xié）"
    rf"|(?<=[{_HAN}])(?P<ann>[(（](?P<syl>[{_PINYIN_CHARS}]{{1,6}})[)）])"
    # a line holding only a stray separator left by the page layout
    r"|(?P<stray>(?:(?<=\n)|^)[ \t]*[|¦][ \t]*(?=\n|$))"
    # a lone U+FFFD: a character the page lost without any hint
    r"|(?P<fffd>\ufffd)"
    r"|(?P<zw>[\u200b\u200c\u200d\u2060\ufeff])"
    r"|(?P<sp>[\u00a0\u3000\u2002\u2003\u2009])"
    r"|(?P<fw>[\uff01-\uff5e])"
)

# Full-width punctuation the seed writes as ASCII; the rest of U+FF01..FF5E are letters,
# digits and symbols, always made ASCII.
_SEED_ASCII_PUNCT = set("，；：？！（）")
_CJK_STYLE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}

# 著 is a particle (着) after these verbs and in these words; OpenCC t2s keeps 著 because
# 著 is also a simplified character (显著, 著名, 编著).
_ZHE_VERBS = set("随带帮跟看沿接朝向顺围绕盯忙想说听走等拿抱背坐站躺靠守握试冲含藏记指领牵")
_ZHE_NOT_BEFORE = set("名作称述录书者")
_ZHE_WORDS = {
    "著手": "着手",
    "著陆": "着陆",
    "执著": "执着",
    "著眼": "着眼",
    "著力": "着力",
    "著重": "着重",
    "著想": "着想",
    "著急": "着急",
    "著迷": "着迷",
    "著落": "着落",
    "著装": "着装",
    "沉著": "沉着",
    "衣著": "衣着",
    "穿著": "穿着",
    "著实": "着实",
    "意味著": "意味着",
}


@dataclass(frozen=True)
class Change:
    """One change: `offset` is where `before` starts in the original text."""

    kind: str
    offset: int
    before: str
    after: str
    note: str = ""

    @property
    def is_flag(self) -> bool:
        """A flag needs a person: the cleaner could not know the right text."""
        return self.kind == LOST


@dataclass
class CleanResult:
    text: str
    changes: list[Change] = field(default_factory=list)
    original: str = ""

    @property
    def flags(self) -> list[Change]:
        return [c for c in self.changes if c.is_flag]

    def counts(self) -> dict[str, int]:
        out = {kind: 0 for kind in KINDS}
        for c in self.changes:
            out[c.kind] += 1
        return {k: v for k, v in out.items() if v}

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both from 1, of an offset in the original text."""
        line = self.original.count("\n", 0, offset) + 1
        column = offset - (self.original.rfind("\n", 0, offset) + 1) + 1
        return line, column

    def report_lines(self, verbose: bool = False) -> list[str]:
        """A plain report for the command line (English; the UI renders `changes` itself)."""
        lines = []
        counts = self.counts()
        if not counts:
            return ["no changes"]
        lines.append(", ".join(f"{kind}: {n}" for kind, n in counts.items()))
        for c in self.changes:
            if c.is_flag or verbose:
                line, col = self.position(c.offset)
                context = self.original[max(0, c.offset - 8) : c.offset + len(c.before) + 8]
                prefix = "FLAG " if c.is_flag else ""
                lines.append(
                    f"{prefix}{line}:{col} {c.kind} {c.before!r} -> {c.after!r}"
                    + (f" ({c.note})" if c.note else "")
                    + (f" in {context!r}" if c.is_flag else "")
                )
        return lines


def is_pinyin_syllable(s: str) -> bool:
    return bool(_SYLLABLE.fullmatch(s.translate(_TONE_STRIP)))


def _has_tone(s: str) -> bool:
    return any(ch in _TONED for ch in s)


@lru_cache(maxsize=1)
def _opencc():
    from opencc import OpenCC

    return OpenCC("t2s")


def _first_pass(s: str, style: str) -> tuple[str, list[int], list[Change]]:
    """Annotations, lost characters, widths and spaces; returns text, origin map, changes."""
    # A bracketed toneless syllable ("(de)") is an annotation only in a text that carries
    # toned annotations elsewhere; otherwise "(a)" after a Chinese word is left alone.
    toned = sum(
        1
        for m in _SCAN.finditer(s)
        if m.group("ann") and _has_tone(m.group("syl")) and is_pinyin_syllable(m.group("syl"))
    )
    annotated = toned >= 2
    out: list[str] = []
    origin: list[int] = []
    changes: list[Change] = []
    pos = 0

    def keep(upto: int) -> None:
        out.append(s[pos:upto])
        origin.extend(range(pos, upto))

    for m in _SCAN.finditer(s):
        kind = m.lastgroup
        start, end, before = m.start(), m.end(), m.group()
        after = None
        if m.group("lost") is not None:
            hint = m.group("hint")
            if not is_pinyin_syllable(hint):
                continue
            after = LOST_MARK
            change = Change(
                LOST, start, before, after, f"character lost by the source; remnant {hint!r}"
            )
        elif m.group("ann") is not None:
            syl = m.group("syl")
            if not is_pinyin_syllable(syl) or not (_has_tone(syl) or annotated):
                continue
            after = ""
            change = Change(PINYIN, start, before, after)
        elif kind == "stray":
            after = ""
            change = Change(ARTEFACT, start, before, after, "stray separator line")
        elif kind == "fffd":
            after = LOST_MARK
            change = Change(LOST, start, before, after, "character lost by the source")
        elif kind == "zw":
            after = ""
            change = Change(SPACE, start, before, after, "zero-width character")
        elif kind == "sp":
            after = " "
            change = Change(SPACE, start, before, after)
        else:  # full-width form
            ch = before
            ascii_ch = chr(ord(ch) - 0xFEE0)
            if ch in _SEED_ASCII_PUNCT:
                if style == "cjk":
                    continue
                change = Change(PUNCTUATION, start, ch, ascii_ch)
            else:
                change = Change(WIDTH, start, ch, ascii_ch)
            after = ascii_ch
        keep(start)
        out.append(after)
        origin.extend([start] * len(after))
        changes.append(change)
        pos = end
    keep(len(s))
    return "".join(out), origin, changes


def _fix_zhe(text: str) -> str:
    for word, fixed in _ZHE_WORDS.items():
        text = text.replace(word, fixed)
    chars = list(text)
    for i, ch in enumerate(chars):
        if (
            ch == "著"
            and i > 0
            and chars[i - 1] in _ZHE_VERBS
            and (i + 1 == len(chars) or chars[i + 1] not in _ZHE_NOT_BEFORE)
        ):
            chars[i] = "着"
    return "".join(chars)


def _to_simplified(text: str, origin: list[int]) -> tuple[str, list[int], list[Change]]:
    converted = _fix_zhe(_opencc().convert(text))
    changes = []
    if len(converted) == len(text):
        for i, (a, b) in enumerate(zip(text, converted, strict=True)):
            if a != b:
                changes.append(Change(TRADITIONAL, origin[i], a, b))
        return converted, origin, changes
    # A phrase of a different length (rare in t2s): align the two texts.
    import difflib

    new_origin: list[int] = []
    matcher = difflib.SequenceMatcher(None, text, converted, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            new_origin.extend(origin[i1:i2])
            continue
        at = origin[i1] if i1 < len(origin) else (origin[-1] + 1 if origin else 0)
        changes.append(Change(TRADITIONAL, at, text[i1:i2], converted[j1:j2]))
        new_origin.extend([at] * (j2 - j1))
    return converted, new_origin, changes


def _cjk_punctuation(text: str, origin: list[int]) -> tuple[str, list[Change]]:
    """GB/T 15834: full-width , ; : ? ! ( ) when a Chinese character is on either side."""
    chars = list(text)
    changes = []
    for i, ch in enumerate(chars):
        if ch not in _CJK_STYLE:
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch in ",:" and prev.isdigit() and nxt.isdigit():
            continue  # 1,000 and 10:30
        if _HAN_RE.match(prev or " ") or _HAN_RE.match(nxt or " "):
            chars[i] = _CJK_STYLE[ch]
            changes.append(Change(PUNCTUATION, origin[i], ch, chars[i]))
    # a bracket pair is one unit: "(2024)" after a Chinese word is still a Chinese bracket
    return "".join(chars), changes


def clean_text(s: str, *, style: str = "seed") -> CleanResult:
    """Clean pasted text; see the module docstring. `style` is "seed" or "cjk"."""
    if style not in {"seed", "cjk"}:
        raise ValueError(f"unknown punctuation style {style!r}")
    s = s or ""
    text, origin, changes = _first_pass(s, style)
    text, origin, more = _to_simplified(text, origin)
    changes += more
    if style == "cjk":
        text, more = _cjk_punctuation(text, origin)
        changes += more
    changes.sort(key=lambda c: (c.offset, KINDS.index(c.kind)))
    return CleanResult(text=text, changes=changes, original=s)
