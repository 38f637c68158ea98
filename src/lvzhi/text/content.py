"""What a proposal says, apart from how official writing says it (查重's view of a text).

`content_sentences` drops the set phrasing: sentences matching the curated 公文套话 patterns
(text/data/boilerplate.txt, editable) and sentences the committee's own records repeat
(learned: `CorpusStats.sentence_df`). `content_words` reduces what is left to the words that
carry it — jieba's words, figures normalised through the amounts parser (80% = 八成 =
百分之八十, 130万亩 = 一百三十万亩), synonyms folded onto one word — weighed by jieba's
shipped IDF table (`weights.prior_idf`).
"""

import hashlib
import re
import threading
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from lvzhi.text import datafiles
from lvzhi.text.tokenize import _jieba, normalize_long

BOILERPLATE = Path(__file__).parent / "data" / "boilerplate.txt"

_SENTENCE = re.compile(r"[^。！？；;!?:：\n]+")
_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|"
    r"第[一二三四五六七八九十]+[，,、]|其[一二三四五六七八九十]+[，,、]|"
    r"[一二三四五六七八九十]+、)"
)
_KEEP = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff]")
_CN = "零〇一二两三四五六七八九十百千"
_PERCENT = re.compile(r"百分之([" + _CN + r"点\d.]+)")
_TENTHS = re.compile(r"(?<![" + _CN + r"])([一二两三四五六七八九])成(半)?")
_FRACTION = re.compile(r"([二三四五六七八九十])分之([一二三四五六七八九])")

_lock = threading.Lock()
_patterns: tuple[tuple, re.Pattern] | None = None


def patterns() -> re.Pattern:
    """The curated set-phrase patterns as one expression, re-read when the file changes
    (`datafiles.version`)."""
    global _patterns
    mtime = datafiles.version([BOILERPLATE])
    if _patterns is None or _patterns[0] != mtime:
        with _lock:
            lines = BOILERPLATE.read_text(encoding="utf-8").splitlines()
            kept = [x.strip() for x in lines if x.strip() and not x.startswith("#")]
            _patterns = (mtime, re.compile("|".join(f"(?:{x})" for x in kept)))
    return _patterns[1]


def sentences(text: str) -> list[str]:
    """Sentences of a normalised text, enumeration markers (一是, （二）, 3.) removed."""
    out = []
    for m in _SENTENCE.finditer(text):
        s = _MARKER.sub("", m.group().strip())
        if _KEEP.search(s):
            out.append(s)
    return out


@lru_cache(maxsize=50_000)
def sentence_key(sentence: str) -> str:
    kept = "".join(_KEEP.findall(sentence))
    return hashlib.blake2b(kept.encode(), digest_size=8).hexdigest()


def is_set_phrase(sentence: str, common: frozenset | set = frozenset(), version=None) -> bool:
    """`version`: of the patterns file (`datafiles.version`), when the caller asks many."""
    if common and sentence_key(sentence) in common:
        return True
    return _matches_patterns(sentence, version or datafiles.version([BOILERPLATE]))


@lru_cache(maxsize=50_000)
def _matches_patterns(sentence: str, version: tuple) -> bool:
    """A curated pattern matches (sentences recur from check to check: cached, per version of
    the file)."""
    return patterns().search(sentence) is not None


def content_sentences(text: str, common: frozenset | set = frozenset()) -> list[str]:
    """The sentences of `text` that are not set phrasing (all of them if every one is)."""
    all_sentences = sentences(normalize_long(text))
    version = datafiles.version([BOILERPLATE])
    kept = [s for s in all_sentences if not is_set_phrase(s, common, version)]
    return kept or all_sentences


def _cn_number(token: str) -> Decimal | None:
    try:
        if token[0].isdigit():
            return Decimal(token)
        import cn2an

        return Decimal(str(cn2an.cn2an(token.replace("点", "."), "smart")))
    except Exception:  # noqa: BLE001 - cn2an raises several types on odd input
        return None


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}%"


