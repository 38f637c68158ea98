"""Attendance of a 300-member meeting in a few clicks: roll, set all, save; or Excel."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from lvzhi.activities import models
from lvzhi.core.models import Member
from tests import factories as f


def test_three_hundred_members_roll_and_attendance_in_two_posts(system, client_for, kinds):
    sector = f.SectorFactory(name="经济界")
    for i in range(300):
        f.MemberFactory(committee=system.city, sector=sector, person__name=f"委员{i:03d}")
    meeting = f.ActivityFactory(committee=system.city, kind=kinds["plenary"], title="全体会议")
    client = client_for(system.alice)
    res = client.post(
        reverse("activities:invite", args=[meeting.pk]),
        {"committees": [system.city.pk], "role": "participant"},
    )
    assert res.status_code == 302
    rows = list(meeting.participations.all())
    assert len(rows) == 300 and {r.attendance for r in rows} == {"invited"}
    page = client.get(reverse("activities:attendance", args=[meeting.pk]))
    assert page.content.decode().count('type="radio"') == 300 * 4
    # "set every row to attended", two excused, one absent, then one save
    data = {f"p{r.pk}": "attended" for r in rows}
    data[f"p{rows[0].pk}"] = "excused"
    data[f"p{rows[1].pk}"] = "excused"
    data[f"p{rows[2].pk}"] = "absent"
    res = client.post(reverse("activities:attendance", args=[meeting.pk]), data)
    assert res.status_code == 302
    states = list(meeting.participations.values_list("attendance", flat=True))
    assert states.count("attended") == 297 and states.count("excused") == 2
    assert models.Participation.history.filter(history_user=system.alice).count() == 600


def test_htmx_save_returns_the_rows(system, client_for, activity):
    row = activity.participations.get()
    res = client_for(system.bob).post(
        reverse("activities:attendance", args=[activity.pk]),
        {f"p{row.pk}": "absent"},
        HTTP_HX_REQUEST="true",
    )
    assert res.status_code == 200 and 'id="attendance-rows"' in res.content.decode()
    row.refresh_from_db()
    assert row.attendance == "absent"


def test_attendance_api_refuses_unknown_rows(system, api_for, activity, people):
    api = api_for(system.bob)
    row = activity.participations.get()
    res = api.post(
        f"/api/v1/activities/{activity.pk}/attendance/",
        {"states": {str(row.pk): "excused"}},
        format="json",
    )
    assert res.status_code == 200 and res.json() == {"changed": 1}
    res = api.post(
        f"/api/v1/activities/{activity.pk}/attendance/",
        {"states": {"999999": "excused"}},
        format="json",
    )
    assert res.status_code == 400
    res = api_for(system.carol).post(
        f"/api/v1/activities/{activity.pk}/attendance/", {"states": {}}, format="json"
    )
    assert res.status_code in (403, 404)


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "出席情况", "所属政协"])
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("attendance.xlsx", buf.getvalue())


def test_excel_upload_sets_attendance_all_or_nothing(system, client_for, activity, people):
    client = client_for(system.bob)
    url = reverse("activities:attendance_import", args=[activity.pk])
    template = client.get(url)
    wb = load_workbook(io.BytesIO(b"".join(template.streaming_content)))
    assert wb.worksheets[0]["A2"].value == "卡萝"
    bad = _xlsx([("卡萝", "请假", ""), ("无此人", "出席", "")])
    res = client.post(url, {"file": bad})
    assert res.status_code == 400 and "无此人" in res.content.decode()
    assert activity.participations.get().attendance == "attended"
    good = _xlsx([("卡萝", "请假", ""), (people.county.person.name, "缺席", "武宣县")])
    res = client.post(url, {"file": good})
    assert res.status_code == 302
    states = dict(activity.participations.values_list("member_id", "attendance"))
    assert states == {people.carol.pk: "excused", people.county.pk: "absent"}
    assert Member.objects.count() >= 2


def test_htmx_save_shows_the_saved_state_and_says_so(system, client_for, activity):
    row = activity.participations.get()
    res = client_for(system.bob).post(
        reverse("activities:attendance", args=[activity.pk]),
        {f"p{row.pk}": "excused"},
        HTTP_HX_REQUEST="true",
    )
    html = res.content.decode()
    assert f'name="p{row.pk}" value="excused" aria-label="{row.member.person.name} ' in html
    checked = html.split(f'name="p{row.pk}" value="excused"')[1].split(">")[0]
    assert "checked" in checked
    assert 'data-testid="attendance-notice"' in html and "alert-success" in html


def test_new_participants_are_invited_until_attendance_is_taken(system, client_for, kinds, people):
    client = client_for(system.bob)
    res = client.post(
        reverse("activities:activity_add"),
        {
            "committee": system.county.pk,
            "kind": kinds["research"].pk,
            "title": "糖业调研",
            "start_date": "2024-05-10",
            "half_days": 1,
            "participants": [people.carol.pk, people.county.pk],
        },
    )
    assert res.status_code == 302, res.context["form"].errors
    activity = models.Activity.objects.get(title="糖业调研")
    assert {p.attendance for p in activity.participations.all()} == {"invited"}
    page = client.get(reverse("activities:attendance", args=[activity.pk]))
    assert 'data-testid="invited-hint"' in page.content.decode()


@pytest.mark.parametrize("page_of", ["attendance", "activity"])
def test_participants_list_by_strokes_or_pinyin(system, client_for, activity, page_of):
    """The roll and the activity page's participants card offer both name orders."""
    for name in ("王林", "丁一", "欧阳明"):
        member = f.MemberFactory(committee=system.county, person__name=name)
        f.ParticipationFactory(activity=activity, member=member)
    url = (
        reverse("activities:attendance", args=[activity.pk])
        if page_of == "attendance"
        else activity.get_absolute_url()
    )
    client = client_for(system.bob)

    def names(page):
        listed = page[page.index('data-testid="name-order"') :]
        found = [(listed.index(n), n) for n in ("王林", "丁一", "卡萝", "欧阳明")]
        return [n for _i, n in sorted(found)]

    page = client.get(url).content.decode()
    assert names(page) == ["丁一", "王林", "卡萝", "欧阳明"]  # 2, 4, 5, 8 strokes
    assert 'href="?name_order=pinyin"' in page
    page = client.get(url, {"name_order": "pinyin"}).content.decode()
    assert names(page) == ["丁一", "卡萝", "欧阳明", "王林"]
    assert 'href="?name_order=strokes"' in page
