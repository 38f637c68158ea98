"""Browser fixtures: one Chromium per test session, a fresh context (cookies, viewport) per test.

Uses Debian's /usr/bin/chromium (never `playwright install`). Without it the browser tests
are skipped, unless LVZHI_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from playwright.sync_api import expect

CHROMIUM = Path(os.environ.get("LVZHI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def t(message):
    """What the Chinese interface shows for `message` (the msgid itself while untranslated)."""
    with translation.override("zh-hans"):
        return translation.gettext(message)


def pick(page, name, words, value):
    """Choose a record in a large picker as a user does: type into its search box, then
    choose among the matches (only the chosen record is on the page beforehand)."""
    select = page.locator(f"select[name={name}]")
    select.locator("xpath=preceding-sibling::input[@type='search'][1]").fill(words)
    expect(select.locator(f"option[value='{value}']")).to_have_count(1)
    select.select_option(str(value))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("LVZHI_REQUIRE_BROWSER") == "1":
            pytest.fail(f"LVZHI_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=10_000)
    # Playwright's sync API keeps an event loop "running" in this thread from here to the
    # end of the session, so Django would refuse every ORM call (also in later non-browser
    # tests) as unsafe in async context. Set only once a browser is really started.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server, transactional_db):
    """new_page(user=None, viewport=DESKTOP) -> a Page in a fresh context, signed in as user."""
    contexts = []

    def make(user=None, viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
            )
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