def normalise_figures(text: str) -> str:
    """Shares written out in words become percentages: 八成 → 80%, 百分之十八 → 18%,
    四分之一 → 25%, 一成半 → 15%."""

    def percent(m):
        v = _cn_number(m.group(1))
        return _percent(v) if v is not None else m.group()

    def tenths(m):
        v = _cn_number(m.group(1))
        if v is None:
            return m.group()
        return _percent(v * 10 + (5 if m.group(2) else 0))

    def fraction(m):
        d, n = _cn_number(m.group(1)), _cn_number(m.group(2))
        if not d or n is None:
            return m.group()
        return _percent(Decimal(round(n / d * 100)))

    text = _PERCENT.sub(percent, text)
    text = _FRACTION.sub(fraction, text)
    return _TENTHS.sub(tenths, text)


def figures(text: str) -> tuple[str, list[str]]:
    """(text without its quantities, the quantities as tokens such as #1300000亩)."""
    from lvzhi.text.amounts import find_quantities

    tokens = []
    for q in find_quantities(text):
        value = q.value.normalize()
        tokens.append(f"#{value:f}{q.unit}")
        text = text.replace(q.text, " ", 1)
    return text, tokens


@lru_cache(maxsize=20_000)
def _sentence_words(sentence: str) -> tuple[str, ...]:
    """The words and figures of one content sentence (sentences repeat: cached)."""
    body, numbers = figures(normalise_figures(sentence))
    words = [w for w in _jieba().cut(body) if len(w) >= 2 and _KEEP.search(w)]
    return (*words, *numbers)


def segments(text: str, fold: bool = True) -> list[tuple[str, list[str]]]:
    """(sentence key, words) of each sentence of `text` that no set-phrase pattern matches
    (of every sentence if all match): the words that carry what it says, see the module
    docstring. `fold=False` keeps synonyms as written."""
    from lvzhi.text.synonyms import canonical, table

    out, groups = [], table()
    for sentence in content_sentences(text):
        words = list(_sentence_words(sentence))
        if fold:
            words = [w if w.startswith("#") else canonical(w, groups) for w in words]
        out.append((sentence_key(sentence), words))
    return out


SEGMENT = " / "


def serialise(parts: list[tuple[str, list[str]]]) -> str:
    """The stored form of `segments` (SearchDocument.content_tokens)."""
    return SEGMENT.join(" ".join([key, *words]) for key, words in parts)


def parse(stored: str) -> list[tuple[str, list[str]]]:
    out = []
    for part in stored.split(SEGMENT):
        key, *words = part.split()
        out.append((key, words))
    return out if stored else []


#: the key of the stored boundary between a record's sections (registry `sections`), followed
#: by the offset in the record's body where its suggestions begin: §1234
SECTION = "§"


def sectioned_segments(title: str, body: str, sections: tuple[str, str] | None, limit: int):
    """`segments` of a record's title and body (at most `limit` characters); where it has
    sections (case, suggestions) found in the body, those of the title and case, a boundary
    (SECTION + the suggestions' offset in the body), then those of the suggestions."""
    text = f"{title}\n{body}"[:limit]
    case, suggestions = sections or ("", "")
    offset = body.rfind(suggestions) if case and suggestions else -1
    if offset <= 0 or len(title) + 1 + len(body) > limit:
        return segments(text)
    first = segments(f"{title}\n{body[:offset]}")
    return [*first, (f"{SECTION}{offset}", []), *segments(body[offset:])]


def split_sections(parts) -> tuple[list, list, int] | None:
    """(the case's segments, the suggestions', the suggestions' offset in the body) of parsed
    content tokens that hold a section boundary, else None."""
    for i, (key, _words) in enumerate(parts):
        if key.startswith(SECTION):
            return parts[:i], parts[i + 1 :], int(key[len(SECTION) :])
    return None


def content_words(parts: list[tuple[str, list[str]]], common=frozenset()) -> list[str]:
    """The words of the segments whose sentence is not common set phrasing (all if all are)."""
    kept = [w for key, words in parts if key not in common for w in words]
    return kept or [w for _key, words in parts for w in words]
