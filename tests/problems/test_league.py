"""League tables on a small data set whose figures are known by hand."""

from datetime import date

import pytest
from openpyxl import load_workbook

from lvzhi.problems import selectors, services
from tests import factories as f

pytestmark = pytest.mark.django_db

ASSIGNED = date(2024, 3, 1)  # a Friday


@pytest.fixture
def season(pb):
    s, sugar = pb.s, f.IndustryFactory(name="糖业")

    def case(lead, deadline=None, answer_on=None, verdict=None, year_assigned=ASSIGNED):
        p = pb.new(industry=sugar)
        p = services.problem_assign(
            actor=s.bob, problem=p, lead_unit=lead, deadline=deadline, on=year_assigned
        )
        actor = s.dave if lead == pb.unit else pb.cody
        if answer_on:
            p = services.problem_answer(actor=actor, problem=p, solution="已解决", on=answer_on)
        if verdict:
            p = services.problem_confirm(actor=s.bob, problem=p, satisfaction=verdict, on=answer_on)
        return p

    # 武宣县工信局: on time in 2 working days (satisfied); late in 5 (basically); open, overdue.
    case(pb.unit, answer_on=date(2024, 3, 5), verdict="satisfied")
    case(pb.unit, deadline=date(2024, 3, 4), answer_on=date(2024, 3, 8), verdict="basically")
    case(pb.unit, deadline=date(2024, 3, 4))
    # 武宣县发改局: answered the same day, not yet confirmed.
    case(pb.co_unit, answer_on=ASSIGNED)
    # Assigned in 2023: not in the 2024 table.
    case(pb.unit, year_assigned=date(2023, 12, 29), answer_on=date(2024, 1, 2))
    return pb


def test_per_unit(season):
    rows = {r["name"]: r for r in selectors.league_table(user=season.s.alice, year=2024, by="unit")}
    gxj = rows["武宣县工信局"]
    assert (gxj["assigned"], gxj["answered"], gxj["on_time"], gxj["overdue"]) == (3, 2, 1, 2)
    assert (gxj["avg_days"], gxj["on_time_rate"], gxj["satisfaction_rate"]) == (3.5, 50.0, 100.0)
    assert gxj["resolved"] == 2
    fgj = rows["武宣县发改局"]
    assert (fgj["assigned"], fgj["on_time"], fgj["avg_days"], fgj["satisfaction_rate"]) == (
        1,
        1,
        0.0,
        None,
    )
    assert list(rows) == ["武宣县发改局", "武宣县工信局"]  # best on-time rate first


def test_per_county_and_industry(season):
    (county,) = selectors.league_table(user=season.s.alice, year=2024, by="county")
    assert county["name"] == "武宣县政协" and county["assigned"] == 4
    (industry,) = selectors.league_table(user=season.s.alice, year=2024, by="industry")
    assert industry["name"] == "糖业" and industry["overdue"] == 2


def test_other_county_staff_see_nothing(season, pb):
    assert selectors.league_table(user=pb.olga, year=2024) == []


def test_page_and_excel(season, client_for):
    client = client_for(season.s.alice)
    page = client.get("/problems/league/?year=2024&by=unit")
    assert page.status_code == 200
    assert "武宣县工信局" in page.content.decode() and "echarts" in page.content.decode()
    response = client.get("/problems/league/?year=2024&by=unit&export=xlsx")
    wb = load_workbook(filename=__import__("io").BytesIO(b"".join(response.streaming_content)))
    rows = list(wb.active.values)
    assert rows[0][0] and len(rows) == 3
    assert rows[2][0] == "武宣县工信局" and rows[2][1] == 3


def test_league_is_for_offices_and_leaders(season, client_for, api_for):
    assert client_for(season.s.dave).get("/problems/league/").status_code == 403
    assert client_for(season.s.erin).get("/problems/league/?year=2024").status_code == 200
    data = api_for(season.s.alice).get("/api/v1/problems/league/?year=2024&by=county").json()
    assert data[0]["assigned"] == 4
    assert api_for(season.s.alice).get("/api/v1/problems/league/?year=x").status_code == 400


def test_without_a_year_the_page_opens_on_the_latest_year_with_problems(season, client_for):
    """This year has no assignments yet: the page shows 2024 (not an empty table) and says
    so; asked for a year, it shows that year without the notice."""
    client = client_for(season.s.alice)
    page = client.get("/problems/league/?by=unit")
    assert page.context["year"] == 2024 and page.context["fell_back"]
    html = page.content.decode()
    assert 'data-testid="year-fallback"' in html and "武宣县工信局" in html
    asked = client.get("/problems/league/?year=2023&by=unit")
    assert asked.context["year"] == 2023
    assert 'data-testid="year-fallback"' not in asked.content.decode()
