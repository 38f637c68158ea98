"""Every role walks every entry of its menu at an office screen and on a phone: no page
overflows sideways (a wide list scrolls inside its own box), none answers an error."""

import pytest

from tests import factories as f
from tests.e2e.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e

ROLES = ["alice", "bob", "carol", "dave", "erin", "frank"]


@pytest.fixture
def records(system):
    member = f.MemberFactory(committee=system.county, person=system.carol_person)
    f.EnterpriseFactory(committee=system.county, member=system.carol_person)
    activity = f.ActivityFactory(
        committee=system.county,
        kind=f.ActivityKindFactory(category="research"),
        title="钙基新材料产业链调研座谈会",
    )
    f.ParticipationFactory(activity=activity, member=member)
    f.registered_problem(system.bob, system.county, lead_unit=system.unit)


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("who", ROLES)
def test_every_menu_entry_fits_the_screen(new_page, system, records, who, width):
    viewport = DESKTOP if width == "desktop" else PHONE
    page = new_page(getattr(system, who), viewport=viewport)
    page.goto("/")
    urls = page.eval_on_selector_all(
        "nav .dropdown-menu a.dropdown-item[href^='/']",
        "els => els.map(e => e.getAttribute('href'))",
    )
    urls = [u for u in dict.fromkeys(urls) if not u.startswith(("/admin/", "/notifications/"))]
    assert urls, who
    for url in urls:
        response = page.goto(url)
        assert response.status < 400, (who, url, response.status)
        width_used = page.evaluate("document.documentElement.scrollWidth")
        assert width_used <= viewport["width"], (who, url, width_used)
