"""A member submits 社情民意 on a phone; the office takes it up and links an outcome to it
with the combined source picker; the member sees the ladder and the outcome."""

import re

import pytest
from playwright.sync_api import expect

from lvzhi.core import outcomes
from lvzhi.proposals.models import Opinion
from tests import factories as f
from tests.e2e.conftest import PHONE, pick, t

pytestmark = pytest.mark.e2e


def test_report_its_way_up_and_its_outcome(new_page, system, screenshot_dir):
    f.MemberFactory(committee=system.county, person=system.carol_person)
    issue = f.OpinionBulletinFactory(committee=system.county, number=9)
    outcome = f.OutcomeFactory(
        committee=system.county, title="糖业降本增效行动方案", published=True
    )

    member = new_page(system.carol, viewport=PHONE)
    member.goto("/proposals/opinions/submit/")
    member.locator("[name=committee]").select_option(str(system.county.pk))
    member.locator("[name=title]").fill("关于降低制糖企业用电成本的建议")
    member.locator("[name=text]").fill(
        "情况：榨季用电成本高。分析：电价政策未落实。建议：落实优惠电价。"
    )
    member.get_by_role("button", name=t("Save")).click()
    opinion = Opinion.objects.get()
    expect(member).to_have_url(re.compile(rf"/proposals/opinions/{opinion.pk}/$"))

    office = new_page(system.bob)
    office.goto(opinion.get_absolute_url())
    office.get_by_test_id("step-accept").click()
    office.locator("#id_compile_bulletin").select_option(str(issue.pk))
    office.get_by_test_id("step-compile").click()
    office.locator("#id_forward_level").select_option("city")
    office.get_by_test_id("step-forward").click()
    office.locator("#id_adopt_level").select_option("city")
    office.get_by_test_id("step-adopt").click()
    expect(office.get_by_test_id("state")).to_have_text(t("Adopted"))
    office.goto(outcome.get_absolute_url())
    pick(office, "source", "用电成本", outcomes.source_key(opinion))
    office.get_by_role("button", name=t("Add source")).click()
    expect(office.get_by_test_id("sources")).to_contain_text("关于降低制糖企业用电成本的建议")

    member.goto(opinion.get_absolute_url())
    ladder = member.get_by_test_id("ladder")
    expect(ladder).to_contain_text(
        t("Adopted by %(level)s") % {"level": t("City Party committee / city government")}
    )
    expect(member.get_by_test_id("outcomes")).to_contain_text("糖业降本增效行动方案")
    member.screenshot(path=screenshot_dir / "opinion-ladder-phone.png", full_page=True)
