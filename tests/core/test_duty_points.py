"""Scoring events and duty-record sections contributed by other apps (core.points,
core.duty): a member's closed problem and adopted 社情民意 earn points under the rule set's
rules and show in the member's 履职档案."""

import datetime
from decimal import Decimal

import pytest

from lvzhi.activities.scoring import compute_scores
from lvzhi.problems import services as problems
from lvzhi.proposals.models import Opinion
from lvzhi.proposals.services import opinion as opinions
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def pts(system):
    s = system
    s.seat = f.MemberFactory(committee=s.county, person=s.carol_person)
    s.ruleset = f.RuleSetFactory(committee=s.county, year=2024)
    for label, event, points in [
        ("协调解决难题", "problem_resolved", 3),
        ("社情民意被采用", "social_report_adopted", 5),
    ]:
        f.RuleFactory(
            ruleset=s.ruleset, label=label, event=event, points=Decimal(points), unit="item"
        )
    return s


def _closed_problem(s, raised_by, on):
    problem = f.ProblemFactory.build(
        committee=s.county,
        enterprise=f.EnterpriseFactory(committee=s.county),
        category=f.ProblemCategoryFactory(),
        raised_by=raised_by,
        title="进港道路破损",
    )
    problem = problems.problem_register(actor=s.bob, problem=problem, allow_duplicate=True, on=on)
    problem = problems.problem_assign(actor=s.bob, problem=problem, lead_unit=s.unit, on=on)
    problem = problems.problem_answer(actor=s.dave, problem=problem, solution="已修复。", on=on)
    problem = problems.problem_confirm(
        actor=s.bob, problem=problem, satisfaction="satisfied", on=on
    )
    return problem


def test_a_closed_problem_earns_the_member_who_raised_it(pts):
    day = datetime.date(2024, 11, 12)
    problem = _closed_problem(pts, pts.carol_person, day)
    score = compute_scores([pts.seat], 2024)[pts.seat.pk]
    assert [line.rule for line in score.lines] == []  # confirmed, not closed yet: nothing
    problems.problem_close(actor=pts.bob, problem=problem, on=day)
    score = compute_scores([pts.seat], 2024)[pts.seat.pk]
    assert [(line.rule, line.points, line.url) for line in score.lines] == [
        ("协调解决难题", Decimal("3"), f"/problems/{problem.pk}/")
    ]
    assert score.total == Decimal("3")
    # another member's problem earns carol nothing; and nothing in another year
    other = _closed_problem(pts, f.PersonFactory(committee=pts.county), day)
    problems.problem_close(actor=pts.bob, problem=other, on=day)
    assert compute_scores([pts.seat], 2024)[pts.seat.pk].total == Decimal("3")
    assert compute_scores([pts.seat], 2025)[pts.seat.pk].total == Decimal("0")


def test_each_adoption_level_earns_points_and_shows_in_the_duty_record(pts, client_for):
    opinion = opinions.opinion_submit(
        actor=pts.bob,
        opinion=Opinion(committee=pts.county, title="稳定糖料蔗种植面积的建议", text="建议。"),
        m2m={"authors": [pts.seat]},
        on=datetime.date(2024, 3, 1),
    )
    issue = f.OpinionBulletinFactory(committee=pts.county)
    opinions.opinion_accept(actor=pts.bob, opinion=opinion)
    opinions.opinion_compile(actor=pts.bob, opinion=opinion, bulletin=issue)
    for level, day in (
        ("city", datetime.date(2024, 4, 1)),
        ("province", datetime.date(2024, 5, 1)),
    ):
        opinions.opinion_forward(actor=pts.bob, opinion=opinion, level=level, date=day)
        opinions.opinion_adopt(actor=pts.bob, opinion=opinion, level=level, mode="single", date=day)
    score = compute_scores([pts.seat], 2024)[pts.seat.pk]
    assert [(line.rule, line.points) for line in score.lines] == [
        ("社情民意被采用", Decimal("5")),
        ("社情民意被采用", Decimal("5")),
    ]
    page = client_for(pts.carol).get(f"/activities/record/{pts.seat.pk}/?year=2024")
    html = page.content.decode()
    section = html.split('data-testid="duty-opinions"')[1].split("</table>")[0]
    assert "稳定糖料蔗种植面积的建议" in section
    assert html.count("社情民意被采用") == 2
    # another county's office does not see carol's record at all
    assert client_for(pts.olivia).get(f"/activities/record/{pts.seat.pk}/").status_code in (
        403,
        404,
    )


def test_the_problems_section_lists_what_the_member_raised(pts, client_for):
    problem = _closed_problem(pts, pts.carol_person, datetime.date(2024, 6, 3))
    page = client_for(pts.carol).get(f"/activities/record/{pts.seat.pk}/?year=2024")
    section = page.content.decode().split('data-testid="duty-problems"')[1].split("</table>")[0]
    assert f'href="/problems/{problem.pk}/"' in section


def test_the_word_and_excel_records_carry_the_declared_sections(pts, client_for):
    import io

    from docx import Document
    from openpyxl import load_workbook

    problem = _closed_problem(pts, pts.carol_person, datetime.date(2024, 6, 3))
    client = client_for(pts.carol)
    url = f"/activities/record/{pts.seat.pk}/?year=2024&export="
    response = client.get(url + "docx")
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "反映难题" in headings and "社情民意信息" in headings
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert str(problem) in cells
    response = client.get(url + "xlsx")
    content = (
        response.content if hasattr(response, "content") else b"".join(response.streaming_content)
    )
    sheet = load_workbook(io.BytesIO(content)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "反映难题" in values and str(problem) in values
