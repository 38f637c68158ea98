"""Every workbook: real date and number cells, column widths, a frozen and filtered header."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from lvzhi.core.excel import write_workbook
from lvzhi.problems import services
from lvzhi.problems.models import Problem


def sheet(data):
    return load_workbook(io.BytesIO(data)).active


def test_a_workbook_is_ready_for_office_work():
    out = io.BytesIO()
    write_workbook(
        out,
        "难题",
        ["日期", "金额", "说明", "名称"],
        [
            [datetime.date(2024, 12, 19), Decimal("1.8"), "很长的说明" * 20, "=HYPERLINK(1)"],
            [datetime.date(2024, 12, 20), 3, "短", "来宾市糖业公司"],
        ],
    )
    ws = sheet(out.getvalue())
    assert ws["A2"].value == datetime.datetime(2024, 12, 19) and ws["A2"].is_date
    assert ws["A2"].number_format == "yyyy-mm-dd"
    assert ws["B2"].data_type == "n" and ws["B2"].value == 1.8
    assert ws["D2"].data_type == "s" and ws["D2"].quotePrefix  # still formula-safe
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:D3"
    widths = {c: ws.column_dimensions[c].width for c in "ABCD"}
    assert widths["A"] >= 10 and widths["C"] == 50 and widths["D"] >= 16
    assert ws["C2"].alignment.wrap_text


@pytest.mark.django_db
def test_the_problem_export_holds_what_the_detail_page_shows(system, client_for):
    from tests import factories as f

    problem = f.registered_problem(
        system.bob,
        system.county,
        lead_unit=system.unit,
        title="续贷难",
        description="一笔贷款下月到期。",
    )
    problem = services.problem_start(actor=system.dave, problem=problem)
    problem = services.problem_answer(actor=system.dave, problem=problem, solution="已续贷。")
    services.problem_confirm(actor=system.bob, problem=problem, satisfaction="satisfied")
    Problem.objects.filter(pk=problem.pk).update(escalated_on=datetime.date(2024, 12, 2))
    response = client_for(system.alice).get("/problems/?export=xlsx")
    ws = sheet(b"".join(response.streaming_content))
    headers = [c.value for c in ws[1]]
    row = dict(zip(headers, [c for c in ws[2]], strict=True))
    labels = {
        name: str(Problem._meta.get_field(name).verbose_name)
        for name in (
            "description",
            "solution",
            "answered_on",
            "satisfaction",
            "registered_on",
            "deadline",
        )
    }
    assert row[labels["description"]].value == "一笔贷款下月到期。"
    assert row[labels["solution"]].value == "已续贷。"
    assert row[labels["answered_on"]].is_date and row[labels["registered_on"]].is_date
    assert row[labels["deadline"]].is_date
    assert row[labels["satisfaction"]].value == str(
        problem.__class__(satisfaction="satisfied").get_satisfaction_display()
    )
    escalated = [c for h, c in row.items() if h not in labels.values() and c.is_date]
    assert any(c.value == datetime.datetime(2024, 12, 2) for c in escalated)
    assert row["#"].data_type == "n"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
