"""Projects, financing and pairings as users meet them: amounts parsed, sensitive fields,
banks' own matches, member leads, bad input at the field, the funnel, scoring."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from lvzhi.core.choices import Role
from lvzhi.core.models import RoleAssignment
from lvzhi.core.points import events_for
from lvzhi.investment import services
from lvzhi.investment.models import FinancingMatch, InvestmentProject, Pairing
from tests import factories as f

pytestmark = pytest.mark.django_db
MAY, JUNE = datetime.date(2024, 5, 1), datetime.date(2024, 6, 1)


def test_amounts_and_capacity_are_parsed_at_the_field(system, client_for):
    client = client_for(system.bob)
    body = {
        "committee": system.county.pk,
        "name": "东糖技改",
        "investor_name": "广西东糖集团",
        "source_mode": "member",
        "registered_on": "2024-05-16",
        "planned_investment": "1.8亿元",
        "capacity": "年产1000万平方米",
    }
    assert client.post("/investment/add/", body).status_code == 302
    project = InvestmentProject.objects.get(name="东糖技改")
    assert project.planned_investment == Decimal(18000)  # 万元
    assert (project.capacity_value, project.capacity_unit) == (Decimal(10_000_000), "平方米")
    bad = client.post(
        "/investment/add/",
        {**body, "name": "坏", "planned_investment": "80余万", "capacity": "很大"},
    )
    assert bad.status_code == 400
    errors = bad.context["form"].errors
    assert set(errors) == {"planned_investment", "capacity"}
    assert not InvestmentProject.objects.filter(name="坏").exists()


def test_sensitive_fields_are_for_the_office_and_the_responsible_leader(iv, client_for, api_for):
    url = f"/api/v1/investment-projects/{iv.project.pk}/"
    office = api_for(iv.s.bob).get(url).json()
    assert office["investor_contact"] and office["planned_investment"]
    member = api_for(iv.s.carol).get(url).json()
    assert "investor_contact" not in member and "planned_investment" not in member
    page = client_for(iv.s.carol).get(f"/investment/{iv.project.pk}/").content.decode()
    assert "13800000000" not in page
    iv.project.responsible_leader = iv.leader
    iv.project.save()
    assert "investor_contact" in api_for(iv.s.erin).get(url).json()


def test_a_member_registers_a_lead_and_is_credited(system, client_for):
    f.MemberFactory(committee=system.county, person=system.carol_person)
    client = client_for(system.carol)
    response = client.post(
        "/investment/lead/",
        {
            "committee": system.county.pk,
            "name": "冷链物流园项目",
            "investor_name": "深圳某冷链公司",
            "source_mode": "member",
            "planned_investment": "5000万",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    project = InvestmentProject.objects.get(name="冷链物流园项目")
    assert project.credits.get().member.person == system.carol_person
    assert not project.published
    assert client.get(project.get_absolute_url()).status_code == 200
    assert client_for(system.dave).get(project.get_absolute_url()).status_code == 404


def test_a_bank_sees_its_own_match_never_another_banks(system, client_for, api_for):
    mine = f.DepartmentFactory(committee=system.county, kind="bank", name="农商行")
    other = f.DepartmentFactory(committee=system.county, kind="bank", name="工行")
    banker = f.UserFactory(username="banker")
    RoleAssignment.objects.create(
        user=banker, committee=system.county, role=Role.UNIT, department=mine
    )
    need = f.FinancingNeedFactory(committee=system.county)
    m1 = f.FinancingMatchFactory(need=need, bank=mine)
    m2 = f.FinancingMatchFactory(need=need, bank=other)
    ids = {r["id"] for r in api_for(banker).get("/api/v1/financing-matches/").json()["results"]}
    assert ids == {m1.pk}
    page = client_for(banker).get(need.get_absolute_url()).content.decode()
    assert "农商行" in page and "工行" not in page
    assert client_for(banker).get(m2.get_absolute_url()).status_code == 404


def test_the_office_files_a_match_without_its_outcome(system, client_for):
    """What came of a match is the bank's step (test_match_outcome.py), not a form field."""
    need = f.FinancingNeedFactory(committee=system.county)
    bank = f.DepartmentFactory(committee=system.county, kind="bank")
    response = client_for(system.bob).post(
        "/investment/matches/add/",
        {
            "need": need.pk,
            "bank": bank.pk,
            "matched_on": "2024-04-18",
            "status": "disbursed",
            "amount_granted": "300万",
        },
    )
    assert response.status_code == 302
    match = FinancingMatch.objects.get()
    assert (match.status, match.amount_granted) == ("matching", None)


