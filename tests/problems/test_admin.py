"""The admin writes nothing around the services: records with pages in the app are
read-only there, and the problems' audit trail can be neither edited nor deleted."""

import pytest

from tests import factories as f


@pytest.fixture
def superuser_client(client, db):
    root = f.UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    return client


def test_records_are_readable_but_not_writable_in_the_admin(superuser_client, system):
    enterprise = f.EnterpriseFactory(committee=system.county, name="武宣糖业有限公司")
    change = f"/admin/core/enterprise/{enterprise.pk}/change/"
    page = superuser_client.get(change)
    assert page.status_code == 200
    assert "武宣糖业有限公司" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    assert superuser_client.post(change, {"name": "改名"}).status_code == 403
    assert superuser_client.get("/admin/core/enterprise/add/").status_code == 403
    assert (
        superuser_client.get(f"/admin/core/enterprise/{enterprise.pk}/delete/").status_code == 403
    )
    enterprise.refresh_from_db()
    assert enterprise.name == "武宣糖业有限公司"
    assert (
        superuser_client.get(f"/admin/core/enterprise/{enterprise.pk}/history/").status_code == 200
    )


def test_users_and_their_roles_are_still_managed_in_the_admin(superuser_client, system):
    assert superuser_client.get("/admin/auth/user/add/").status_code == 200
    assert superuser_client.get(f"/admin/auth/user/{system.bob.pk}/change/").status_code == 200


def test_the_audit_trail_is_never_edited(superuser_client, pb):
    transition = pb.problem.transitions.get()
    change = f"/admin/problems/problemtransition/{transition.pk}/change/"
    assert superuser_client.get(change).status_code == 200
    assert superuser_client.post(change, {"comment": "改写"}).status_code == 403
    delete = f"/admin/problems/problemtransition/{transition.pk}/delete/"
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    assert pb.problem.transitions.count() == 1
