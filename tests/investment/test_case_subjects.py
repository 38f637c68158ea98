"""典型案例 about investment records: a member case names the projects, pairings and
financing matches it is about (core.cases, without activities importing investment) and
shows their figures instead of typing them again."""

import datetime
from decimal import Decimal

import pytest

from lvzhi.core import cases, links
from lvzhi.investment import services
from tests import factories as f

from .conftest import new_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(iv):
    """carol's case, and her project (signed 1.8亿元, 350 jobs), a pairing with 20万元 and 5
    jobs of support, and a match with a 300万元 loan."""
    s = iv.s
    type(iv.project).objects.filter(pk=iv.project.pk).update(
        contracted_amount=18000, jobs_created=350
    )
    iv.project.refresh_from_db()
    iv.pairing = f.PairingFactory(committee=s.county)
    f.SupportRecordFactory(pairing=iv.pairing, amount=20, jobs=5, on=datetime.date(2024, 6, 1))
    iv.match = f.FinancingMatchFactory(need__committee=s.county, need__amount=500)
    iv.match = services.match_grant(actor=s.bob, match=iv.match, amount_granted=Decimal(300))
    iv.match = services.match_disburse(actor=s.bob, match=iv.match, amount_disbursed=Decimal(300))
    iv.case = f.MemberCaseFactory(
        committee=s.county, member=iv.carol_seat, title="牵线引进绿色建材项目"
    )
    return iv


def _add(client, case, record):
    return client.post(f"/activities/cases/{case.pk}/subjects/add/", {"subject": links.key(record)})


def test_the_office_links_the_records_and_the_case_shows_their_figures(case, client_for):
    client = client_for(case.s.bob)
    for record in (case.project, case.pairing, case.match):
        assert _add(client, case.case, record).status_code == 302
    page = client.get(case.case.get_absolute_url())
    subjects = page.context["subjects"]
    assert [row[1] for row in subjects["rows"]] == [case.project, case.pairing, case.match]
    assert subjects["total"] == {
        "investment": Decimal(18000 + 20 + 300),
        "jobs": Decimal(355),
        "output_value": None,
    }
    html = page.content.decode()
    assert case.project.name in html and 'data-testid="impact-jobs-from-records"' in html
    # a figure typed on the case itself wins over the records'
    type(case.case).objects.filter(pk=case.case.pk).update(jobs_created=400)
    html = client.get(case.case.get_absolute_url()).content.decode()
    assert 'data-testid="impact-jobs-from-records"' not in html and "400" in html
    # the picker finds the project for the office
    found = client.get("/autocomplete/case-subjects/", {"q": "绿色建筑"}).json()["results"]
    assert links.key(case.project) in {r["id"] for r in found}


def test_a_record_the_user_may_not_see_cannot_be_linked_nor_is_shown(case, client_for, system):
    other = new_project(system, name="象州县钙基项目")
    type(other).objects.filter(pk=other.pk).update(committee=system.other)
    county_office = client_for(system.bob)
    response = _add(county_office, case.case, other)
    assert response.status_code == 400
    assert "subject" in response.context["subject_form"].errors
    # linked by the city office, it stays hidden from the county office
    assert _add(client_for(system.alice), case.case, other).status_code == 302
    page = client_for(system.bob).get(case.case.get_absolute_url())
    assert page.context["subjects"]["rows"] == [] and page.context["subjects"]["hidden"] == 1
    assert "象州县钙基项目" not in page.content.decode()


def test_who_may_link(case, client_for):
    # a leader reads the case but may not change it; a handling unit does not see it
    assert _add(client_for(case.s.erin), case.case, case.project).status_code == 403
    assert _add(client_for(case.s.dave), case.case, case.project).status_code == 404
    assert not case.case.subjects.exists()
    # a record type that is no case subject is refused
    assert not cases.SUBJECTS.accepts_record(case.s.county)
    response = _add(client_for(case.s.bob), case.case, case.s.unit)
    assert response.status_code == 400


def test_a_link_is_removed_by_the_office(case, client_for):
    client = client_for(case.s.bob)
    _add(client, case.case, case.project)
    link = case.case.subjects.get()
    url = f"/activities/cases/{case.case.pk}/subjects/{link.pk}/remove/"
    assert client_for(case.s.erin).post(url).status_code == 403
    assert client_for(case.s.bob).post(url).status_code == 302
    assert not case.case.subjects.exists()
