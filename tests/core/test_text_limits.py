"""Long text has a limit (20,000 characters) that the form, the API and the model enforce."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from lvzhi.core import services
from lvzhi.core.fields import LONG_TEXT_MAX_LENGTH
from lvzhi.core.models import Enterprise, Person

HUGE = "a" * 1_000_000
TOO_LONG = "超过 20000 个字符"  # the message of DRF; Django's says "不超过 20000 字符"


def test_every_editable_text_field_has_a_limit():
    unbounded = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("lvzhi.")
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField) and field.editable and field.max_length is None
        and model._meta.app_label != "text"  # the search index: derived from limited fields
    ]  # fmt: skip
    assert unbounded == []


def test_the_form_refuses_a_million_characters(system, client_for):
    client = client_for(system.bob)
    data = {"committee": system.county.pk, "name": "东糖", "description": HUGE}
    response = client.post("/enterprises/add/", data)
    assert response.status_code == 400
    assert "不超过 20000 字符" in response.context["form"].errors["description"][0]
    assert not Enterprise.objects.filter(name="东糖").exists()
    data["description"] = "x" * LONG_TEXT_MAX_LENGTH
    assert client.post("/enterprises/add/", data).status_code == 302


def test_the_api_refuses_a_million_characters(system, api_for):
    api = api_for(system.bob)
    body = {"committee": system.county.pk, "name": "东糖", "description": HUGE}
    response = api.post("/api/v1/enterprises/", body, format="json")
    assert response.status_code == 400
    assert TOO_LONG in response.json()["description"][0]


def test_the_model_refuses_it_too(system):
    person = Person(committee=system.county, name="某人", profile=HUGE)
    with pytest.raises(ValidationError) as error:
        services.record_save(actor=system.bob, instance=person)
    assert "不超过 20000 字符" in error.value.message_dict["profile"][0]
