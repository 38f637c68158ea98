"""Search synonyms (同义词) kept as data: src/lvzhi/text/data/synonyms.txt, plus the office's
own file named by the TEXT_SYNONYMS setting (same format: one group of words per line)."""

import threading
from pathlib import Path

from django.conf import settings

from lvzhi.text import datafiles
from lvzhi.text.tokenize import normalize

SHIPPED = Path(__file__).parent / "data" / "synonyms.txt"

_lock = threading.Lock()
_cache: dict[tuple, dict[str, tuple[str, ...]]] = {}


def _files() -> list[Path]:
    extra = getattr(settings, "TEXT_SYNONYMS", "") or ""
    return [SHIPPED, *(Path(p) for p in extra.split(",") if p.strip())]


def _read(paths) -> dict[str, tuple[str, ...]]:
    groups: dict[str, set[str]] = {}
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for line in lines:
            line = line.split("#", 1)[0]
            members = [normalize(w) for w in line.split() if w.strip()]
            if len(members) < 2:
                continue
            for w in members:
                groups.setdefault(w, set()).update(m for m in members if m != w)
    return {w: tuple(sorted(others)) for w, others in groups.items()}


def table() -> dict[str, tuple[str, ...]]:
    """{word: its synonyms}; re-read when a file changes (`datafiles.version`)."""
    paths = _files()
    key = datafiles.version(paths)
    found = _cache.get(key)
    if found is None:
        with _lock:
            _cache.clear()
            found = _cache[key] = _read(paths)
    return found


def synonyms_of(word: str) -> tuple[str, ...]:
    return table().get(word, ())


def canonical(word: str, groups: dict[str, tuple[str, ...]] | None = None) -> str:
    """One word standing for its whole synonym group (the first in sorted order), so 贷款 and
    融资 count as the same word when two texts are compared. `groups`: `table()`, read once
    by a caller folding many words."""
    others = (table() if groups is None else groups).get(word)
    if not others:
        return word
    return min(word, *others)
