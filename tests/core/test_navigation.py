"""The navigation shows each role what it may use, and nothing else."""

import pytest
from rest_framework.authtoken.models import Token


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
        ("carol", {"/members/", "/enterprises/", "/departments/"}),
        ("dave", {"/departments/"}),
        ("olivia", set()),
    ],
)
def test_menu_per_role(system, client_for, who, expected):
    assert menu_urls(client_for(getattr(system, who))) == expected


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
