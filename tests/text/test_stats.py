"""查重 statistics: the first check after a start reads the stored sample instead of sampling
on the request; a stale sample is refreshed off the request path."""

import json
import zlib

import pytest

from lvzhi.text import services, stats
from lvzhi.text.models import CorpusSample, SearchDocument
from lvzhi.text.selectors import similar_to
from tests import factories as f
from tests.text.similarity_cases import TOPICS


@pytest.fixture
def large(system, monkeypatch):
    """A corpus 'larger than the sample' (the sample size lowered to 3)."""
    monkeypatch.setattr(stats, "STATS_SAMPLE", 3)
    monkeypatch.setattr(stats, "_stats_cache", {})
    SearchDocument.objects.all().delete()
    for topic in list(TOPICS)[:5]:
        obj = f.EnterpriseFactory(
            committee=system.county, name=topic, description="".join(TOPICS[topic]["A"])
        )
        services.index_record(obj)
    return system


def _no_sampling(*args, **kwargs):
    raise AssertionError("sampled on the request path")


@pytest.mark.django_db
def test_first_check_after_a_start_reads_the_stored_sample(large, monkeypatch):
    text = "".join(TOPICS["养老"]["A"])
    # the first check of a corpus never sampled takes the sample and stores it
    first = similar_to(text, "core.enterprise", user=large.alice)
    assert first[0].title == "养老" and first[0].is_duplicate
    assert CorpusSample.objects.get(kind="core.enterprise").records == 5
    # a restart: nothing in memory; the check reads the stored sample and does not sample
    monkeypatch.setattr(stats, "_stats_cache", {})
    monkeypatch.setattr(stats, "sample", _no_sampling)
    again = similar_to(text, "core.enterprise", user=large.alice)
    assert [(r.object_id, r.score) for r in again] == [(r.object_id, r.score) for r in first]


@pytest.mark.django_db
def test_a_stale_sample_is_refreshed_in_the_background(large, monkeypatch):
    stats.corpus_stats("core.enterprise")
    later = []
    monkeypatch.setattr(stats, "_refresh_later", later.append)
    monkeypatch.setattr(stats, "sample", _no_sampling)
    kind, (key, taken, cached) = "core.enterprise", stats._stats_cache["core.enterprise"]
    stats._stats_cache[kind] = (key, taken - stats.STATS_MAX_AGE - 1, cached)
    assert stats.corpus_stats(kind) is cached  # answered with the old sample at once
    assert later == [kind]


@pytest.mark.django_db
def test_reindex_stores_the_sample_and_clearing_drops_it(large):
    CorpusSample.objects.all().delete()
    services.reindex(["core.enterprise"])
    stored = CorpusSample.objects.get(kind="core.enterprise")
    assert stats.from_bytes(stored.data).docs == 3  # the sample, not the whole corpus
    services.clear_index()
    assert not CorpusSample.objects.exists()


@pytest.mark.django_db
def test_the_sample_counts_the_records_the_index_lists_under_a_term(system):
    """A two-character word is also indexed as a piece of longer words: candidates are chosen
    by the length of its posting list, not by its count as a word."""
    SearchDocument.objects.all().delete()
    texts = ["农业生产用电价格偏高，冷库运行成本大。"] * 3 + ["电价补助政策落实不到位。"]
    for i, text in enumerate(texts):
        services.index_record(
            f.EnterpriseFactory(committee=system.county, name=f"No. {i}", description=text)
        )
    sample = stats.sample("core.enterprise")
    assert sample.word_df["电价"] == 1  # a word in one record
    assert sample.term_df["电价"] == 4  # listed under it for all four
    assert sample.postings("电价") == 4
    # kept with the stored sample; a sample stored before it was counted reads as empty
    assert stats.from_bytes(stats.to_bytes(sample)).term_df == sample.term_df
    data = json.loads(zlib.decompress(stats.to_bytes(sample)))
    del data["term_df"]
    before = stats.from_bytes(zlib.compress(json.dumps(data).encode()))
    assert not before.term_df and before.postings("电价") == 1
