"""The API enforces what the pages enforce, through the same services; never a 500."""

from datetime import timedelta

import pytest

from lvzhi.problems.models import Problem, ProblemTransition

from .conftest import today

pytestmark = pytest.mark.django_db


def payload(pb, **extra):
    return {
        "committee": pb.s.county.pk,
        "enterprise": pb.enterprise.pk,
        "category": pb.category.pk,
        "title": "用地指标不足",
        "description": "扩建项目缺少用地指标。",
        "service_team": "糖业产业服务团",
        **extra,
    }


def test_register_with_duplicate_warning(pb, api_for):
    api = api_for(pb.s.bob)
    response = api.post("/api/v1/problems/", payload(pb), format="json")
    assert response.status_code == 400
    assert [d["id"] for d in response.json()["duplicates"]] == [pb.problem.pk]
    response = api.post(
        "/api/v1/problems/",
        payload(pb, confirm_duplicate=True, state="closed"),
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["state"] == "registered"  # workflow fields are read-only
    assert Problem.objects.count() == 2


def test_register_is_for_the_office(pb, api_for):
    for user in (pb.s.dave, pb.s.carol, pb.s.erin, pb.s.olivia):
        response = api_for(user).post(
            "/api/v1/problems/", payload(pb, confirm_duplicate=True), format="json"
        )
        assert response.status_code == 403
    assert Problem.objects.count() == 1


def test_the_whole_path_through_the_api(pb, api_for):
    url = f"/api/v1/problems/{pb.problem.pk}"
    r = api_for(pb.s.bob).post(
        f"{url}/assign/",
        {"lead_unit": pb.unit.pk, "co_units": [pb.co_unit.pk]},
        format="json",
    )
    assert r.status_code == 200, r.json()
    assert r.json()["state"] == "assigned" and len(r.json()["units"]) == 2
    assert api_for(pb.s.dave).post(f"{url}/progress/", {"text": "已约谈银行"}).status_code == 200
    r = api_for(pb.s.dave).post(
        f"{url}/request-extension/",
        {"requested_deadline": str(today() + timedelta(days=60)), "reason": "需省级审批"},
    )
    assert r.status_code == 200
    request_id = pb.problem.extensions.get().pk
    r = api_for(pb.s.bob).post(f"{url}/approve-extension/", {"request_id": request_id})
    assert r.status_code == 200 and r.json()["deadline"] == str(today() + timedelta(days=60))
    r = api_for(pb.s.dave).post(f"{url}/answer/", {"solution": "已协调续贷500万元"})
    assert r.status_code == 200 and r.json()["state"] == "answered"
    r = api_for(pb.s.carol).post(f"{url}/confirm/", {"satisfaction": "satisfied"})
    assert r.status_code == 200 and r.json()["state"] == "confirmed"
    r = api_for(pb.s.bob).post(f"{url}/close/", {})
    assert r.status_code == 200 and r.json()["state"] == "closed"
    steps = api_for(pb.s.bob).get(f"{url}/transitions/").json()
    assert [s["action"] for s in steps] == [
        "register",
        "assign",
        "progress",
        "request_extension",
        "approve_extension",
        "answer",
        "confirm",
        "close",
    ]


@pytest.mark.parametrize(
    "state,user,step,data,status,field",
    [
        ("registered", "bob", "assign", {"lead_unit": "foreign"}, 400, "lead_unit"),
        (
            "registered",
            "bob",
            "assign",
            {"lead_unit": "unit", "deadline": "yesterday"},
            400,
            "deadline",
        ),
        ("registered", "bob", "assign", {"lead_unit": "x1"}, 400, "lead_unit"),
        (
            "registered",
            "bob",
            "assign",
            {"lead_unit": "unit", "deadline": "31/02"},
            400,
            "deadline",
        ),
        ("registered", "dave", "assign", {"lead_unit": "unit"}, 404, None),
        ("assigned", "dave", "close", {}, 403, None),
        ("in_progress", "bob", "confirm", {"satisfaction": "satisfied"}, 400, "detail"),
        ("in_progress", "dave", "answer", {"solution": "  "}, 400, "solution"),
        ("in_progress", "carol", "answer", {"solution": "x"}, 403, None),
        ("answered", "bob", "confirm", {"satisfaction": "great"}, 400, "satisfaction"),
        ("answered", "bob", "confirm", {"satisfaction": "not_satisfied"}, 400, "comment"),
        (
            "closed",
            "dave",
            "request-extension",
            {"requested_deadline": "2099-01-01", "reason": "x"},
            400,
            "detail",
        ),
        ("closed", "bob", "approve-extension", {"request_id": 99999}, 400, "detail"),
        ("registered", "bob", "merge", {"into": 99999}, 400, "into"),
        ("registered", "bob", "nonsense", {}, 404, None),
    ],
)
def test_refusals_are_json_never_500(pb, api_for, state, user, step, data, status, field):
    problem = pb.advance(pb.new(title="待办"), state)
    values = {
        k: {
            "foreign": pb.foreign_unit.pk,
            "unit": pb.unit.pk,
            "yesterday": str(today() - timedelta(days=1)),
        }.get(v, v)
        if isinstance(v, str)
        else v
        for k, v in data.items()
    }
    before = (ProblemTransition.objects.count(), Problem.objects.get(pk=problem.pk).version)
    actor = getattr(pb.s, user)
    response = api_for(actor).post(f"/api/v1/problems/{problem.pk}/{step}/", values, format="json")
    assert response.status_code == status, response.content
    if field:
        assert field in response.json()
    assert (ProblemTransition.objects.count(), Problem.objects.get(pk=problem.pk).version) == before


def test_edit_and_delete_follow_the_office_rules(pb, api_for):
    url = f"/api/v1/problems/{pb.problem.pk}/"
    r = api_for(pb.s.dave).patch(url, {"title": "改"}, format="json")
    assert r.status_code in (403, 404)
    r = api_for(pb.s.bob).patch(url, {"title": "融资难题（更新）", "version": 1}, format="json")
    assert r.status_code == 200 and r.json()["title"] == "融资难题（更新）"
    r = api_for(pb.s.bob).patch(url, {"title": "旧版本的修改", "version": 1}, format="json")
    assert r.status_code == 409


def test_duplicates_endpoint(pb, api_for):
    r = api_for(pb.s.bob).get(
        f"/api/v1/problems/duplicates/?enterprise={pb.enterprise.pk}&category={pb.category.pk}"
    )
    assert [d["id"] for d in r.json()] == [pb.problem.pk]
    assert api_for(pb.s.bob).get("/api/v1/problems/duplicates/?enterprise=x").status_code == 400


def test_filters(pb, api_for):
    pb.advance(pb.problem, "assigned")
    api = api_for(pb.s.alice)
    assert api.get("/api/v1/problems/?state=assigned").json()["count"] == 1
    assert api.get("/api/v1/problems/?state=closed").json()["count"] == 0
    assert api.get(f"/api/v1/problems/?unit={pb.unit.pk}").json()["count"] == 1
    assert api.get("/api/v1/problems/?due=on_time").json()["count"] == 1
    assert api.get("/api/v1/problems/?due=overdue").json()["count"] == 0
    assert api.get(f"/api/v1/problems/?year={today().year}").json()["count"] == 1
    assert api.get(f"/api/v1/problems/?scope={pb.s.other.pk}").json()["count"] == 0
    assert api.get("/api/v1/problems/?due=bogus").status_code == 400


def test_schema_builds(pb, client_for):
    response = client_for(pb.s.alice).get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/problems/{id}/assign/" in response.content
