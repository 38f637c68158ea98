"""A member on a phone reports a problem of her enterprise, and sees it filed."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lvzhi.problems.models import Problem
from tests import factories as f
from tests.e2e.conftest import PHONE, t

pytestmark = pytest.mark.e2e


def test_member_reports_a_problem_from_a_phone(new_page, system, screenshot_dir):
    category = f.ProblemCategoryFactory(name="融资")
    enterprise = f.EnterpriseFactory(
        committee=system.county, name="武宣糖业有限公司", member=system.carol_person
    )
    page = new_page(system.carol, viewport=PHONE)
    page.goto("/")
    page.locator(".navbar-toggler").click()
    page.get_by_role("button", name=t("Problems")).click()
    page.get_by_role("link", name=t("Report a problem")).click()
    expect(page).to_have_url(re.compile(r"/problems/report/$"))
    expect(page.locator("h1")).to_have_text(t("Report a problem"))
    # her own and visited enterprises: a short list, offered whole (no search box)
    page.locator("select[name=enterprise]").select_option(str(enterprise.pk))
    page.locator("[name=category]").select_option(str(category.pk))
    page.locator("[name=title]").fill("流动资金贷款到期续贷难")
    page.locator("[name=description]").fill("企业一笔3000万元贷款下月到期，银行要求先还后贷。")
    page.screenshot(path=screenshot_dir / "problem-report-phone.png", full_page=True)
    page.get_by_role("button", name=t("Save")).click()

    problem = Problem.objects.get()
    expect(page).to_have_url(re.compile(rf"/problems/{problem.pk}/$"))
    expect(page.locator("h1")).to_contain_text("流动资金贷款到期续贷难")
    assert problem.raised_by == system.carol_person
    page.goto(reverse("problems:problem_list"))
    expect(page.locator("main")).to_contain_text("流动资金贷款到期续贷难")
