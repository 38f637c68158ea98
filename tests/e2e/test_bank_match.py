"""A bank records its match's outcome on a phone; the office reads the villages without
support and the funnel's 履约率 in the browser."""

import datetime

import pytest
from playwright.sync_api import expect

from lvzhi.core.choices import Role
from lvzhi.core.models import RoleAssignment
from tests import factories as f
from tests.e2e.conftest import PHONE, t

pytestmark = pytest.mark.e2e


def test_a_bank_records_credit_and_loan_on_a_phone(new_page, system, screenshot_dir):
    bank = f.DepartmentFactory(committee=system.county, kind="bank", name="武宣农商银行")
    banker = f.UserFactory(username="banker")
    RoleAssignment.objects.create(
        user=banker, committee=system.county, role=Role.UNIT, department=bank
    )
    need = f.FinancingNeedFactory(committee=system.county, amount=500, purpose="技改流动资金")
    match = f.FinancingMatchFactory(need=need, bank=bank, matched_on=datetime.date(2024, 4, 18))

    page = new_page(banker, viewport=PHONE)
    page.goto(match.get_absolute_url())
    expect(page.get_by_test_id("state")).to_have_text(t("Being matched"))
    page.locator("#id_grant_amount_granted").fill("600万")
    page.get_by_test_id("step-grant").click()
    expect(page.locator("#step-grant")).to_contain_text("500")  # more than asked: refused
    page.locator("#id_grant_amount_granted").fill("300万")
    page.get_by_test_id("step-grant").click()
    expect(page.get_by_test_id("state")).to_have_text(t("Credit granted"))
    page.locator("#id_disburse_amount_disbursed").fill("2000000元")
    page.get_by_test_id("step-disburse").click()
    expect(page.get_by_test_id("state")).to_have_text(t("Loan disbursed"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=screenshot_dir / "investment-bank-phone.png", full_page=True)
    match.refresh_from_db()
    assert (match.amount_granted, match.amount_disbursed) == (300, 200)


def test_the_office_reads_villages_without_support_on_a_phone(new_page, system, screenshot_dir):
    f.VillageFactory(committee=system.county, name="南岭村", is_lifted_out_of_poverty=True)
    pairing = f.PairingFactory(committee=system.county)
    page = new_page(system.bob, viewport=PHONE)
    page.goto(f"/investment/villages-without-support/?year={datetime.date.today().year}")
    table = page.get_by_test_id("villages-without-support")
    expect(table).to_contain_text("南岭村")
    expect(table).to_contain_text(pairing.enterprise.name)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=screenshot_dir / "investment-villages-phone.png", full_page=True)
