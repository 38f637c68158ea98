"""The dashboard (领导驾驶舱) in the browser: charts drawn, no script error, readable on a
390 px phone without sideways scrolling, and a figure drills down to its list."""

import pytest

from tests.e2e.conftest import DESKTOP, PHONE
from tests.reports.conftest import hand_counted_year

pytestmark = pytest.mark.e2e


@pytest.fixture
def year(system):
    return hand_counted_year(system)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_dashboard_draws_and_fits(new_page, year, screenshot_dir, viewport):
    page = new_page(year.s.alice, viewport=viewport)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/reports/?year=2024")
    page.wait_for_selector("#chart-months canvas")
    assert page.locator("#chart-committees canvas").count() == 1
    assert "协调解决难题2个" in page.get_by_test_id("report-paragraph").inner_text()
    name = "phone" if viewport is PHONE else "desktop"
    page.screenshot(path=screenshot_dir / f"dashboard-{name}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert not errors
    page.get_by_test_id("headline-activities.consultations").click()
    page.wait_for_url("**/activities/?category=consultation*")
    assert page.locator("table tbody tr").count() == 4
