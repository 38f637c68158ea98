"""Data files an office may edit (synonyms, set phrases): read again when they change.

查重 asks for them once per word and per sentence — a hundred thousand times a check — so
their modification times are looked at no more than once a second (`RECHECK`).
"""

import time
from pathlib import Path

RECHECK = 1.0

_checked: dict[tuple[str, ...], tuple[float, tuple]] = {}


def version(paths: list[Path]) -> tuple:
    """((path, modification time), …) of the files, as of at most RECHECK seconds ago (a
    missing file has time 0)."""
    names = tuple(str(p) for p in paths)
    now = time.monotonic()
    seen = _checked.get(names)
    if seen is None or now - seen[0] >= RECHECK:
        mtimes = tuple((str(p), p.stat().st_mtime if p.exists() else 0) for p in paths)
        seen = _checked[names] = (now, mtimes)
    return seen[1]
