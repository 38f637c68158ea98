"""The proposal figures page: its chart data and its Excel workbook hold the real numbers."""

import io
import json

from django.urls import reverse
from openpyxl import load_workbook

from lvzhi.proposals import services


def _year(pp, system):
    pp.to(pp.new(), "closed")
    pp.to(pp.new(), "assigned")
    rejected = pp.to(pp.new(), "submitted")
    services.proposal_reject(actor=system.bob, proposal=rejected, ground="vague", reason="空泛")


def test_the_figures_workbook_holds_the_numbers(pp, system, client_for):
    _year(pp, system)
    response = client_for(system.bob).get(
        reverse("proposals:figures"), {"year": 2024, "export": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    totals = book["合计"]
    assert totals.freeze_panes == "A2"
    assert [c.value for c in totals[1]] == ["指标", "数值"] and totals["A1"].font.bold
    assert totals.column_dimensions["A"].width >= 12
    values = {row[0]: row[1] for row in totals.iter_rows(min_row=2, values_only=True)}
    assert (values["收到提案"], values["立案"], values["不予立案"]) == (3, 2, 1)
    assert values["按时答复率（%）"] == 100
    assert isinstance(values["收到提案"], int)

    league = book["承办单位排行"]
    assert league.freeze_panes == "A2"
    rows = list(league.values)
    assert rows[0][:4] == ("主办单位", "已交办", "已答复", "按时")
    assert rows[1][:4] == (str(pp.unit), 2, 1, 1)

    states = book["按状态"]
    counts = {name: n for name, n in list(states.values)[1:]}
    assert counts["不予立案"] == 1 and sum(counts.values()) == 3


def test_the_figures_page_draws_the_chart_from_the_same_numbers(pp, system, client_for):
    _year(pp, system)
    page = client_for(system.bob).get(reverse("proposals:figures"), {"year": 2024})
    html = page.content.decode()
    assert 'data-chart="figures-split"' in html and "echarts.min.js" in html
    assert "办理情况报告" in html  # the unit's Word report, not a 社情民意 report
    chart = json.loads(html.split('id="figures-chart" type="application/json">')[1].split("<")[0])
    assert sum(s["value"] for s in chart["states"]["data"]) == 3
    assert chart["league"]["categories"] == [str(pp.unit)]
    assigned = chart["league"]["series"][0]
    assert (assigned["name"], assigned["data"]) == ("已交办", [2])


def test_the_workbook_is_for_offices_and_leaders(pp, system, client_for):
    url = reverse("proposals:figures")
    assert client_for(system.carol).get(url, {"export": "xlsx"}).status_code == 403
    assert client_for(system.erin).get(url, {"export": "xlsx"}).status_code == 200
