"""The ranking and the league table show 25 rows a page; their Excel exports stay whole."""

import io
from datetime import date

from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from lvzhi.problems.models import ProblemAssignment
from tests import factories as f


def workbook_rows(response):
    content = b"".join(response.streaming_content)
    return list(load_workbook(filename=io.BytesIO(content)).active.values)


def rows_of(page):
    return page.content.decode().count("<tr><td>")


def test_score_ranking_pages_by_25_and_exports_every_member(system, client_for):
    f.RuleFactory(ruleset=f.RuleSetFactory(committee=system.county, year=2024))
    best = f.MemberFactory(committee=system.county, person=system.carol_person)
    f.ParticipationFactory(activity=f.ActivityFactory(committee=system.county), member=best)
    others = f.MemberFactory.create_batch(27, committee=system.county)
    client = client_for(system.bob)
    url = reverse("activities:ranking")
    first = client.get(url, {"year": 2024, "scope": system.county.pk})
    assert rows_of(first) == 25 and "卡萝" in first.content.decode()
    second = client.get(url, {"year": 2024, "scope": system.county.pk, "page": 2})
    text = second.content.decode()
    assert rows_of(second) == 3 and "卡萝" not in text
    # Ranks run on across pages: the best member is 1st, everyone else shares 2nd.
    assert "<tr><td>2</td>" in text and "<tr><td>1</td>" not in text
    assert f"year=2024&amp;scope={system.county.pk}&amp;page=1" in text  # back, same filter
    export = client.get(url, {"year": 2024, "scope": system.county.pk, "page": 2, "export": "xlsx"})
    rows = workbook_rows(export)
    assert len(rows) == 1 + 1 + len(others) and rows[1][1] == "卡萝"


def test_league_table_pages_by_25_and_exports_every_unit(system, client_for):
    for i in range(27):
        unit = f.DepartmentFactory(committee=system.county, name=f"单位{i:02d}")
        problem = f.ProblemFactory(
            committee=system.county, lead_unit=unit, assigned_on=date(2024, 3, 1)
        )
        ProblemAssignment.objects.create(problem=problem, department=unit, role="lead")
    client = client_for(system.alice)
    first = client.get("/problems/league/?year=2024&by=unit")
    assert rows_of(first) == 25
    second = client.get("/problems/league/?year=2024&by=unit&page=2")
    assert rows_of(second) == 2
    rows = workbook_rows(client.get("/problems/league/?year=2024&by=unit&page=2&export=xlsx"))
    assert len(rows) == 1 + 27


def test_record_list_counts_up_to_the_cap_then_says_more_than(system, client_for, monkeypatch):
    from lvzhi.core import paging

    f.EnterpriseFactory.create_batch(5, committee=system.county)
    client = client_for(system.bob)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    monkeypatch.setattr(paging, "COUNT_CAP", 10)
    page = client.get("/enterprises/", {"scope": system.county.pk}).content.decode()
    assert "5 records" in page and "More than" not in page

    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    page = client.get("/enterprises/", {"scope": system.county.pk}).content.decode()
    assert "More than 3 records" in page
    assert rows_of_table(page) == 3  # the first COUNT_CAP rows are paged through


def rows_of_table(html):
    body = html.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return body.count("<tr")
