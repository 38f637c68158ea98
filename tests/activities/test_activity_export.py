"""The activity export carries who led, who took part (with attendance), the half days and
the outputs, not only counts; reading them costs the same whatever the list's length."""

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests import factories as f


def _sheet(client):
    res = client.get("/activities/?export=xlsx")
    assert res.status_code == 200
    ws = load_workbook(io.BytesIO(b"".join(res.streaming_content))).active
    rows = list(ws.iter_rows(values_only=True))
    return rows[0], rows[1:]


def _activity(system, kinds, title, names):
    activity = f.ActivityFactory(
        committee=system.county, kind=kinds["research"], title=title, half_days=3
    )
    members = [f.MemberFactory(committee=system.county, person__name=n) for n in names]
    activity.leaders.set(members[:1])
    for n, member in enumerate(members):
        f.ParticipationFactory(
            activity=activity, member=member, attendance="attended" if n else "excused"
        )
    f.ReportItemFactory(activity=activity, kind="problem", text="冷库用电价格偏高")
    f.ReportItemFactory(activity=activity, kind="guide", text="申报冷链补助的步骤")
    return activity


def test_activity_export_has_leaders_participants_half_days_and_outputs(system, client_for, kinds):
    _activity(system, kinds, "冷链物流调研", ["王林", "丁一", "欧阳明"])
    headers, rows = _sheet(client_for(system.bob))
    row = dict(zip(headers, rows[0], strict=True))
    assert row["半天数"] == 3
    assert row["带队领导"] == "王林"
    assert row["参加人员"] == "丁一（出席）、王林（请假）、欧阳明（出席）"
    assert row["成果条目"].splitlines() == [
        "问题清单：冷库用电价格偏高",
        "操作指南：申报冷链补助的步骤",
    ]
    assert row["参加委员"] == 3


def test_activity_export_reads_the_names_in_a_constant_number_of_queries(system, client_for, kinds):
    client = client_for(system.bob)
    _activity(system, kinds, "调研一", ["王林", "丁一"])
    with CaptureQueriesContext(connection) as one:
        _sheet(client)
    for n in range(5):
        _activity(system, kinds, f"调研{n + 2}", [f"李{n}", f"张{n}"])
    with CaptureQueriesContext(connection) as six:
        _, rows = _sheet(client)
    assert len(rows) == 6 and len(six) == len(one)
