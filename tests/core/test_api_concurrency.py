"""No lost updates: a PATCH writes only what it sends, and a stale edit is a 409 (ETag /
If-Match, or `version` in the body)."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from lvzhi.core import services
from lvzhi.core.choices import Role
from lvzhi.core.models import Member, RoleAssignment
from tests import factories as f

STALE = "在您编辑期间，该记录已被其他人修改。请重新加载后再次修改。"


@pytest.fixture
def member(system):
    return f.MemberFactory(committee=system.county, member_no="A1", position="member")


def test_an_edit_writes_only_its_fields(system, member):
    mine = Member.objects.get(pk=member.pk)  # loaded before the other edit
    theirs = Member.objects.get(pk=member.pk)
    theirs.position = "standing"
    services.record_save(actor=system.bob, instance=theirs, fields=["position"])
    mine.member_no = "B2"
    services.record_save(actor=system.alice, instance=mine, fields=["member_no"])
    stored = Member.objects.get(pk=member.pk)
    assert (stored.member_no, stored.position, stored.version) == ("B2", "standing", 3)
    last = stored.history.order_by("-history_id").first()
    assert (last.member_no, last.position, last.history_user) == ("B2", "standing", system.alice)


def test_detail_gives_an_etag_and_a_stale_if_match_is_a_409(system, api_for, member):
    api = api_for(system.bob)
    url = f"/api/v1/members/{member.pk}/"
    response = api.get(url)
    assert response["ETag"] == f'"{member.version}"'
    etag = response["ETag"]
    response = api.patch(url, {"member_no": "C3"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] == f'"{member.version + 1}"'
    response = api.patch(url, {"position": "standing"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 409
    assert response.json()["detail"] == STALE
    response = api.put(
        url, {**api.get(url).json(), "term": "第六届"}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 409
    assert Member.objects.get(pk=member.pk).position == "member"
    for form in ['W/"{v}"', "*"]:  # a weak tag is compared like a strong one; * is any
        version = Member.objects.get(pk=member.pk).version
        response = api.patch(
            url, {"member_no": form[:5]}, format="json", HTTP_IF_MATCH=form.format(v=version)
        )
        assert response.status_code == 200, form


def test_a_stale_version_in_the_body_is_still_a_409(system, api_for, member):
    api = api_for(system.bob)
    url = f"/api/v1/members/{member.pk}/"
    response = api.patch(url, {"member_no": "D4", "version": member.version - 1}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == STALE
    response = api.patch(url, {"member_no": "D4", "version": member.version}, format="json")
    assert response.status_code == 200
    response = api.patch(url, {"member_no": "E5"}, format="json", HTTP_IF_MATCH='"garbage"')
    assert response.status_code == 409


def test_a_current_etag_gives_no_right_to_change(system, api_for, member):
    etag = api_for(system.alice).get(f"/api/v1/members/{member.pk}/")["ETag"]
    response = api_for(system.carol).patch(
        f"/api/v1/members/{member.pk}/", {"member_no": "X"}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code in {403, 404}
    assert Member.objects.get(pk=member.pk).member_no == "A1"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks under concurrent requests: PostgreSQL only (SQLite has one writer)",
)
@pytest.mark.flushes
@pytest.mark.django_db(transaction=True)
def test_simultaneous_patches_of_different_fields_both_survive():
    committee = f.CommitteeFactory(name="武宣县政协", short_name="武宣县")
    users = [f.UserFactory(username=name) for name in ("bob", "betty")]
    for user in users:
        RoleAssignment.objects.create(user=user, committee=committee, role=Role.STAFF)
    member = f.MemberFactory(committee=committee, member_no="0", position="member")
    url = f"/api/v1/members/{member.pk}/"

    def patch(user, body, barrier, statuses):
        api = APIClient()
        api.force_authenticate(user)
        try:
            barrier.wait()
            statuses.append(api.patch(url, body, format="json").status_code)
        finally:
            connection.close()

    survived = 0
    for round_ in range(50):
        barrier, statuses = threading.Barrier(2), []
        position = "standing" if round_ % 2 == 0 else "vice_chair"
        bodies = [{"member_no": f"N{round_}"}, {"position": position}]
        threads = [
            threading.Thread(target=patch, args=(user, body, barrier, statuses))
            for user, body in zip(users, bodies, strict=True)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert statuses == [200, 200], statuses
        stored = Member.objects.get(pk=member.pk)
        survived += (stored.member_no, stored.position) == (f"N{round_}", position)
    assert survived == 50


def test_a_record_deleted_meanwhile_is_a_404_not_a_500(system, member):
    from lvzhi.core.errors import GoneError

    mine = Member.objects.get(pk=member.pk)
    services.record_delete(actor=system.bob, instance=Member.objects.get(pk=member.pk))
    with pytest.raises(GoneError) as error:
        services.record_delete(actor=system.alice, instance=mine)
    assert error.value.status_code == 404
    mine.member_no = "Z"
    with pytest.raises(GoneError):
        services.record_save(actor=system.alice, instance=mine, fields=["member_no"])


def test_a_write_locks_only_its_own_row(system):
    """A participation is ordered by its activity: locking it must not lock the activity, or
    two deletes of one activity's participants deadlock (found by the API fuzz on
    PostgreSQL). SQLite has no row locks; there the statement carries no lock at all."""
    from django.test.utils import CaptureQueriesContext

    participation = f.ParticipationFactory(activity=f.ActivityFactory(committee=system.county))
    with CaptureQueriesContext(connection) as queries:
        services.record_delete(actor=system.bob, instance=participation)
    locking = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    if connection.features.has_select_for_update:
        assert locking and all(
            'FOR UPDATE OF "activities_participation"' in sql for sql in locking
        ), locking
    else:
        assert locking == []
