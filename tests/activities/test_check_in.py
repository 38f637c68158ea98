"""扫码签到: the code at the venue, a member's scan, arrivals on the roll, the 签到表."""

import datetime
import io
import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document

from lvzhi.activities import models
from lvzhi.core.choices import Role
from lvzhi.core.models import RoleAssignment
from tests import factories as f


@pytest.fixture
def today_activity(system, people):
    """A county activity held today with carol and one more county member on the roll."""
    a = f.ActivityFactory(committee=system.county, start_date=timezone.localdate(), title="座谈会")
    f.ParticipationFactory(activity=a, member=people.carol, attendance="invited")
    f.ParticipationFactory(activity=a, member=people.county, attendance="invited")
    return a


def _code_url(client, activity):
    page = client.get(reverse("activities:check_in_code", args=[activity.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and 'data-testid="check-in-qr"' in html
    url = unescape(re.search(r'data-testid="check-in-url">([^<]+)<', html).group(1))
    return url.removeprefix("http://testserver")


def _carol_row(activity, people):
    return activity.participations.get(member=people.carol)


def test_member_scans_confirms_and_is_present_once(system, client_for, today_activity, people):
    url = _code_url(client_for(system.bob), today_activity)
    carol = client_for(system.carol)
    page = carol.get(url)
    assert page.status_code == 200 and 'data-testid="check-in-button"' in page.content.decode()
    assert _carol_row(today_activity, people).attendance == "invited"  # GET writes nothing
    code = url.split("code=")[1]
    done = carol.post(reverse("activities:check_in"), {"code": code})
    assert done.status_code == 200 and "已签到" in done.content.decode()
    row = _carol_row(today_activity, people)
    assert row.attendance == "attended" and row.checked_in_at is not None
    assert row.history.first().history_user == system.carol
    versions = row.history.count()
    again = carol.post(reverse("activities:check_in"), {"code": code})
    assert again.status_code == 400
    assert "您已签到" in again.content.decode() and "未作任何更改" in again.content.decode()
    assert row.history.count() == versions
    # the other member on the roll is untouched
    other = today_activity.participations.get(member=people.county)
    assert other.attendance == "invited" and other.checked_in_at is None


def test_forged_or_altered_code_is_refused(system, client_for, today_activity, people):
    url = _code_url(client_for(system.bob), today_activity)
    code = url.split("code=")[1]
    payload, _sep, rest = code.partition(":")
    forged = "eyJhIjo5OTksImQiOlsiMjAyNC0wMS0wMSIsIjIwMjQtMDEtMDEiXX0" + ":" + rest
    for bad in (forged, code[:-2] + "xx", "nonsense", ""):
        res = client_for(system.carol).post(reverse("activities:check_in"), {"code": bad})
        assert res.status_code == 400, bad
        assert "签到码无效" in res.content.decode()
    assert _carol_row(today_activity, people).attendance == "invited"


def test_code_of_a_past_or_moved_activity_has_expired(system, client_for, today_activity, people):
    url = _code_url(client_for(system.bob), today_activity)
    code = url.split("code=")[1]
    # moved to other days after the code was printed
    today_activity.start_date = timezone.localdate() - datetime.timedelta(days=1)
    today_activity.save()
    res = client_for(system.carol).post(reverse("activities:check_in"), {"code": code})
    assert res.status_code == 400 and "签到码已过期" in res.content.decode()
    # a fresh code of yesterday's activity: the activity is over
    url = _code_url(client_for(system.bob), today_activity)
    res = client_for(system.carol).post(
        reverse("activities:check_in"), {"code": url.split("code=")[1]}
    )
    assert res.status_code == 400 and "活动已于" in res.content.decode()
    assert _carol_row(today_activity, people).checked_in_at is None


def test_member_not_on_the_roll_is_told_so(system, client_for, today_activity, people):
    url = _code_url(client_for(system.bob), today_activity)
    stranger = get_user_model().objects.create_user("stranger", password="x")
    RoleAssignment.objects.create(user=stranger, committee=system.county, role=Role.MEMBER)
    f.MemberFactory(committee=system.county, person__user=stranger)
    res = client_for(stranger).get(url)
    assert res.status_code == 403 and "您不在本次活动的名单上" in res.content.decode()
    res = client_for(stranger).post(reverse("activities:check_in"), {"code": url.split("=")[1]})
    assert res.status_code == 403
    assert not today_activity.participations.filter(member__person__user=stranger).exists()


def test_scan_needs_a_sign_in_and_only_managers_see_the_code(system, client_for, today_activity):
    url = _code_url(client_for(system.bob), today_activity)
    res = Client().get(url)
    assert res.status_code == 302 and reverse("login") in res["Location"]
    for user in (system.carol, system.dave, system.erin):
        c = client_for(user)
        for name in ("check_in_code", "sign_in_sheet", "arrivals"):
            res = c.get(reverse(f"activities:{name}", args=[today_activity.pk]))
            assert res.status_code in (403, 404), (user, name)


def test_attendance_page_polls_arrivals_and_a_stale_form_keeps_them(
    system, client_for, today_activity, people
):
    bob = client_for(system.bob)
    page = bob.get(reverse("activities:attendance", args=[today_activity.pk])).content.decode()
    since = re.search(r"since=([^&\"]+)", page).group(1)
    assert 'hx-trigger="every 5s"' in page
    row = _carol_row(today_activity, people)
    code = _code_url(bob, today_activity).split("code=")[1]
    client_for(system.carol).post(reverse("activities:check_in"), {"code": code})
    bob = client_for(system.bob)  # one test client: signed in as bob again
    poll = bob.get(
        reverse("activities:arrivals", args=[today_activity.pk]) + f"?since={since}&rows=1"
    ).content.decode()
    assert 'data-testid="arrived-count">1 / 2<' in poll
    assert f'id="roll-{row.pk}" hx-swap-oob="true"' in poll
    assert re.search(rf'name="p{row.pk}" value="attended"[^>]*checked', poll)
    # the clerk's form was opened before the scan: it still shows carol invited
    other = today_activity.participations.get(member=people.county)
    bob.post(
        reverse("activities:attendance", args=[today_activity.pk]),
        {
            f"p{row.pk}": "invited",
            f"was{row.pk}": "invited",
            f"p{other.pk}": "excused",
            f"was{other.pk}": "invited",
        },
    )
    row.refresh_from_db()
    other.refresh_from_db()
    assert row.attendance == "attended" and other.attendance == "excused"


def test_sign_in_sheet_is_a4_in_stroke_order_with_a_signature_column(
    system, client_for, today_activity, people
):
    for name in ("王林", "丁一", "欧阳明"):
        member = f.MemberFactory(committee=system.county, person__name=name)
        f.ParticipationFactory(activity=today_activity, member=member)
    res = client_for(system.bob).get(reverse("activities:sign_in_sheet", args=[today_activity.pk]))
    assert res.status_code == 200
    doc = Document(io.BytesIO(b"".join(res.streaming_content)))
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells][-1] == "签名"
    names = [r.cells[1].text for r in table.rows[1:]]
    # 丁 2 strokes, 王 4, 卡 5, then 欧 and 委 with 8 each (欧 first: it starts with 横,
    # 委 with 撇)
    assert names[:4] == ["丁一", "王林", "卡萝", "欧阳明"]
    assert names[4] == people.county.person.name
    assert table.columns[-1].cells[1].width.cm > 3.5
    pinyin = client_for(system.bob).get(
        reverse("activities:sign_in_sheet", args=[today_activity.pk]) + "?name_order=pinyin"
    )
    doc = Document(io.BytesIO(b"".join(pinyin.streaming_content)))
    names = [r.cells[1].text for r in doc.tables[0].rows[1:]]
    assert names == ["丁一", "卡萝", "欧阳明", "王林", people.county.person.name]
    assert models.Participation.objects.filter(activity=today_activity).count() == 5
