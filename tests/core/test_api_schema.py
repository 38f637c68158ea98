"""The OpenAPI schema: behind a login unless API_DOCS_PUBLIC, and true to the responses."""

import pytest
from rest_framework.authtoken.models import Token

from lvzhi.problems.services import WORKFLOW

#: the steps offered on the page and the API, with the form that reads each one's body
STEPS = {a: t.form for a, t in WORKFLOW.transitions.items() if t.offered and t.form}


@pytest.fixture
def schema(system, api_for):
    response = api_for(system.alice).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
def test_docs_need_a_login_when_not_public(system, client, settings, path):
    settings.API_DOCS_PUBLIC = False
    response = client.get(path)
    assert response.status_code in {302, 401, 403}
    if path == "/api/docs/":
        assert response["Location"].startswith("/login/?next=/api/docs/")
    client.force_login(system.olivia)
    assert client.get(path).status_code == 200


def test_a_token_reads_the_schema(system, client, settings):
    settings.API_DOCS_PUBLIC = False
    token = Token.objects.create(user=system.bob)
    response = client.get("/api/schema/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
def test_docs_are_public_when_the_setting_says_so(db, client, settings, path):
    settings.API_DOCS_PUBLIC = True
    assert client.get(path).status_code == 200


def test_history_is_documented_as_the_list_it_is(schema, system, api_for):
    paths = [p for p in schema["paths"] if p.endswith("/history/")]
    assert len(paths) >= 23
    for path in paths:
        body = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        assert body["schema"]["type"] == "array", path
        assert {p["name"] for p in schema["paths"][path]["get"]["parameters"]} == {"id"}, path
    response = api_for(system.alice).get(f"/api/v1/committees/{system.county.pk}/history/")
    assert isinstance(response.json(), list)


def _component(schema, operation):
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]


def test_each_step_documents_the_body_it_reads(schema):
    for step, form_class in STEPS.items():
        path = f"/api/v1/problems/{{id}}/{step.replace('_', '-')}/"
        body = _component(schema, schema["paths"][path]["post"])
        assert set(body["properties"]) == set(form_class.base_fields), step
        required = {n for n, f in form_class.base_fields.items() if f.required}
        assert set(body.get("required", [])) == required, step
    confirm = _component(schema, schema["paths"]["/api/v1/problems/{id}/confirm/"]["post"])
    assert confirm["required"] == ["satisfaction"]


def test_an_empty_satisfaction_is_in_the_schema(schema):
    prop = schema["components"]["schemas"]["Problem"]["properties"]["satisfaction"]
    refs = [item["$ref"].rsplit("/", 1)[1] for item in prop["oneOf"]]
    enums = [v for ref in refs for v in schema["components"]["schemas"][ref]["enum"]]
    assert "" in enums and "satisfied" in enums


def test_the_league_is_documented_as_the_list_it_is(schema, system, api_for):
    operation = schema["paths"]["/api/v1/problems/league/"]["get"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert body["type"] == "array"
    assert isinstance(api_for(system.alice).get("/api/v1/problems/league/").json(), list)


@pytest.mark.parametrize(
    "path", ["/api/v1/text/similar/", "/api/v1/text/clean/", "/api/v1/problems/{id}/close/"]
)
def test_a_json_array_body_is_a_400(system, api_for, path):
    from tests import factories as f

    problem = f.ProblemFactory(committee=system.county) if "{id}" in path else None
    url = path.replace("{id}", str(problem.pk)) if problem else path
    response = api_for(system.bob).post(url, [1, 2], format="json")
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["请将各字段放在一个对象中发送。"]


@pytest.mark.parametrize("value", [["x", "y"], {"a": 1}, None, 7])
def test_a_list_or_object_where_a_text_belongs_is_a_field_error(system, api_for, value):
    # Found by the schema fuzz: {"comment": [...]} on a workflow step was a 500.
    from tests import factories as f

    problem = f.ProblemFactory(committee=system.county)
    response = api_for(system.bob).post(
        f"/api/v1/problems/{problem.pk}/assign/",
        {"lead_unit": [1, 2], "comment": value},
        format="json",
    )
    assert response.status_code == 400
    assert "lead_unit" in response.json()
