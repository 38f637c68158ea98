"""Reusable test classes: a model gets its permission, list, create and edit tests by
declaring its data in tests/registry/data.py (the NetBox utilities/testing pattern).

    class TestVillages(RecordTypeTests):
        model_label = "core.village"

`registry_cases(app_label)` parametrizes a test over every registered record type of an app
× every shared user; tests/<app>/test_registry_permissions.py run them.
"""

import pytest

from lvzhi.core.records import REGISTRY, record_types
from tests.registry import rules
from tests.registry.data import Context
from tests.registry.matrix import Url, check_record_type, declaration


def registry_cases(app_label=None, exclude_apps=()):
    """pytest params (record type × user) of the registered types of `app_label`."""
    types = [t for t in record_types(app_label) if t.model._meta.app_label not in exclude_apps]
    return [
        pytest.param(t, who, id=f"{t.model._meta.label_lower}-{who}")
        for t in sorted(types, key=lambda t: t.model._meta.label_lower)
        for who in rules.USERS
    ]


def assert_permissions(record_type, who, system):
    wrong = check_record_type(record_type, who, system)
    label = record_type.model._meta.label_lower
    klass = rules.visibility_class(record_type.model)
    assert wrong == [], f"{who} on {label} ({klass}):\n  " + "\n  ".join(wrong)


class RecordTypeTests:
    """Base class: set `model_label`; the office creates, lists, edits, meets a stale edit
    and (with an importer) the import page. RecordPermissionTests adds the user matrix."""

    model_label: str = ""

    @property
    def record_type(self):
        return REGISTRY[self.model_label]

    def test_manager_creates_and_edits_in_the_pages(self, system, client_for):
        """The office that manages the city creates a record, sees it listed and edits it."""
        rt, data, ctx = self.record_type, declaration(self.record_type), Context(system)
        url, client = Url(rt), client_for(system.frank)
        committee = system.city if rules.places(rt.model)[0].committee else None
        ids = set(rt.model.objects.values_list("pk", flat=True))
        body = {
            **data.payload(ctx, committee, ctx.name("新建")),
            **(data.files(ctx) if data.files else {}),
        }
        response = client.post(url.page("add"), body)
        assert response.status_code == 302, response.context and response.context["form"].errors
        (obj,) = rt.model.objects.exclude(pk__in=ids)
        listing = client.get(url.page("list"), {"scope": "all", "per_page": 1000}).content.decode()
        assert data.marker(obj) in listing
        body = {**data.payload(ctx, committee, ctx.name("改")), "version": obj.version}
        response = client.post(
            url.page("edit", obj), {**body, **(data.files(ctx) if data.files else {})}
        )
        assert response.status_code == 302, response.context and response.context["form"].errors
        obj.refresh_from_db()
        assert obj.version == 2
        assert len(client.get(url.page("history", obj)).context["entries"]) == 2

    def test_stale_edit_is_refused(self, system, api_for):
        """An API edit from an old version is refused with 409 and changes nothing."""
        rt, data = self.record_type, declaration(self.record_type)
        obj = data.make(Context(system), rules.places(rt.model)[0])
        response = api_for(system.frank).patch(
            f"/api/v1/{rt.api_prefix}/{obj.pk}/",
            {**data.edit, "version": obj.version + 1},
            format="json",
        )
        assert response.status_code == 409, response.content
        before = obj.version
        obj.refresh_from_db()
        assert obj.version == before

    def test_import_page_is_for_those_who_may_add(self, system, client_for):
        rt = self.record_type
        url = Url(rt).page("import")
        for who in rules.USERS:
            expected = 200 if rules.may_add_anywhere(who, rt.model) else 403
            assert client_for(getattr(system, who)).get(url).status_code == expected, who
        template = client_for(system.frank).get(url, {"template": 1})
        assert template.status_code == 200 and template["Content-Type"].startswith(
            "application/vnd.openxmlformats"
        )


class RecordPermissionTests(RecordTypeTests):
    """RecordTypeTests plus every shared user × place × action (tests/registry/matrix.py)."""

    @pytest.mark.parametrize("who", rules.USERS)
    def test_permissions(self, system, who):
        assert_permissions(self.record_type, who, system)


def record_type_test_classes(app_label, namespace):
    """Put a RecordTypeTests class for every registered type of `app_label` into a test
    module's `namespace` (its globals()), so pytest collects them."""
    for t in record_types(app_label):
        label = t.model._meta.label_lower
        name = "Test" + t.model.__name__
        attrs = {"model_label": label}
        # A test that does not apply is not generated (rather than skipped).
        if not t.api_prefix:
            attrs["test_stale_edit_is_refused"] = None
        if not t.importer:
            attrs["test_import_page_is_for_those_who_may_add"] = None
        namespace[name] = type(name, (RecordTypeTests,), attrs)
