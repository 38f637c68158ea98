"""The office walks a project along the pipeline in the browser; the credited member follows
it on a phone; the funnel draws its chart."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from lvzhi.investment import services
from lvzhi.investment.models import InvestmentProject
from tests import factories as f
from tests.e2e.conftest import PHONE, t

pytestmark = pytest.mark.e2e


def test_office_moves_a_project_member_follows_on_a_phone(new_page, system, screenshot_dir):
    seat = f.MemberFactory(committee=system.county, person=system.carol_person)
    project = services.project_register(
        actor=system.bob,
        project=InvestmentProject(
            committee=system.county,
            name="年产1000万平方米绿色建筑新材料项目",
            investor_name="怡黄木业",
            source_mode="leader",
            capacity="年产1000万平方米",
            registered_on=datetime.date.today() - datetime.timedelta(days=30),
        ),
    )
    services.project_credit(actor=system.bob, project=project, member=seat, share=100)

    page = new_page(system.bob)
    page.goto(project.get_absolute_url())
    expect(page.get_by_test_id("next-step")).to_contain_text(t("Start negotiating"))
    page.get_by_test_id("step-negotiate").click()
    expect(page.get_by_test_id("state")).to_have_text(t("Negotiating"))
    page.get_by_test_id("step-sign_intention").click()
    expect(page.get_by_test_id("state")).to_have_text(t("Intention agreement signed"))
    page.locator("#id_sign_contract_contracted_amount").fill("80余万")
    page.get_by_test_id("step-sign_contract").click()
    expect(page.locator("#step-sign_contract")).to_contain_text("80余万")  # refused at the field
    page.locator("#id_sign_contract_contracted_amount").fill("1.8亿")
    page.get_by_test_id("step-sign_contract").click()
    expect(page.get_by_test_id("state")).to_have_text(t("Contract signed"))
    page.screenshot(path=screenshot_dir / "investment-office.png", full_page=True)
    project.refresh_from_db()
    assert project.contracted_amount == 18000

    phone = new_page(system.carol, viewport=PHONE)
    phone.goto(project.get_absolute_url())
    expect(phone.get_by_test_id("state")).to_have_text(t("Contract signed"))
    expect(phone.get_by_test_id("credits")).to_contain_text(system.carol_person.name)
    expect(phone.get_by_test_id("step-negotiate")).to_have_count(0)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=screenshot_dir / "investment-member-phone.png", full_page=True)

    page.goto("/investment/funnel/")
    expect(page.locator("#funnel-chart canvas")).to_have_count(1)
    expect(page.get_by_test_id("funnel-table")).to_contain_text(t("Contract signed"))
    page.screenshot(path=screenshot_dir / "investment-funnel.png", full_page=True)
    expect(page).to_have_url(re.compile(r"/investment/funnel/$"))
