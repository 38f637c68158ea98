"""The navigation shows each role what it may use, and nothing else."""

import pytest
from rest_framework.authtoken.models import Token

from tests import factories as f


def menu_urls(client):
    page = client.get("/").content.decode()
    return {
        url
        for url in ("/members/", "/persons/", "/enterprises/", "/departments/", "/admin/")
        if f'href="{url}"' in page
    }


@pytest.mark.parametrize(
    "who, expected",
    [
        ("alice", {"/members/", "/persons/", "/enterprises/", "/departments/"}),
        ("frank", {"/members/", "/persons/", "/enterprises/", "/departments/"}),
        # a member without records to see: no empty lists (test_member_menu_* below)
        ("carol", set()),
        ("dave", {"/departments/"}),
        ("olivia", set()),
    ],
)
def test_menu_per_role(system, client_for, who, expected):
    assert menu_urls(client_for(getattr(system, who))) == expected


def test_member_menu_leads_only_to_lists_with_something_for_her(system, client_for):
    from lvzhi.core.models import Department

    carol = client_for(system.carol)
    own = f.MemberFactory(committee=system.county, person=system.carol_person)
    assert menu_urls(carol) == set()  # her own seat alone: "my duty record" shows it
    f.EnterpriseFactory(committee=system.county, member=system.carol_person)
    published = f.MemberFactory(committee=system.county, published=True)
    assert menu_urls(carol) == {"/members/", "/enterprises/"}
    page = carol.get("/").content.decode()
    assert 'href="/villages/"' not in page and 'href="/parks/"' not in page
    assert Department.objects.exists()  # units exist, none shown to a member
    assert own.pk != published.pk


def test_anonymous_visitor_is_sent_to_login(client, db):
    response = client.get("/enterprises/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_api_token_is_issued_for_a_password(system, client):
    response = client.post("/api/v1/auth/token/", {"username": "bob", "password": "pw-for-tests"})
    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=system.bob).key
    response = client.post("/api/v1/auth/token/", {"username": "bob", "password": "wrong"})
    assert response.status_code == 400


def test_admin_user_page_shows_roles_inline(system, client_for):
    system.frank.is_staff = True
    system.frank.is_superuser = True
    system.frank.save()
    page = (
        client_for(system.frank).get(f"/admin/auth/user/{system.bob.pk}/change/").content.decode()
    )
    assert "武宣县政协" in page
