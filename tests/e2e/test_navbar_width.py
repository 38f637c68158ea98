"""The navigation bar fits a 1366 px office screen on one line, in English too."""

import pytest
from django.conf import settings

from tests import factories as f
from tests.e2e.conftest import DESKTOP

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_navbar_fits_on_one_line(new_page, live_server, system, screenshot_dir, language):
    f.MemberFactory(committee=system.city)
    page = new_page(system.alice, viewport=DESKTOP)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.goto("/")
    nav = page.locator("nav.navbar")
    page.screenshot(
        path=screenshot_dir / f"navbar-{language}-desktop.png",
        clip={"x": 0, "y": 0, "width": DESKTOP["width"], "height": 120},
    )
    assert nav.bounding_box()["height"] < 70  # one row
    for locator in (
        page.get_by_test_id("language-switch"),
        page.locator("nav form[action='/logout/'] button"),
    ):
        assert locator.bounding_box()["height"] < 40, locator  # not wrapped
    scope = page.locator("#scope-select")
    option = scope.locator("option:checked").inner_text()
    assert scope.bounding_box()["width"] >= 9 * len(option) or scope.bounding_box()["width"] > 150
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
