"""Brute force is stopped: sign-in lockout per account and per address on the login page,
the admin and the token endpoint; request limits on the API (429)."""

import pytest
from rest_framework.throttling import UserRateThrottle

from tests import factories as f

PASSWORD = "pw-for-tests"
LOCKED = "登录失败次数过多"

LOGIN_PAGES = ["/login/", "/admin/login/"]


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 10
    return settings


def _sign_in(client, path, username, password, ip):
    data = {"username": username, "password": password}
    if path.startswith("/api/"):
        return client.post(path, data, REMOTE_ADDR=ip)
    return client.post(path, {**data, "next": "/"}, REMOTE_ADDR=ip)


def _signed_in(client, path, response):
    if path.startswith("/api/"):
        return response.status_code == 200 and "token" in response.json()
    return response.status_code == 302 and "_auth_user_id" in client.session


def _fail(client, path, username, ip, times=10):
    for _i in range(times):
        response = _sign_in(client, path, username, "wrong", ip)
        assert not _signed_in(client, path, response)


@pytest.fixture
def staff_user(db):
    return f.UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.mark.parametrize("path", [*LOGIN_PAGES, "/api/v1/auth/token/"])
def test_eleventh_try_with_the_right_password_is_refused(lockout, staff_user, client, path):
    _fail(client, path, "root", "10.0.0.1")
    response = _sign_in(client, path, "root", PASSWORD, "10.0.0.1")
    assert response.status_code == 429
    assert not _signed_in(client, path, response)
    text = response.json()["detail"] if path.startswith("/api/") else response.text
    assert LOCKED in text and "15 分钟" in text
    # Per account: the same account from another address is locked too.
    response = _sign_in(client, path, "root", PASSWORD, "10.0.0.2")
    assert response.status_code == 429


@pytest.mark.parametrize("path", [*LOGIN_PAGES, "/api/v1/auth/token/"])
def test_another_account_from_another_address_is_unaffected(lockout, staff_user, client, path):
    f.UserFactory(username="other", is_staff=True)
    _fail(client, path, "root", "10.0.0.1")
    response = _sign_in(client, path, "other", PASSWORD, "10.0.0.9")
    assert _signed_in(client, path, response)


def test_one_address_trying_many_accounts_is_locked(lockout, db, client):
    for i in range(10):
        f.UserFactory(username=f"u{i}")
        _fail(client, "/login/", f"u{i}", "10.0.0.5", times=1)
    response = _sign_in(client, "/login/", "u0", PASSWORD, "10.0.0.5")
    assert response.status_code == 429
    assert _signed_in(client, "/login/", _sign_in(client, "/login/", "u1", PASSWORD, "10.0.0.6"))


def test_a_success_clears_the_count(lockout, staff_user, client):
    _fail(client, "/login/", "root", "10.0.0.1", times=9)
    assert _signed_in(client, "/login/", _sign_in(client, "/login/", "root", PASSWORD, "10.0.0.1"))
    client.logout()
    _fail(client, "/login/", "root", "10.0.0.1", times=9)
    assert _signed_in(client, "/login/", _sign_in(client, "/login/", "root", PASSWORD, "10.0.0.1"))


def test_lockout_is_over_after_the_cool_off(lockout, staff_user, client):
    from datetime import timedelta

    from axes.models import AccessAttempt

    _fail(client, "/login/", "root", "10.0.0.1")
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    assert _signed_in(client, "/login/", _sign_in(client, "/login/", "root", PASSWORD, "10.0.0.1"))


def test_anonymous_requests_are_limited(db, client):
    responses = [
        client.post("/api/v1/auth/token/", {"username": "x", "password": "y"}) for _i in range(61)
    ]
    assert [r.status_code for r in responses[:60]] == [400] * 60
    assert responses[60].status_code == 429
    assert "请求" in responses[60].json()["detail"]
    other = client.post("/api/v1/auth/token/", {"username": "x"}, REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 400  # another address has its own count


def test_signed_in_requests_are_limited_per_account(system, monkeypatch, client):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "5/minute"})
    client.force_login(system.bob)
    statuses = [client.get("/api/v1/members/").status_code for _i in range(6)]
    assert statuses == [200] * 5 + [429]
    client.force_login(system.alice)
    assert client.get("/api/v1/members/").status_code == 200
