"""The office sees the year's proposal figures drawn (ECharts); a leader records a visit on a
key proposal (领导督办) and sees it on the page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import t
from tests.proposals.conftest import pp  # noqa: F401 - the proposals fixture

pytestmark = pytest.mark.e2e


def test_figures_chart_and_a_leaders_visit(new_page, system, pp, screenshot_dir):  # noqa: F811
    from lvzhi.proposals import services

    pp.to(pp.new(), "closed")
    key = pp.to(pp.new(title="关于增强广西糖业稳定保供能力的建议"), "assigned")
    services.proposal_mark_key(actor=system.bob, proposal=key, leader=system.erin)

    office = new_page(system.bob)
    office.goto("/proposals/figures/?year=2024")
    expect(office.locator("#chart-states canvas")).to_have_count(1)
    expect(office.locator("#chart-league canvas")).to_have_count(1)
    office.screenshot(path=screenshot_dir / "proposal-figures.png", full_page=True)

    leader = new_page(system.erin)
    leader.goto(key.get_absolute_url())
    # the leader's one step: offered as the next step, the leader preset
    step = leader.get_by_test_id("next-step")
    expect(step).to_contain_text(t("Record a leader's visit"))
    step.locator("[name=visited_on]").fill(str(timezone.localdate()))
    step.locator("[name=note]").fill("到武宣县工信局督办糖业保供措施落实")
    step.get_by_test_id("step-leader_visit").click()
    expect(leader.get_by_test_id("leader-visits")).to_contain_text("督办糖业保供措施落实")
    leader.screenshot(path=screenshot_dir / "proposal-leader-visit.png", full_page=True)
