"""Every API list takes `limit`/`offset` as small whole numbers: capped, refused with a
message, never a 500 and never a whole table."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests import factories as f


def _list_paths(patterns=None, prefix=""):
    """Paths of every registered list endpoint (a viewset route mapping GET to `list`)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$").replace("\\.", ".")
        if isinstance(entry, URLResolver):
            yield from _list_paths(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            actions = getattr(entry.callback, "actions", {}) or {}
            if actions.get("get") == "list" and "<" not in route and "(?P" not in route:
                yield "/" + route


LIST_PATHS = sorted(set(_list_paths()))


def test_the_router_walk_finds_every_list():
    assert len(LIST_PATHS) >= 24
    assert "/api/v1/members/" in LIST_PATHS and "/api/v1/problems/" in LIST_PATHS


BAD_LIMITS = ["9223372036854775808", "-1", "0", "abc", "1e3", "٣", "9" * 40, " "]


@pytest.mark.parametrize("path", LIST_PATHS)
def test_bad_limit_is_a_400_with_a_message(system, api_for, path):
    api = api_for(system.frank)
    for limit in BAD_LIMITS:
        response = api.get(path, {"limit": limit})
        assert response.status_code == 400, (path, limit, response.status_code)
        assert response.json()["limit"] == ["请输入 1 到 9223372036854775807 之间的整数。"]


@pytest.mark.parametrize("path", LIST_PATHS)
def test_bad_offset_is_a_400(system, api_for, path):
    response = api_for(system.frank).get(path, {"offset": "9223372036854775808"})
    assert response.status_code == 400, path
    assert "offset" in response.json()


@pytest.mark.parametrize("path", LIST_PATHS)
def test_huge_limit_is_lowered_to_the_cap(system, api_for, path, settings):
    settings.API_MAX_LIMIT = 2
    response = api_for(system.frank).get(path, {"limit": "9223372036854775807"})
    assert response.status_code == 200, path
    assert len(response.json()["results"]) <= 2


def test_the_cap_bounds_the_page_and_offers_the_next(system, api_for, settings):
    settings.API_MAX_LIMIT = 3
    for _i in range(5):
        f.EnterpriseFactory(committee=system.county)
    body = api_for(system.frank).get("/api/v1/enterprises/", {"limit": "1000"}).json()
    assert body["count"] == 5 and len(body["results"]) == 3
    assert "limit=3" in body["next"] and "offset=3" in body["next"]
    body = api_for(system.frank).get("/api/v1/enterprises/", {"limit": "2", "offset": "4"}).json()
    assert len(body["results"]) == 1
