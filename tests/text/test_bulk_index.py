"""The search index a bulk write leaves: the same words whether segmented here or in
worker processes, written inside the write's transaction."""

import pytest
from django.db import transaction

from lvzhi.core import services
from lvzhi.core.models import Person
from lvzhi.text import tokenize
from lvzhi.text.models import SearchDocument
from tests import factories as f


@pytest.mark.parametrize("processes", [1, 2])
def test_bulk_written_persons_are_indexed_with_the_words_of_one_by_one_indexing(
    system, settings, monkeypatch, processes
):
    settings.TEXT_INDEX_PROCESSES = processes
    monkeypatch.setattr(tokenize, "POOL_MIN_TEXTS", 10)
    sector = f.SectorFactory(name="经济界")
    employers = ["广西东糖集团董事长", "来宾冷链物流公司经理", "象州县钙基新材料公司", ""]
    rows = [
        (
            {"committee": system.county, "sector": sector, "term": "第五届", "is_active": True},
            {
                "name": f"韦{'丽芳强伟'[i % 4]}{i}",
                "mobile": f"139{i:08d}",
                "employer": employers[i % 4],
            },
        )
        for i in range(60)
    ]
    services.member_create_many(actor=system.bob, rows=rows)
    persons = Person.objects.filter(mobile__startswith="139")
    docs = SearchDocument.objects.filter(kind="core.person", object_id__in=persons.values("pk"))
    assert docs.count() == 60
    for doc in docs:
        assert doc.title_tokens == tokenize.index_tokens(doc.title)
        assert doc.body_tokens == tokenize.index_tokens(doc.body)
    assert tokenize._pool is None  # the workers end with the write


def test_a_failed_bulk_write_leaves_no_index_entries(system, settings, monkeypatch):
    settings.TEXT_INDEX_PROCESSES = 2
    monkeypatch.setattr(tokenize, "POOL_MIN_TEXTS", 10)
    sector = f.SectorFactory(name="经济界")
    rows = [
        (
            {"committee": system.county, "sector": sector, "term": "第五届"},
            {"name": f"蓝{i}", "mobile": f"139{i:08d}"},
        )
        for i in range(30)
    ]
    rows.append(rows[0])  # the same seat twice: the unique constraint stops the write
    before = SearchDocument.objects.count()
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017, PT011 - the database's error
        services.member_create_many(actor=system.bob, rows=rows)
    assert SearchDocument.objects.count() == before
    assert not Person.objects.filter(name__startswith="蓝").exists()
