"""The text engine where a clerk meets it: writing a member case in a real browser.

Pasted traditional text is cleaned with one click, 相似记录 appear before saving, and the
investment is typed the way the article writes it ("1.8亿").
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lvzhi.activities.models import MemberCase
from lvzhi.text import services
from tests import factories as f
from tests.e2e.conftest import PHONE, pick, t

pytestmark = pytest.mark.e2e

EXISTING = (
    "林伟民委员牵头引进广西东糖集团，投资1.8亿元实施制糖技术改造，推动蔗渣综合利用和糖蜜酒精项目落地，"
    "带动周边三个乡镇的甘蔗良种推广，帮助蔗农每亩增收三百元，并吸纳当地群众就业。"
)
PASTED = (
    "林偉民委員牽頭引進廣西東糖集團，投資1.8億元實施製糖技術改造，推動蔗渣綜合利用和糖蜜酒精項目落地，"
    "帶動周邊三個鄉鎮的甘蔗良種推廣。"
)


@pytest.fixture
def existing_case(system):
    member = f.MemberFactory(committee=system.county, person__name="林伟民")
    case = MemberCase.objects.create(
        committee=system.county,
        member=member,
        title="引进东糖集团技术改造",
        year=2024,
        summary=EXISTING,
    )
    services.index_record(case)
    return case


def test_write_a_member_case_with_cleaning_similar_records_and_a_chinese_amount(
    new_page, system, existing_case, screenshot_dir
):
    page = new_page(system.bob)
    page.goto(reverse("activities:case_add"))
    page.locator("[name=committee]").select_option(str(system.county.pk))
    pick(page, "member", existing_case.member.person.name, existing_case.member.pk)
    page.locator("[name=title]").fill("东糖集团二期技改")
    page.locator("[name=year]").fill("2025")
    summary = page.locator("[name=summary]")
    summary.fill(PASTED)

    # Cleaning turns the pasted traditional characters into simplified ones and keeps the
    # full-width punctuation Chinese typesetting uses.
    page.get_by_test_id("clean-text").first.click()
    expect(summary).to_have_value(re.compile("^林伟民委员牵头引进广西东糖集团，投资1.8亿元"))

    # The earlier case shows up as similar before anything is saved.
    panel = page.get_by_test_id("similar-records")
    expect(panel).to_contain_text(existing_case.title)
    expect(panel).to_contain_text(t("possible duplicate"))
    # The shared passage is quoted as written, with its full-width commas.
    expect(panel).to_contain_text("林伟民委员牵头引进广西东糖集团，投资1.8亿元")

    # A wrong amount is refused at its field, and nothing is saved.
    page.locator("[name=investment]").fill("80余万")
    page.get_by_role("button", name=t("Save")).click()
    expect(page.locator('[data-field-error="investment"]')).to_contain_text("约数")
    assert MemberCase.objects.count() == 1

    page.locator("[name=investment]").fill("1.8亿")
    page.get_by_role("button", name=t("Save")).click()
    expect(page).to_have_url(re.compile(r"/activities/cases/\d+/$"))
    expect(page.locator(".detail-table")).to_contain_text("18000")
    expect(page.get_by_test_id("case-impact")).to_contain_text("1.8亿元")
    case = MemberCase.objects.exclude(pk=existing_case.pk).get()
    assert case.investment == Decimal("18000")
    assert case.summary.startswith("林伟民委员牵头引进广西东糖集团，")
    page.screenshot(path=screenshot_dir / "member-case-detail-desktop.png", full_page=True)


def test_member_case_form_at_phone_width(new_page, system, existing_case, screenshot_dir):
    page = new_page(system.bob, viewport=PHONE)
    page.goto(reverse("activities:case_add"))
    page.locator("[name=summary]").fill(EXISTING[:60])
    expect(page.get_by_test_id("similar-records")).to_contain_text(existing_case.title)
    investment = page.locator("[name=investment]")
    expect(investment).to_have_attribute("type", "text")
    box = investment.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    page.screenshot(path=screenshot_dir / "member-case-form-phone.png", full_page=True)
