"""Every role walks every entry of its menu at an office screen and on a phone: no page
overflows sideways (a wide list scrolls inside its own box), none answers an error."""

import datetime

import pytest

from lvzhi.investment import services as investment
from lvzhi.investment.models import InvestmentProject
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
    # the investment lists with a row each (an empty list fits any screen)
    project = investment.project_register(
        actor=system.bob,
        project=InvestmentProject(
            committee=system.county,
            name="年产1000万平方米绿色建筑新材料项目（一期、二期）",
            investor_name="广东佛山某绿色建筑新材料集团有限公司",
            source_mode="member",
            planned_investment=18000,
            contracted_amount=18000,
            department=system.unit,
            registered_on=datetime.date(2024, 1, 10),
        ),
    )
    investment.project_credit(actor=system.bob, project=project, member=member, share=100)
    match = f.FinancingMatchFactory(need__committee=system.county, need__published=True)
    pairing = f.PairingFactory(committee=system.county, published=True)
    f.SupportRecordFactory(pairing=pairing, amount=20, on=datetime.date(2024, 5, 1))
    return project, match


def test_project_list_is_cards_on_a_phone(new_page, system, records):
    page = new_page(system.bob, viewport=PHONE)
    page.goto("/investment/")
    card = page.locator("table.table-stack tbody tr").first
    assert page.locator("table.table-stack thead").is_hidden()
    assert card.locator("td[data-label]").filter(has_text="绿色建筑新材料项目").is_visible()
    # the card keeps what a phone user looks for; committee and dates wait for a wider screen
    visible = card.locator("td:visible")
    assert visible.count() == 4, visible.all_inner_texts()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page = new_page(system.bob, viewport=DESKTOP)
    page.goto("/investment/")
    # an office screen (1366 px, below xxl) shows all but the committee and the registration
    assert page.locator("table.table-stack tbody tr").first.locator("td:visible").count() == 7


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
