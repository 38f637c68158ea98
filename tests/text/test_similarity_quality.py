"""查重 quality on the labelled set in similarity_cases.py, and search recall vs a full scan.

Precision and recall count (query, record) pairs: a pair is predicted a duplicate when the
record is returned with `is_duplicate`; it is one when the label says so.
"""

import pytest

from lvzhi.text import services
from lvzhi.text.selectors import search, similar_to
from lvzhi.text.similarity import (
    DUPLICATE_THRESHOLD,
    CorpusStats,
    cosine,
    fingerprint,
    jaccard,
    overlap,
    tfidf,
)
from lvzhi.text.tokenize import normalize_long
from tests import factories as f
from tests.text.similarity_cases import build


def precision_recall(predicted: dict, labels: dict) -> tuple[float, float]:
    tp = sum(len(predicted[q] & labels[q]) for q in labels)
    fp = sum(len(predicted[q] - labels[q]) for q in labels)
    fn = sum(len(labels[q] - predicted[q]) for q in labels)
    return tp / ((tp + fp) or 1), tp / ((tp + fn) or 1)


def best_at_any_threshold(score) -> tuple[float, float]:
    """The best (precision, recall) a scoring function reaches at any threshold."""
    corpus, queries = build()
    labels = {name: lab for name, _q, lab in queries}
    scores = {name: {d: score(q, t) for d, t in corpus.items()} for name, q, _lab in queries}
    best = (0.0, 0.0)
    for th in [x / 100 for x in range(1, 100)]:
        predicted = {n: {d for d, s in sc.items() if s >= th} for n, sc in scores.items()}
        p, r = precision_recall(predicted, labels)
        if min(p, r) > min(best):
            best = (p, r)
    return best


def test_tfidf_meets_the_bar_at_the_chosen_threshold():
    corpus, queries = build()
    stats = CorpusStats([fingerprint(t).shingles for t in corpus.values()])
    vectors = {d: tfidf(fingerprint(t).counts, stats) for d, t in corpus.items()}
    predicted, labels = {}, {}
    for name, q, lab in queries:
        qv = tfidf(fingerprint(q).counts, stats)
        predicted[name] = {d for d, v in vectors.items() if cosine(qv, v) >= DUPLICATE_THRESHOLD}
        labels[name] = lab
    p, r = precision_recall(predicted, labels)
    assert p >= 0.9 and r >= 0.9, (p, r)


def test_set_measures_are_fooled_by_set_phrases():
    """Why not MinHash (Jaccard) or plain overlap: no threshold gets both above 0.9."""

    def sets(a, b):
        return fingerprint(a).shingles, fingerprint(b).shingles

    assert min(best_at_any_threshold(lambda a, b: jaccard(*sets(a, b)))) < 0.9
    assert min(best_at_any_threshold(lambda a, b: overlap(*sets(a, b)))) < 0.9


@pytest.fixture
def indexed_corpus(system):
    from lvzhi.text.models import SearchDocument

    # The corpus is exactly the labelled set, whatever other tests committed to the index.
    SearchDocument.objects.all().delete()
    corpus, queries = build()
    ids = {}
    for key, text in corpus.items():
        title, _, body = key.partition("/")
        obj = f.EnterpriseFactory(committee=system.county, name=key, description=text)
        services.index_record(obj)
        ids[key] = obj.pk
    return system, corpus, queries, ids


@pytest.mark.django_db
def test_similar_to_end_to_end_precision_and_recall(indexed_corpus):
    system, corpus, queries, ids = indexed_corpus
    by_id = {v: k for k, v in ids.items()}
    predicted, labels = {}, {}
    for name, q, lab in queries:
        found = similar_to(q, "core.enterprise", limit=5, user=system.alice)
        predicted[name] = {by_id[r.object_id] for r in found if r.is_duplicate}
        labels[name] = lab
    p, r = precision_recall(predicted, labels)
    assert p >= 0.9 and r >= 0.9, (p, r)


@pytest.mark.django_db
def test_similar_to_shows_shared_passages_and_respects_exclude_and_visibility(indexed_corpus):
    system, corpus, _queries, ids = indexed_corpus
    text = corpus["养老/A"]
    [best, *_rest] = similar_to(text, "core.enterprise", user=system.alice)
    assert best.object_id == ids["养老/A"] and best.score > 0.99 and best.is_duplicate
    assert any("嵌入式养老服务站" in p for p in best.passages)
    # set phrases are not reported as shared passages
    assert not any("以上建议妥否" in p for p in best.passages)
    others = similar_to(text, "core.enterprise", exclude=ids["养老/A"], user=system.alice)
    assert ids["养老/A"] not in {r.object_id for r in others}
    assert not any(r.is_duplicate for r in others)
    # the records are in the county: a user of the other county gets no warning about them
    assert similar_to(text, "core.enterprise", user=system.bob)
    assert similar_to(text, "core.enterprise", user=system.olivia) == []


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["", "   ", "😀", "a", "养", "x" * 60_000])
def test_similar_to_odd_input(indexed_corpus, text):
    assert isinstance(similar_to(text, "core.enterprise", user=indexed_corpus[0].alice), list)


SEARCH_QUERIES = [
    "养老",
    "融资",
    "冷链",
    "人才",
    "招商",
    "甘蔗",
    "矿山",
    "瑶医",
    "电商",
    "补贴",
    "良种繁育",
    "融资担保",
    "冷链物流",
    "产业链",
    "生活污水",
    "养老服务",
    "技能人才",
    "政银企对接会",
    "钙基新材料",
    "废弃矿山 生态修复",
    "养老 护理 补贴",
    "企业 融资 担保",
]


@pytest.mark.django_db
def test_search_recall_against_a_full_scan(indexed_corpus):
    """Of the records a LIKE scan finds, search finds at least 95 %, the verbatim ones first."""
    system, corpus, _queries, ids = indexed_corpus
    found_total = expected_total = 0
    for q in SEARCH_QUERIES:
        words = q.split()
        expected = {
            ids[k] for k, t in corpus.items() if all(w in normalize_long(k + t) for w in words)
        }
        ranked = [h.object_id for h in search(system.alice, q, limit=100)]
        expected_total += len(expected)
        found_total += len(expected & set(ranked))
        if len(words) == 1:
            # records holding the query verbatim come before those holding its words apart
            assert set(ranked[: len(expected)]) == expected, q
    assert found_total / expected_total >= 0.95, found_total / expected_total
