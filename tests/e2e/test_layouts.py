"""The pages people use most at an office screen (1366 px) and on a phone (390 px): no
sideways overflow, the deadline state always on screen, rows as cards on a phone, the duty
record and the calendar readable; the check-in page on a member's phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lvzhi.activities.services import check_in_token
from tests import factories as f
from tests.e2e.conftest import DESKTOP, PHONE, t

pytestmark = pytest.mark.e2e

WIDTHS = {"desktop": DESKTOP, "phone": PHONE}


def no_overflow(page, viewport):
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def in_viewport_horizontally(page, locator, viewport):
    box = locator.bounding_box()
    assert box is not None and box["width"] > 0, locator
    assert 0 <= box["x"] and box["x"] + box["width"] <= viewport["width"], (locator, box)


@pytest.fixture
def problems(system):
    for n in range(3):
        f.registered_problem(
            system.bob,
            system.county,
            lead_unit=system.unit,
            title=f"冷链物流园区用电价格偏高需协调降低电价第{n}件",
        )


@pytest.mark.parametrize("width", WIDTHS)
def test_problem_list_keeps_the_deadline_state_on_screen(
    new_page, system, problems, screenshot_dir, width
):
    viewport = WIDTHS[width]
    page = new_page(system.alice, viewport=viewport)
    page.goto("/problems/")
    badge = page.locator("table tbody tr").first.locator("td").nth(3).locator(".badge")
    expect(badge).to_be_visible()
    in_viewport_horizontally(page, badge, viewport)
    no_overflow(page, viewport)
    scroller = page.locator(".table-responsive").first
    assert scroller.evaluate("e => e.scrollWidth <= e.clientWidth"), "the list scrolls sideways"
    if width == "phone":
        # a card per row: the title wraps on its own line, with the column names
        row = page.locator("table tbody tr").first
        assert row.bounding_box()["height"] > 80
        expect(page.locator("table thead")).to_be_hidden()
    page.screenshot(path=screenshot_dir / f"problems-list-{width}.png", full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_duty_record_and_calendar_are_readable(new_page, system, screenshot_dir, width):
    viewport = WIDTHS[width]
    member = f.MemberFactory(committee=system.county, person=system.carol_person)
    today = timezone.localdate()
    kind = f.ActivityKindFactory(category="enterprise_visit")
    for n in range(3):
        activity = f.ActivityFactory(
            committee=system.county,
            kind=kind,
            start_date=today.replace(day=1) + datetime.timedelta(days=n * 3),
            title=f"糖业产业服务团走访来宾市东糖集团调研第{n}次",
        )
        f.ParticipationFactory(activity=activity, member=member)
    page = new_page(system.carol, viewport=viewport)
    page.goto(f"/activities/record/{member.pk}/?year={today.year}")
    title = page.get_by_test_id("record-activities").locator("tbody tr").first.locator("td").nth(1)
    expect(title).to_be_visible()
    # not one character a line: the title cell is as wide as a few dozen characters
    assert title.bounding_box()["width"] > 150
    no_overflow(page, viewport)
    page.screenshot(path=screenshot_dir / f"duty-record-{width}.png", full_page=True)

    page.goto("/activities/calendar/")
    if width == "phone":
        agenda = page.get_by_test_id("calendar-agenda")
        expect(agenda.get_by_text("糖业产业服务团走访来宾市东糖集团调研第0次")).to_be_visible()
        expect(page.locator("table.table-bordered")).to_be_hidden()
    else:
        expect(page.locator("table.table-bordered th").nth(6)).to_be_visible()
        in_viewport_horizontally(page, page.locator("table.table-bordered th").nth(6), viewport)
    for button in page.locator("main a.btn").all():
        assert button.bounding_box()["height"] < 40, "a button wraps a character a line"
    no_overflow(page, viewport)
    page.screenshot(path=screenshot_dir / f"calendar-{width}.png", full_page=True)


def test_member_checks_in_on_a_phone_and_the_roll_shows_it(new_page, system, screenshot_dir):
    member = f.MemberFactory(committee=system.county, person=system.carol_person)
    activity = f.ActivityFactory(
        committee=system.county,
        kind=f.ActivityKindFactory(category="financing"),
        start_date=timezone.localdate(),
        title="政银企对接会",
    )
    row = f.ParticipationFactory(activity=activity, member=member, attendance="invited")
    roll = new_page(system.bob, viewport=DESKTOP)
    roll.goto(f"/activities/{activity.pk}/attendance/")
    expect(roll.get_by_test_id("arrived-count")).to_have_text("0 / 1")

    phone = new_page(system.carol, viewport=PHONE)
    phone.goto(f"/activities/check-in/?code={check_in_token(activity)}")
    expect(phone.get_by_text("政银企对接会")).to_be_visible()
    no_overflow(phone, PHONE)
    phone.get_by_test_id("check-in-button").click()
    expect(phone.get_by_test_id("checked-in")).to_contain_text(t("Check in")[:2])
    phone.screenshot(path=screenshot_dir / "check-in-phone.png", full_page=True)

    # the clerk's page shows the arrival within a poll, and the row as present
    expect(roll.get_by_test_id("arrived-count")).to_have_text("1 / 1", timeout=12_000)
    expect(roll.locator(f"input[name=p{row.pk}][value=attended]")).to_be_checked()
    expect(roll.locator("#attendance-counts")).to_contain_text(f"{t('Attended')}: 1")
    roll.screenshot(path=screenshot_dir / "attendance-arrivals.png", full_page=True)
    # stop the page's polling, and let a poll on its way end before the database is flushed
    roll.goto("about:blank")
    roll.wait_for_timeout(1000)
