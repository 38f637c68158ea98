"""查重 by section: a proposal is indexed with the boundary between its case (案由, analysis)
and its suggestions, and compared section with section where both texts have them."""

import pytest

from lvzhi.proposals.models import Proposal
from lvzhi.text import content, registry, services
from lvzhi.text.models import SearchDocument
from lvzhi.text.similarity import (
    CorpusStats,
    same_proposal,
    same_proposal_by_sections,
)
from lvzhi.text.similarity import content as content_of
from tests import factories as f

CASE = (
    "武宣港区龙从作业区去年吞吐量突破五百万吨，但疏港公路仍为三级公路，大型货车通行困难。"
    "港区铁路专用线尚未接入，集装箱多式联运比例不到百分之五。"
)
SUGGESTIONS = "一是将疏港公路改扩建列入自治区交通重点项目。二是加快铁路专用线前期工作。"
OTHER_SUGGESTIONS = (
    "一是设立港航产业发展基金，对新增航线给予补助。二是引进大型航运企业设立区域总部。"
)


@pytest.mark.django_db
def test_a_proposal_is_indexed_with_its_sections():
    proposal = f.ProposalFactory(
        title="关于完善武宣港区集疏运体系的建议",
        cause=CASE[:40],
        analysis=CASE[40:],
        suggestions=SUGGESTIONS,
    )
    reg = registry.get(Proposal)
    assert reg.sections_of(proposal) == (f"{CASE[:40]}\n{CASE[40:]}", SUGGESTIONS)
    services.index_record(proposal)
    doc = SearchDocument.objects.get(kind=reg.kind, object_id=proposal.pk)
    case, suggestions, offset = content.split_sections(content.parse(doc.content_tokens))
    assert doc.body[offset:] == SUGGESTIONS
    assert "疏港" in {w for _key, words in case for w in words}
    assert "铁路" in {w for _key, words in suggestions for w in words}


def test_without_sections_the_text_is_one_part():
    parts = content.sectioned_segments("标题", CASE + SUGGESTIONS, None, 50_000)
    assert content.split_sections(parts) is None
    assert parts == content.segments(f"标题\n{CASE}{SUGGESTIONS}")
    # a suggestions part the body does not hold: no boundary either
    parts = content.sectioned_segments("标题", CASE, (CASE, SUGGESTIONS), 50_000)
    assert content.split_sections(parts) is None


def test_one_case_with_other_suggestions_is_another_proposal():
    """Two proposals on one matter that suggest different things score lower compared
    section with section than as whole texts; the same proposal scores as high."""
    stats = CorpusStats()

    def whole(suggestions):
        return content_of(f"标题\n{CASE}\n{suggestions}", stats)

    def by_section(suggestions):
        return content_of(f"标题\n{CASE}", stats), content_of(suggestions, stats)

    other_whole = same_proposal(whole(SUGGESTIONS), whole(OTHER_SUGGESTIONS))
    other_by_section = same_proposal_by_sections(
        by_section(SUGGESTIONS), by_section(OTHER_SUGGESTIONS)
    )
    assert other_by_section < other_whole - 0.1
    assert same_proposal_by_sections(by_section(SUGGESTIONS), by_section(SUGGESTIONS)) > 0.99
