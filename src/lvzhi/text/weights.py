"""Word weights that hold from the first record on: jieba's shipped IDF table.

The committee's own corpus says which words are common among *its* records, but only once
there are enough of them; with one record indexed every word it holds looks common and every
word it lacks looks rare. jieba ships an IDF table computed over a large general Chinese
corpus (jieba/analyse/idf.txt, ~270,000 words): a word such as 建议 or 加强 weighs about 3–5
there, 糖业 or 钙基 about 10–14. It is read once, lazily.
"""

import threading
from functools import lru_cache
from pathlib import Path

_lock = threading.Lock()
_table: dict[str, float] | None = None
_median = 10.0


def _load() -> dict[str, float]:
    global _table, _median
    if _table is None:
        with _lock:
            if _table is None:
                import jieba

                path = Path(jieba.__file__).parent / "analyse" / "idf.txt"
                table = {}
                for line in path.read_text(encoding="utf-8").splitlines():
                    word, _sep, value = line.rpartition(" ")
                    if word:
                        table[word] = float(value)
                values = sorted(table.values())
                _median = values[len(values) // 2]
                _table = table
    return _table


@lru_cache(maxsize=65536)
def prior_idf(word: str) -> float:
    """The general-corpus idf of `word`; an unknown word (a name, a new term, a figure)
    weighs the table's median — distinctive, but not more than a rare known word."""
    table = _load()
    value = table.get(word)
    if value is not None:
        return value
    if len(word) < 2:
        return 1.0
    return _median
