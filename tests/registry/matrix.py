"""The engine: one user against every place of one record type, in the pages and the API.

`check_record_type(record_type, who, system)` makes the records (once per channel), drives
list, detail, create, edit, delete (and the import page) as `who`, and returns every
outcome that differs from rules.py, e.g. "api edit city: expected 403, got 200 (changed)".
"""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.registry import rules
from tests.registry.data import DATA, Context

UI_OK = {"list": 200, "detail": 200, "edit": 302, "create": 302, "delete": 302}
API_OK = {"list": 200, "detail": 200, "edit": 200, "create": 201, "delete": 204}


def declaration(record_type):
    label = record_type.model._meta.label_lower
    if label not in DATA:
        pytest.fail(
            f"The record type {record_type.__name__} ({label}) has no data declaration: add "
            f'DATA["{label}"] to tests/registry/data.py (how to make a record at a place, a '
            "create payload and an edit) so its permission tests run.",
            pytrace=False,
        )
    return DATA[label]


class Url:
    """The page and API addresses of a record type."""

    def __init__(self, record_type):
        self.rt = record_type
        self.app = record_type.model.url_base.split(":")[0]
        self.api = f"/api/v1/{record_type.api_prefix}/" if record_type.api_prefix else None

    def page(self, action, obj=None):
        name = f"{self.app}:{self.rt.url_name(action)}"
        return reverse(name, args=[obj.pk]) if obj is not None else reverse(name)


def _errors(response):
    """A short view of why a write was refused (form errors, API body), for the message."""
    context = getattr(response, "context", None)
    if context is not None and context.get("form") is not None:
        return dict(context["form"].errors)
    try:
        return response.json()
    except Exception:  # noqa: BLE001 - a page: the start of its text is enough
        return response.content.decode(errors="replace")[:200]


class Check:
    def __init__(self, who):
        self.who = who
        self.wrong = []

    def status(self, what, response, allowed, visible, ok):
        expected = ok if allowed else (403 if visible else 404)
        if response.status_code != expected:
            extra = f" {_errors(response)}" if response.status_code in (400, 403) else ""
            self.wrong.append(f"{what}: expected {expected}, got {response.status_code}{extra}")

    def effect(self, what, happened, allowed, verb):
        if happened != allowed:
            self.wrong.append(f"{what}: {'' if happened else 'not '}{verb}, expected the opposite")


def check_record_type(record_type, who, system):
    """Every outcome of `who` on `record_type` that differs from the rules (empty: all fine)."""
    data = declaration(record_type)
    model = record_type.model
    url = Url(record_type)
    user = getattr(system, who)
    ctx = Context(system)
    check = Check(who)
    client = Client()
    client.force_login(user)
    api = APIClient()
    api.force_authenticate(user)

    for channel in ("ui", "api") if url.api else ("ui",):
        records = {place: data.make(ctx, place) for place in rules.places(model)}
        if channel == "ui":
            _ui(check, record_type, data, ctx, url, client, records)
        else:
            _api(check, record_type, data, ctx, url, api, records)
        _creates(check, channel, record_type, data, ctx, url, client if channel == "ui" else api)

    if record_type.importer:
        response = client.get(url.page("import"))
        may = rules.may_add_anywhere(who, model)
        check.status("ui import page", response, may, True, 200)
    return check.wrong


def _ui(check, rt, data, ctx, url, client, records):
    model, who = rt.model, check.who
    listing = client.get(url.page("list"), {"scope": "all", "per_page": 1000})
    assert listing.status_code == 200, listing.status_code
    page = listing.content.decode()
    for place, obj in records.items():
        readable = rules.may_read(who, model, place)
        shown = data.marker(obj) in page
        check.effect(f"ui list {place.name}", shown, readable, "shown")
        check.status(f"ui detail {place.name}", client.get(url.page("", obj)), readable, False, 200)
        # edit: the whole form, as a browser posts it
        version = obj.version
        committee = getattr(obj, "committee", None) if place.committee else None
        form = {**data.payload(ctx, committee, ctx.name("改")), "version": version}
        if data.files:
            form.update(data.files(ctx))
        may = rules.may_change(who, model, place)
        response = client.get(url.page("edit", obj))
        check.status(f"ui edit form {place.name}", response, may, readable, 200)
        response = client.post(url.page("edit", obj), form)
        check.status(f"ui edit {place.name}", response, may, readable, 302)
        obj.refresh_from_db()
        check.effect(f"ui edit {place.name}", obj.version > version, may, "changed")
        may = rules.may_delete(who, model, place)
        response = client.post(url.page("delete", obj))
        check.status(f"ui delete {place.name}", response, may, readable, 302)
        gone = not model.objects.filter(pk=obj.pk).exists()
        check.effect(f"ui delete {place.name}", gone, may, "deleted")


def _api(check, rt, data, ctx, url, api, records):
    model, who = rt.model, check.who
    listing = api.get(url.api, {"limit": 1000})
    assert listing.status_code == 200, listing.status_code
    listed = {row["id"] for row in listing.json()["results"]}
    for place, obj in records.items():
        readable = rules.may_read(who, model, place)
        check.effect(f"api list {place.name}", obj.pk in listed, readable, "listed")
        detail = f"{url.api}{obj.pk}/"
        check.status(f"api detail {place.name}", api.get(detail), readable, False, 200)
        version = obj.version
        may = rules.may_change(who, model, place)
        response = api.patch(detail, {**data.edit, "version": version}, format="json")
        check.status(f"api edit {place.name}", response, may, readable, 200)
        obj.refresh_from_db()
        check.effect(f"api edit {place.name}", obj.version > version, may, "changed")
        may = rules.may_delete(who, model, place)
        response = api.delete(detail)
        check.status(f"api delete {place.name}", response, may, readable, 204)
        gone = not model.objects.filter(pk=obj.pk).exists()
        check.effect(f"api delete {place.name}", gone, may, "deleted")


def _creates(check, channel, rt, data, ctx, url, client):
    model, who = rt.model, check.who
    anywhere = rules.may_add_anywhere(who, model)
    for place in rules.creation_places(model):
        committee = ctx.committee(place)
        name = ctx.name("新建")
        before = model.objects.count()
        if channel == "ui":
            body = data.payload(ctx, committee, name)
            if data.files:
                body.update(data.files(ctx))
            response = client.post(url.page("add"), body)
        else:
            body = data.api_body(ctx, committee, name)
            if data.files:
                response = client.post(url.api, {**body, **data.files(ctx)}, format="multipart")
            else:
                response = client.post(url.api, body, format="json")
        may = rules.may_create(who, model, place)
        created = model.objects.count() > before
        what = f"{channel} create {place or 'shared'}"
        check.effect(what, created, may, "created")
        ok = (UI_OK if channel == "ui" else API_OK)["create"]
        if may:
            check.status(what, response, True, True, ok)
        elif response.status_code not in ((400, 403) if anywhere else (403,)):
            # Refused: 403 for a user who may add nowhere; one who may add elsewhere finds
            # the committee (or parent record) no choice of the form (400).
            check.wrong.append(f"{what}: refused with {response.status_code}")
