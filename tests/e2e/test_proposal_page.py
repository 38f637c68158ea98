"""A member drafts a proposal on a phone (the 相似提案 panel beside), submits it; the office
accepts and assigns it; the unit replies on its page with the signed document."""

import re

import pytest
from playwright.sync_api import expect

from lvzhi.proposals import services
from lvzhi.proposals.models import Proposal
from tests import factories as f
from tests.e2e.conftest import PHONE, t

pytestmark = pytest.mark.e2e

SUGGESTIONS = (
    "一是完善糖料蔗收购价格与食糖价格联动机制；二是加快双高基地和全程机械化建设；三是支持糖企技改。"
)


def test_member_drafts_on_a_phone_and_the_unit_replies(new_page, system, screenshot_dir, tmp_path):
    session = f.ProposalSessionFactory(committee=system.county, term=5, sitting=3, year=2024)
    f.MemberFactory(committee=system.county, person=system.carol_person)
    earlier = f.ProposalFactory.build(
        committee=system.county,
        session=session,
        lead=f.PersonFactory(committee=system.county),
        title="关于稳定糖料蔗收购价格的建议",
        suggestions=SUGGESTIONS,
    )
    earlier = services.proposal_file(actor=system.bob, proposal=earlier)
    services.proposal_submit(actor=system.bob, proposal=earlier)
    services.proposal_accept(actor=system.bob, proposal=earlier)  # published to members

    page = new_page(system.carol, viewport=PHONE)
    page.goto("/")
    page.locator(".navbar-toggler").click()
    page.get_by_role("button", name=t("Proposals")).click()
    page.get_by_role("link", name=t("Draft a proposal")).click()
    expect(page).to_have_url(re.compile(r"/proposals/draft/$"))
    page.locator("[name=committee]").select_option(str(system.county.pk))
    page.locator("[name=session]").select_option(str(session.pk))
    page.locator("[name=title]").fill("关于增强广西糖业稳定保供能力的建议")
    page.locator("[name=cause]").fill("糖料蔗种植面积下滑，糖厂开榨率不足。")
    page.locator("[name=analysis]").fill("蔗农收益偏低，机收率低，糖企成本高。")
    page.locator("[name=suggestions]").fill(SUGGESTIONS)
    # 提案查重 while typing: the earlier proposal with the shared passage
    expect(page.locator("#similar-records")).to_contain_text("关于稳定糖料蔗收购价格的建议")
    page.screenshot(path=screenshot_dir / "proposal-draft-phone.png", full_page=True)
    page.get_by_role("button", name=t("Save")).click()

    proposal = Proposal.objects.get(title="关于增强广西糖业稳定保供能力的建议")
    expect(page).to_have_url(re.compile(rf"/proposals/{proposal.pk}/$"))
    assert proposal.lead == system.carol_person and proposal.state == "draft"
    page.locator("[data-testid=step-submit]").click()
    expect(page.locator("[data-testid=proposal-status]")).to_contain_text(t("Submitted"))
    page.screenshot(path=screenshot_dir / "proposal-submitted-phone.png", full_page=True)

    proposal.refresh_from_db()
    proposal = services.proposal_accept(actor=system.bob, proposal=proposal)
    services.proposal_assign(actor=system.bob, proposal=proposal, lead_unit=system.unit)

    unit_page = new_page(system.dave)
    unit_page.goto(proposal.get_absolute_url())
    expect(unit_page.locator("[data-testid=serial]")).to_have_text("五届三次第0002号")
    form = unit_page.locator("#step-reply")
    form.locator("[name=document_number]").fill("武工信函〔2024〕18号")
    form.locator("[name=signed_by]").fill("韦局长")
    form.locator("[name=reply_class]").select_option("A")
    form.locator("[name=summary]").fill("已会同农业农村局出台收购价格联动办法。")
    document = tmp_path / "答复函.pdf"
    document.write_bytes(f.PDF)
    form.locator("[name=document]").set_input_files(str(document))
    unit_page.screenshot(path=screenshot_dir / "proposal-reply-unit.png", full_page=True)
    form.locator("[data-testid=step-reply]").click()
    expect(unit_page.locator("[data-testid=reply]")).to_contain_text("武工信函〔2024〕18号")
    proposal.refresh_from_db()
    assert proposal.state == "replied" and proposal.reply_class == "A"