def test_a_non_member_enterprise_cannot_be_paired(system, client_for):
    response = client_for(system.bob).post(
        "/investment/pairings/add/",
        {
            "committee": system.county.pk,
            "enterprise": f.EnterpriseFactory(committee=system.county).pk,
            "village": f.VillageFactory(committee=system.county).pk,
            "started_on": "2024-03-01",
        },
    )
    assert response.status_code == 400
    assert "enterprise" in response.context["form"].errors
    assert not Pairing.objects.exists()


def test_a_landed_project_credits_its_members_points(iv):
    p = services.project_skip(
        actor=iv.s.bob, project=iv.project, to_stage="started", reason="已开工"
    )
    events = [
        e for key, e in events_for([iv.carol_seat.pk], p.started_on.year) if key == "project_landed"
    ]
    assert [(e.member_id, e.date) for e in events] == [(iv.carol_seat.pk, p.started_on)]
    assert "100%" in events[0].label
    assert list(events_for([iv.carol_seat.pk], p.started_on.year - 1)) == []


def test_funnel_page_and_workbook_show_the_years_figures(iv, client_for):
    p = services.project_skip(
        actor=iv.s.bob, project=iv.project, to_stage="contracted", reason="签约", date=MAY
    )
    p = services.project_funds(actor=iv.s.bob, project=p, amount=Decimal(3000), date=JUNE)
    year = p.contracted_on.year
    client = client_for(iv.s.bob)
    page = client.get("/investment/funnel/", {"year": year})
    assert page.status_code == 200
    stages = {s["stage"]: s["count"] for s in page.context["funnel"]["stages"]}
    assert stages["lead"] == 1 and stages["contracted"] == 1 and stages["negotiating"] == 0
    response = client.get("/investment/funnel/", {"year": year, "export": "xlsx"})
    rows = list(load_workbook(BytesIO(b"".join(response.streaming_content))).active.values)
    assert any(r[1] == 3000 for r in rows)
    assert client_for(iv.s.carol).get("/investment/funnel/").status_code == 403


def test_the_village_and_the_enterprise_pages_show_the_pairing(system, client_for):
    record = f.SupportRecordFactory(pairing=f.PairingFactory(committee=system.county))
    pairing = record.pairing
    client = client_for(system.bob)
    page = client.get(pairing.village.get_absolute_url()).content.decode()
    assert pairing.enterprise.name in page and pairing.get_absolute_url() in page
    page = client.get(pairing.enterprise.get_absolute_url()).content.decode()
    assert str(pairing.village) in page
    # a member sees the published village, not the unpublished pairing
    pairing.village.published = True
    pairing.village.save()
    page = client_for(system.carol).get(pairing.village.get_absolute_url())
    assert page.status_code == 200
    assert pairing.get_absolute_url() not in page.content.decode()


def test_the_same_lead_registered_twice_is_flagged_on_its_page(iv, client_for):
    from .conftest import new_project

    twin = new_project(iv.s, name=iv.project.name)
    page = client_for(iv.s.bob).get(twin.get_absolute_url()).content.decode()
    assert 'data-testid="duplicates"' in page and iv.project.get_absolute_url() in page
    other = new_project(iv.s, name="另一个项目")
    page = client_for(iv.s.bob).get(other.get_absolute_url()).content.decode()
    assert 'data-testid="duplicates"' not in page


def test_a_member_registers_a_lead_through_the_api_not_a_unit(system, api_for):
    f.MemberFactory(committee=system.county, person=system.carol_person)
    body = {
        "committee": system.county.pk,
        "name": "瑶医药制剂项目",
        "investor_name": "广州某药业",
        "source_mode": "member",
        "planned_investment": "1.2亿",
    }
    response = api_for(system.carol).post("/api/v1/investment-projects/lead/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["state"] == "lead" and response.json()["credits"][0]["share"] == "100.00"
    assert InvestmentProject.objects.get(name="瑶医药制剂项目").planned_investment == 12000
    refused = api_for(system.dave).post("/api/v1/investment-projects/lead/", body, format="json")
    assert refused.status_code == 403
    bad = api_for(system.carol).post(
        "/api/v1/investment-projects/lead/", {**body, "planned_investment": "很多"}, format="json"
    )
    assert bad.status_code == 400 and "planned_investment" in bad.json()
