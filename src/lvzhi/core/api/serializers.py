"""API serializers: model validation runs through the same services as the forms."""

import json
from collections.abc import Mapping
from functools import cache

from django import forms as django_forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers

from lvzhi.core import models, permissions
from lvzhi.core.visibility import is_committee_owned


class RecordSerializer(serializers.ModelSerializer):
    """Related choices limited to what the user sees; `version` for optimistic locking."""

    url = serializers.SerializerMethodField()
    version = serializers.IntegerField(
        required=False,
        help_text="The version your change starts from; a newer stored version gives 409.",
    )

    #: the right a new record is filed with: ADD (the office) or REPORT (a member's own)
    add_right = permissions.ADD

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()

    def build_standard_field(self, field_name, model_field):
        # A model field may name its own API field (e.g. a money field that reads "1.8亿").
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        custom = getattr(model_field, "serializer_field", None)
        if custom is not None:
            field_class, field_kwargs = custom(field_class, field_kwargs)
        if model_field.choices and model_field.blank and "choices" in field_kwargs:
            # DRF drops allow_blank on read-only fields, and the schema's enum then leaves
            # out the empty value such a field does hold (e.g. satisfaction before confirm).
            field_kwargs["allow_blank"] = True
        return field_class, field_kwargs

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for name, field in fields.items():
            target = getattr(field, "child_relation", field)
            queryset = getattr(target, "queryset", None)
            if queryset is None or user is None:
                continue
            if name == "committee" and is_committee_owned(self.Meta.model):
                allowed = permissions.addable_committees(user, self.Meta.model, self.add_right)
                current = getattr(self.instance, "committee_id", None)
                if current:
                    allowed = allowed | models.Committee.objects.filter(pk=current)
                target.queryset = allowed.distinct()
            elif is_committee_owned(queryset.model):
                target.queryset = queryset.model.objects.visible_to(user)
        return fields


#: Django form field → API field and its options; first match wins (subclasses first).
_FORM_FIELDS = [
    (django_forms.ModelMultipleChoiceField, lambda f: (serializers.ListField, {
        "child": serializers.IntegerField()})),
    (django_forms.ModelChoiceField, lambda f: (serializers.IntegerField, {})),
    (django_forms.ChoiceField, lambda f: (serializers.ChoiceField, {
        "choices": [c for c in f.choices if c[0] != ""], "allow_blank": not f.required})),
    (django_forms.DateField, lambda f: (serializers.DateField, {"allow_null": not f.required})),
    (django_forms.IntegerField, lambda f: (serializers.IntegerField, {})),
    (django_forms.BooleanField, lambda f: (serializers.BooleanField, {})),
    (django_forms.CharField, lambda f: (serializers.CharField, {
        "max_length": f.max_length, "allow_blank": not f.required})),
    # a step's document: sent as multipart/form-data
    (django_forms.FileField, lambda f: (serializers.FileField, {})),
]  # fmt: skip


@cache
def form_serializer(form_class):
    """A serializer that documents what `form_class` reads (the API validates with the form)."""
    fields = {}
    for name, form_field in form_class.base_fields.items():
        options = next(make for kind, make in _FORM_FIELDS if isinstance(form_field, kind))
        field_class, kwargs = options(form_field)
        label = form_field.help_text or form_field.label
        fields[name] = field_class(
            required=form_field.required, help_text=str(label) if label else None, **kwargs
        )
    name = form_class.__name__.removesuffix("Form")
    return type(f"{name}Input", (serializers.Serializer,), fields)


def serializer_for(model_class, field_names, extra=None):
    meta = type(
        "Meta", (), {"model": model_class, "fields": ["id", "url", "version", *field_names]}
    )
    return type(
        f"{model_class.__name__}Serializer", (RecordSerializer,), {"Meta": meta, **(extra or {})}
    )


# The API offers the fields the forms offer (a record type without a serializer of its own
# gets serializer_for(model, form fields)); a model needing more declares one here.
class MemberSerializer(RecordSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = models.Member
        fields = [
            "id",
            "url",
            "version",
            "committee",
            "person",
            "person_name",
            "sector",
            "term",
            "member_no",
            "position",
            "is_active",
            "published",
        ]


def form_data(request):
    """The request body for a Django form: it must be an object (a JSON array is a 400).

    A JSON object becomes form data as a browser would send it — every value a string, a
    list one value per item — so a list or an object where the form expects one text is a
    field error, not a crash inside the form field."""
    if not isinstance(request.data, Mapping):
        raise exceptions.ValidationError(
            {"non_field_errors": [_("Send the fields as one object.")]}
        )
    if isinstance(request.data, QueryDict):
        return request.data
    data = QueryDict(mutable=True)
    for key, value in request.data.items():
        items = value if isinstance(value, list) else [value]
        data.setlist(str(key), [_form_value(item) for item in items])
    return data


def _form_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
