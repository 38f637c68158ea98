"""提案查重 while a member writes: the draft form's 相似记录 panel sends the title, the case
and the suggestions, and the proposal's sections are compared part with part."""

import html
import re

from django.urls import reverse

from lvzhi.proposals.models import Proposal
from lvzhi.text.selectors import similar_to

EXISTING = {
    "title": "关于增强广西糖业稳定保供能力的建议",
    "cause": "糖料蔗种植面积连续三年下滑，糖厂开榨率不足七成，蔗农收益偏低。",
    "analysis": "机收率不到百分之十五，良种覆盖率低，糖企吨糖成本比全国平均高出三百元。",
    "suggestions": "一是稳定糖料蔗收购价格，建立价格联动机制；二是推进全程机械化，每台甘蔗收获机补贴三十万元；"
    "三是延伸糖业产业链，发展蔗渣综合利用和糖蜜酒精项目。",
}
#: what the member types: the same case and suggestions in other words
TYPED = {
    "title": "关于稳定糖料蔗生产保障食糖供给的建议",
    "cause": "近三年糖料蔗种植面积连年下滑，糖厂开榨率不足七成。",
    "analysis": "良种覆盖率低，机收率不到百分之十五，吨糖成本比全国高三百元。",
    "suggestions": "建议建立糖料蔗收购价格联动机制；对甘蔗收获机每台补贴三十万元，推进全程机械化；"
    "发展蔗渣综合利用、糖蜜酒精，延伸产业链。",
}
PANEL = ["title", "cause", "analysis", "suggestions"]


def _existing(pp):
    proposal = pp.to(pp.new(**EXISTING), "accepted")
    assert proposal.published
    return proposal


def test_the_draft_form_panel_listens_to_title_case_and_suggestions(pp, client_for):
    page = client_for(pp.s.carol).get(reverse("proposals:proposal_draft"))
    assert page.status_code == 200
    panel = re.search(r'<div id="similar-records"[^>]*>', page.content.decode()).group(0)
    assert 'data-similar-source="id_title id_cause id_analysis id_suggestions"' in panel
    for name in PANEL:
        assert f"input from:#id_{name} changed delay:800ms" in html.unescape(panel)


def test_a_member_typing_sees_the_similar_proposal_compared_by_section(pp, client_for):
    existing = _existing(pp)
    pp.to(pp.new(title="关于发展冷链物流的建议", suggestions="建设冷链物流园区。"), "accepted")
    # what the panel posts while the member types (static/lvzhi/lvzhi.js)
    posted = {"kind": "proposals.proposal", **TYPED, "text": "\n".join(TYPED.values())}
    response = client_for(pp.s.carol).post(reverse("text:similar"), posted)
    shown = response.content.decode()
    assert existing.title in shown and "疑似重复" in shown
    assert shown.index(existing.title) < shown.index("冷链物流")  # most similar first
    # the score shown is the section-aware one (title and case, then the suggestions)
    found = similar_to(
        posted["text"],
        Proposal,
        user=pp.s.carol,
        sections=(f"{TYPED['title']}\n{TYPED['cause']}\n{TYPED['analysis']}", TYPED["suggestions"]),
    )
    assert found[0].object_id == existing.pk
    assert f"{found[0].score:.2f}" in shown
    whole = similar_to(posted["text"], Proposal, user=pp.s.carol)[0]
    assert f"{whole.score:.2f}" != f"{found[0].score:.2f}"  # not the whole-text score


def test_before_any_suggestion_is_typed_the_text_is_compared_whole(pp, client_for):
    existing = _existing(pp)
    typed = {**TYPED, "suggestions": ""}
    posted = {"kind": "proposals.proposal", **typed, "text": "\n".join(typed.values())}
    shown = client_for(pp.s.carol).post(reverse("text:similar"), posted).content.decode()
    whole = similar_to(posted["text"], Proposal, user=pp.s.carol)
    assert whole and whole[0].object_id == existing.pk
    assert existing.title in shown and f"{whole[0].score:.2f}" in shown


def test_the_panel_shows_nothing_the_member_may_not_see(pp, client_for, system):
    _existing(pp)
    posted = {"kind": "proposals.proposal", **TYPED, "text": "\n".join(TYPED.values())}
    shown = client_for(system.olivia).post(reverse("text:similar"), posted).content.decode()
    assert EXISTING["title"] not in shown
