"""查重 candidates: a near-identical record is retrieved whether the index holds one record or
hundreds — the words looked up are the new text's own, weighed by a general-corpus prior."""

import pytest

from bench.textgen import generate
from lvzhi.text import services
from lvzhi.text.models import SearchDocument
from lvzhi.text.selectors import similar_to
from tests import factories as f
from tests.text.similarity_cases import TOPICS

ORIGINAL = "".join(TOPICS["养老"]["A"][:4])
# The same proposal with a paragraph of new, rare words added: the new words are what a
# corpus-only idf ranks first when the index holds a single record.
EDITED = (
    ORIGINAL.replace("建议民政部门", "建议市民政局")
    + "另据象州县寺村镇、金秀瑶族自治县长垌乡、忻城县思练镇调研，幸福院、长者饭堂、"
    "邻里互助点运营经费短缺，村级集体经济难以为继，瑶寨壮乡留守老人反映强烈。"
)


def _index(system, name, text):
    obj = f.EnterpriseFactory(committee=system.county, name=name, description=text)
    services.index_record(obj)
    return obj


@pytest.mark.django_db
def test_one_record_indexed_and_a_near_identical_text_is_found(system):
    SearchDocument.objects.all().delete()
    only = _index(system, "养老服务体系建设", ORIGINAL)
    found = similar_to(EDITED, "core.enterprise", user=system.alice)
    assert [r.object_id for r in found] == [only.pk]
    assert found[0].is_duplicate


@pytest.mark.django_db
def test_many_records_indexed_and_the_near_identical_one_comes_first(system):
    SearchDocument.objects.all().delete()
    for i, doc in enumerate(generate(110, seed=7, variant_share=0.0)):
        _index(system, f"{i} {doc.title[:90]}", doc.body)
    target = _index(system, "养老服务体系建设", ORIGINAL)
    _index(system, "长期护理保险", "".join(TOPICS["养老"]["B"]))
    found = similar_to(EDITED, "core.enterprise", user=system.alice)
    assert found[0].object_id == target.pk and found[0].is_duplicate
    assert not any(r.is_duplicate for r in found[1:])
