"""Corpus statistics of one record type for 查重: document frequencies of 3-grams, words and
sentences, from a random sample of its index rows.

Sampling a large corpus reads STATS_SAMPLE random rows — seconds from a cold disk — so it
never happens on a request once the corpus is large: the last sample is kept in the
database (`CorpusSample`, written by `lvzhi text reindex` and by every refresh), the first
check after a server starts reads that one row, and a sample older than STATS_MAX_AGE is
refreshed by a background thread while the checks go on with the old one. A small corpus
(up to STATS_SAMPLE records) is read whole, and again whenever it changes.
"""

import json
import logging
import random
import threading
import time
import zlib
from collections import Counter

from django.db import connection
from django.db.models import Count, Max, Min
from django.utils import timezone

from lvzhi.text.content import content_sentences, content_words, parse, sentence_key, sentences
from lvzhi.text.models import CorpusSample, SearchDocument
from lvzhi.text.similarity import CorpusStats, fingerprint
from lvzhi.text.tokenize import BIGRAM_MARK, normalize_long, word_part

log = logging.getLogger(__name__)

STATS_SAMPLE = 1000
STATS_MAX_AGE = 600.0  # seconds a sample of a large corpus is trusted
_stats_cache: dict[str, tuple[tuple, float, CorpusStats]] = {}
_refreshing: set[str] = set()
_lock = threading.Lock()


def to_bytes(stats: CorpusStats) -> bytes:
    data = {
        "docs": stats.docs,
        "shingle_df": stats.shingle_df,
        "word_df": stats.word_df,
        "sentence_df": stats.sentence_df,
        "term_df": stats.term_df,
    }
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode(), 6)


def from_bytes(blob: bytes) -> CorpusStats:
    data = json.loads(zlib.decompress(bytes(blob)))
    stats = CorpusStats()
    stats.docs = data["docs"]
    stats.shingle_df = Counter(data["shingle_df"])
    stats.word_df = Counter(data["word_df"])
    stats.sentence_df = Counter(data["sentence_df"])
    stats.term_df = Counter(data.get("term_df", {}))  # absent in a sample taken before
    return stats


def sample(kind: str, count: int | None = None) -> CorpusStats:
    """Read a random sample of `kind`'s index rows (all of them when there are few)."""
    rows = SearchDocument.objects.filter(kind=kind)
    if count is None:
        count = rows.count()
    if count > STATS_SAMPLE:
        # A random sample by id: ORDER BY RANDOM() would sort every row of a large table.
        bounds = rows.aggregate(low=Min("id"), high=Max("id"))
        rng = random.Random(count)
        ids = {rng.randint(bounds["low"], bounds["high"]) for _ in range(STATS_SAMPLE * 2)}
        rows = rows.filter(id__in=sorted(ids))
    fields = ("title", "body", "title_tokens", "body_tokens", "content_tokens")
    rows = list(rows.values_list(*fields)[:STATS_SAMPLE])
    # First the sentences the records repeat (the committee's own set phrasing), then the
    # frequencies of what is left.
    texts = [normalize_long(f"{row[0]}\n{row[1]}") for row in rows]
    sentence_sets = [{sentence_key(s) for s in sentences(t)} for t in texts]
    stats = CorpusStats([], [], sentence_sets)
    stats.docs = len(rows)
    common = stats.common_sentences()
    word_sets, term_sets = [], []
    for row in rows:
        words = set(f"{word_part(row[2])} {word_part(row[3])}".split())
        if row[4]:
            words.update(content_words(parse(row[4]), common))
        word_sets.append(words)
        term_sets.append(set(f"{row[2]} {row[3]}".split()) - {BIGRAM_MARK.strip()})
    shingle_sets = [fingerprint("。".join(content_sentences(t, common))).shingles for t in texts]
    stats = CorpusStats(shingle_sets, word_sets, sentence_sets, term_sets)
    stats.docs = max(stats.docs, 1)
    return stats


def refresh(kind: str) -> CorpusStats:
    """Sample `kind` now, keep the sample in memory and in the database."""
    count = SearchDocument.objects.filter(kind=kind).count()
    stats = sample(kind, count)
    CorpusSample.objects.update_or_create(
        kind=kind, defaults={"records": count, "taken_at": timezone.now(), "data": to_bytes(stats)}
    )
    _stats_cache[kind] = ((count, None), time.monotonic(), stats)
    return stats


def _refresh_later(kind: str) -> None:
    """Refresh `kind` in a background thread (one at a time per kind)."""
    with _lock:
        if kind in _refreshing:
            return
        _refreshing.add(kind)

    def run():
        try:
            refresh(kind)
        except Exception:  # the old sample stays in use; the next check tries again
            log.exception("refreshing the 查重 statistics of %s failed", kind)
        finally:
            connection.close()
            with _lock:
                _refreshing.discard(kind)

    threading.Thread(target=run, name=f"text-stats-{kind}", daemon=True).start()


def corpus_stats(kind: str) -> CorpusStats:
    """The statistics of `kind` for a 查重 check (see the module docstring)."""
    now = time.monotonic()
    cached = _stats_cache.get(kind)
    if cached and cached[0][0] > STATS_SAMPLE:
        if now - cached[1] >= STATS_MAX_AGE:
            _refresh_later(kind)
        return cached[2]
    # A small corpus is identified by its size and its last change: an edit that keeps the
    # count (or a test database rolled back and refilled) must not reuse old frequencies.
    agg = SearchDocument.objects.filter(kind=kind).aggregate(n=Count("id"), last=Max("indexed_at"))
    key, count = (agg["n"], agg["last"]), agg["n"]
    if cached and cached[0] == key and now - cached[1] < STATS_MAX_AGE:
        return cached[2]
    if count > STATS_SAMPLE:
        stored = CorpusSample.objects.filter(kind=kind).first()
        if stored is not None:
            stats = from_bytes(stored.data)
            age = (timezone.now() - stored.taken_at).total_seconds()
            _stats_cache[kind] = (key, now - min(age, STATS_MAX_AGE), stats)
            if age >= STATS_MAX_AGE:
                _refresh_later(kind)
            return stats
        return refresh(kind)  # the first check of a large corpus never sampled
    stats = sample(kind, count)
    _stats_cache[kind] = (key, now, stats)
    return stats
