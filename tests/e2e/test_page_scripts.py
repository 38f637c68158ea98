"""Page behaviour under the Content-Security-Policy: no inline script is allowed, so the
charts, the auto-submitting pickers and the attendance buttons run from static files.
Each test also fails on any CSP violation or script error the browser reports."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.conftest import reseed_data_migrations
from tests.e2e.conftest import t

pytestmark = pytest.mark.e2e


@pytest.fixture
def watched(new_page):
    """watched(user) -> (page, problems): script errors and CSP reports collected."""
    problems = []

    def make(user):
        page = new_page(user)
        page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
        page.on(
            "console",
            lambda msg: (
                problems.append(f"{msg.text} {msg.location.get('url', '')}")
                if msg.type == "error" or "Content Security Policy" in msg.text
                else None
            ),
        )
        return page, problems

    return make


def test_home_charts_draw(watched, system):
    f.MemberFactory(committee=system.city)
    f.MemberFactory(committee=system.county)
    page, problems = watched(system.alice)
    page.goto("/")
    expect(page.locator("#chart-committees canvas")).to_have_count(1)
    expect(page.locator("#chart-sectors canvas")).to_have_count(1)
    assert problems == []


def test_scope_picker_submits_on_change(watched, system):
    page, problems = watched(system.alice)
    page.goto("/members/")
    page.locator("#scope-select").select_option(str(system.county.pk))
    expect(page.locator("#scope-select")).to_have_value(str(system.county.pk))
    expect(page).to_have_url(re.compile(r"/members/"))
    assert problems == []


def test_attendance_set_every_row(watched, system):
    # Browser tests flush the database, and with it the kinds a data migration seeded.
    reseed_data_migrations()
    activity = f.ActivityFactory(committee=system.county)
    for _ in range(3):
        f.ParticipationFactory(activity=activity, member=f.MemberFactory(committee=system.county))
    page, problems = watched(system.bob)
    page.goto(f"/activities/{activity.pk}/attendance/")
    radios = page.locator("#attendance-rows input[type=radio][value=absent]")
    expect(radios).to_have_count(3)
    page.locator("[data-set-all=absent]").click()
    for i in range(3):
        expect(radios.nth(i)).to_be_checked()
    # saved through htmx: the table shows the saved state and says so
    page.get_by_role("button", name=t("Save attendance")).click()
    expect(page.get_by_test_id("attendance-notice")).to_be_visible()
    for i in range(3):
        expect(radios.nth(i)).to_be_checked()
    assert list(activity.participations.values_list("attendance", flat=True)) == ["absent"] * 3
    assert problems == []


def test_outputs_added_inline_with_more_rows(watched, system, screenshot_dir):
    reseed_data_migrations()
    activity = f.ActivityFactory(committee=system.county, title="糖业调研")
    page, problems = watched(system.bob)
    page.goto(activity.get_absolute_url())
    texts = page.locator("#outputs-form textarea")
    expect(texts).to_have_count(3)
    page.locator("[data-formset-add=items]").click()
    expect(texts).to_have_count(4)
    for i, text in enumerate(["用地指标紧张", "融资难", "用工缺口", "申报三步走"]):
        texts.nth(i).fill(text)
    page.locator("#id_items-3-kind").select_option("guide")
    page.get_by_test_id("outputs-save").click()
    expect(page.get_by_test_id("outputs-notice")).to_be_visible()
    expect(page.get_by_test_id("outputs")).to_contain_text("申报三步走")
    expect(page).to_have_url(re.compile(rf"/activities/{activity.pk}/$"))
    page.screenshot(path=screenshot_dir / "activity-outputs-desktop.png", full_page=True)
    assert activity.items.count() == 4 and activity.items.filter(kind="guide").count() == 1
    assert problems == []
    assert t("Save attendance")  # the page is the Chinese one the clerk uses


def test_large_picker_finds_members_by_search(watched, system):
    reseed_data_migrations()
    wanted = f.MemberFactory(committee=system.county, person__name="韦小宝")
    f.MemberFactory(committee=system.county, person__name="黄大年")
    f.MemberFactory(committee=system.other, person__name="韦大宝")  # not bob's to see
    page, problems = watched(system.bob)
    page.goto("/activities/")
    select = page.locator("select[name=member]")
    expect(select.locator("option")).to_have_count(1)  # only the empty choice on the page
    search = page.get_by_placeholder(t("Type to search…"))
    search.fill("韦")
    expect(select.locator("option")).to_have_count(2)
    select.select_option(str(wanted.pk))
    page.locator("#filter-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"member={wanted.pk}"))
    expect(page.locator("select[name=member] option:checked")).to_have_text(str(wanted))
    assert problems == []
