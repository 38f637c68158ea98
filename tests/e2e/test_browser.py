"""What a user sees in a real browser: login, search, edit + history, language, phone width.

The Chinese default is asserted literally (概览, 委员); the labels of the buttons the tests
click are looked up in the Chinese catalogue (`t`), so rewording a translation does not
break them.
"""

import re

import pytest
from playwright.sync_api import expect

from lvzhi.core.choices import MemberPosition
from tests import factories as f
from tests.e2e.conftest import DESKTOP, PHONE, t

pytestmark = pytest.mark.e2e

OLD_ADDRESS = "来宾市兴宾区城东路1号"
NEW_ADDRESS = "来宾市兴宾区桂中大道88号"


def display_name(user):
    return user.get_full_name() or user.username


@pytest.fixture
def members(system):
    f.MemberFactory(committee=system.city, person__name="黎胜国", person__employer="来宾市糖业公司")
    f.MemberFactory(
        committee=system.city, person__name="林伟民", person__employer="兴宾区农业合作社"
    )
    return system


@pytest.fixture
def enterprise(system):
    return f.EnterpriseFactory(
        committee=system.city,
        name="来宾市桂中糖业有限公司",
        address=OLD_ADDRESS,
        legal_representative="黎胜国",
        employees=320,
    )


def test_login_shows_the_overview_in_chinese(page, system):
    page.goto("/login/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    page.locator("#id_username").fill("alice")
    page.locator("#id_password").fill("pw-for-tests")
    page.get_by_role("button", name=t("Log in"), exact=True).click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page).to_have_title(re.compile("履职"))
    expect(page.get_by_role("heading", level=1)).to_have_text("概览")
    nav = page.locator("nav.navbar")
    expect(nav).to_contain_text("委员")
    expect(nav).to_contain_text(display_name(system.alice))


def test_search_members_by_chinese_name(new_page, members):
    page = new_page(members.alice)
    page.goto("/members/")
    results = page.locator("#results table")
    expect(results).to_contain_text("黎胜国")
    expect(results).to_contain_text("林伟民")

    page.locator("#id_q").fill("黎胜")
    page.locator("#id_q").press("Enter")

    expect(page).to_have_url(re.compile(r"[?&]q=%E9%BB%8E%E8%83%9C"))
    expect(results).not_to_contain_text("林伟民")
    expect(results.get_by_role("link", name="黎胜国")).to_be_visible()


def test_search_all_records_from_the_navigation_bar(new_page, system):
    from lvzhi.core import services
    from lvzhi.core.models import Enterprise

    for name, text in [
        ("广西东糖集团", "投入1.8亿元实施制糖技术改造"),
        ("怡黄木业", "绿色建筑新材料"),
    ]:
        services.record_save(
            actor=system.alice,
            instance=Enterprise(committee=system.county, name=name, description=text),
        )
    page = new_page(system.alice)
    page.goto("/")
    page.locator("#site-search").fill("技术改造")
    page.locator("#site-search").press("Enter")
    expect(page.locator("main")).to_contain_text("广西东糖集团")
    expect(page.locator("main")).not_to_contain_text("怡黄木业")


def test_edit_enterprise_and_read_its_history(new_page, system, enterprise, screenshot_dir):
    page = new_page(system.alice)
    page.goto(enterprise.get_absolute_url())
    expect(page.locator(".detail-table")).to_contain_text(OLD_ADDRESS)

    # Not exact: the pencil icon's glyph is part of the link's accessible name.
    page.get_by_role("link", name=t("Edit")).click()
    expect(page).to_have_url(re.compile(r"/edit/$"))
    page.locator("[name=address]").fill(NEW_ADDRESS)
    page.get_by_role("button", name=t("Save")).click()

    expect(page).to_have_url(re.compile(rf"/enterprises/{enterprise.pk}/$"))
    expect(page.locator(".detail-table")).to_contain_text(NEW_ADDRESS)
    expect(page.locator(".detail-table")).not_to_contain_text(OLD_ADDRESS)

    page.get_by_test_id("history-tab").click()
    entry = page.get_by_test_id("history-entry").filter(has_text=NEW_ADDRESS)
    expect(entry).to_have_count(1)
    expect(entry.locator("del")).to_have_text(OLD_ADDRESS)
    expect(entry.locator("ins")).to_have_text(NEW_ADDRESS)
    expect(entry.get_by_test_id("history-user")).to_have_text(display_name(system.alice))
    page.screenshot(path=screenshot_dir / "enterprise-history-desktop.png", full_page=True)


def test_language_switch_to_english_and_back(new_page, system):
    page = new_page(system.alice)
    page.goto("/members/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "zh-hans")

    switch = page.get_by_test_id("language-switch")
    expect(switch).to_have_text("English")
    switch.click()
    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/members/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Members$", re.I))
    expect(page.locator("nav.navbar")).to_contain_text("Log out")

    expect(switch).to_have_text("中文")
    switch.click()
    expect(html).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", level=1)).to_have_text("委员")
    expect(page.get_by_test_id("language-switch")).to_have_text("English")


def test_phone_width_collapses_the_navigation(new_page, members):
    page = new_page(members.alice, viewport=PHONE)
    page.goto("/members/")
    toggler = page.locator("button.navbar-toggler")
    expect(toggler).to_be_visible()
    menu = page.locator("#nav")
    expect(menu).to_be_hidden()
    toggler.click()
    expect(menu).to_be_visible()
    expect(menu).to_have_class(re.compile(r"\bshow\b"))  # opened, not mid-animation
    expect(menu.get_by_role("button", name=t("Log out"))).to_be_visible()
    toggler.click()
    expect(menu).to_be_hidden()

    # The list still works: nothing pushes the page sideways, the search filters.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    search = page.locator("#id_q")
    expect(search).to_be_visible()
    search.fill("林伟")
    page.get_by_role("button", name=t("Filter")).click()
    results = page.locator("#results table")
    expect(results).not_to_contain_text("黎胜国")
    expect(results.get_by_role("link", name="林伟民")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("width_name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots(new_page, members, enterprise, screenshot_dir, width_name, viewport):
    for i in range(6):
        f.MemberFactory(
            committee=members.county if i % 2 else members.other,
            person__name=f"韦{'明华丽芳强军'[i]}{'东西南北中和'[i]}",
            person__employer="广西来宾某某农业科技发展有限公司 董事长",
            **({"position": MemberPosition.STANDING} if i == 0 else {}),
        )
    page = new_page(members.alice, viewport=viewport)

    page.goto("/members/")
    expect(page.locator("#results table")).to_contain_text("黎胜国")
    page.screenshot(path=screenshot_dir / f"members-list-{width_name}.png", full_page=True)

    page.goto(enterprise.get_absolute_url())
    expect(page.locator(".detail-table")).to_contain_text(OLD_ADDRESS)
    page.screenshot(path=screenshot_dir / f"enterprise-detail-{width_name}.png", full_page=True)
