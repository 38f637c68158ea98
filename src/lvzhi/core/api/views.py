"""API viewsets: a few lines each; visibility, filters and writes shared with the UI."""

import json
from collections.abc import Mapping

from django.http import QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import exceptions as drf_exceptions
from rest_framework import serializers as drf_serializers
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from lvzhi.core import services
from lvzhi.core.api import serializers
from lvzhi.core.errors import ConflictError
from lvzhi.core.history import history_entries
from lvzhi.core.views import records

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description="The ETag of the record as you read it; a newer stored version gives 409.",
)


@extend_schema_view(
    update=extend_schema(parameters=[IF_MATCH]),
    partial_update=extend_schema(parameters=[IF_MATCH]),
)
class RecordViewSet(viewsets.ModelViewSet):
    """Starts from `visible_to(user)`; creates, changes and deletes through the services.

    A record's ETag is its version: GET gives it, PUT/PATCH with `If-Match` (or `version`
    in the body) are refused with 409 when someone saved in between.
    """

    views = None  # the RecordViews of the model: queryset, filterset

    def get_queryset(self):
        return self.views.queryset(self.request.user).order_by("pk")

    @property
    def filterset_class(self):
        return self.views.filterset

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        m2m = self._pop_m2m(data)
        instance = self.views.model(**data)
        serializer.instance = services.record_save(
            actor=self.request.user, instance=instance, m2m=m2m
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        version = self.expected_version(data.pop("version", None))
        m2m = self._pop_m2m(data)
        instance = serializer.instance
        for name, value in data.items():
            setattr(instance, name, value)
        serializer.instance = services.record_save(
            actor=self.request.user,
            instance=instance,
            m2m=m2m,
            expected_version=version,
            fields=list(serializer.validated_data),
        )

    def perform_destroy(self, instance):
        services.record_delete(actor=self.request.user, instance=instance)

    def expected_version(self, body_version):
        """The version the client's edit starts from: `If-Match`, else `version` in the body."""
        header = (self.request.headers.get("If-Match") or "").strip()
        if not header or header == "*":
            return body_version
        tag = header.split(",")[0].strip().removeprefix("W/").strip('"')
        if not tag.isascii() or not tag.isdigit() or len(tag) > 18:
            raise ConflictError(services.STALE_EDIT)
        if body_version is not None and int(body_version) != int(tag):
            raise ConflictError(services.STALE_EDIT)
        return int(tag)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if (
            getattr(self, "action", None) in {"retrieve", "update", "partial_update"}
            and response.status_code == 200
            and isinstance(data, dict)
            and data.get("version") is not None
        ):
            response["ETag"] = f'"{data["version"]}"'
        return response

    @extend_schema(
        responses=inline_serializer(
            "HistoryEntry",
            {
                "date": drf_serializers.DateTimeField(),
                "user": drf_serializers.CharField(),
                "type": drf_serializers.CharField(),
                "changes": drf_serializers.ListField(child=drf_serializers.ListField()),
            },
            many=True,
        )
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def history(self, request, pk=None):
        """Every change of the record: when, who, and each field's old and new value."""
        entries = history_entries(self.get_object())
        return Response(
            [
                {
                    "date": e["date"],
                    "user": str(e["user"]),
                    "type": str(e["type"]),
                    "changes": [[str(label), old, new] for label, old, new in e["changes"]],
                }
                for e in entries
            ]
        )

    def _pop_m2m(self, data):
        names = {f.name for f in self.views.model._meta.many_to_many}
        return {name: data.pop(name) for name in list(data) if name in names}


def form_data(request):
    """The request body for a Django form: it must be an object (a JSON array is a 400).

    A JSON object becomes form data as a browser would send it — every value a string, a
    list one value per item — so a list or an object where the form expects one text is a
    field error, not a crash inside the form field."""
    if not isinstance(request.data, Mapping):
        raise drf_exceptions.ValidationError(
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


def viewset_for(views, serializer):
    return type(
        f"{views.model.__name__}ViewSet",
        (RecordViewSet,),
        {"views": views, "serializer_class": serializer, "queryset": views.model.objects.none()},
    )


CommitteeViewSet = viewset_for(records.CommitteeViews, serializers.CommitteeSerializer)
SectorViewSet = viewset_for(records.SectorViews, serializers.SectorSerializer)
IndustryViewSet = viewset_for(records.IndustryViews, serializers.IndustrySerializer)
PersonViewSet = viewset_for(records.PersonViews, serializers.PersonSerializer)
MemberViewSet = viewset_for(records.MemberViews, serializers.MemberSerializer)
DepartmentViewSet = viewset_for(records.DepartmentViews, serializers.DepartmentSerializer)
ParkViewSet = viewset_for(records.ParkViews, serializers.ParkSerializer)
VillageViewSet = viewset_for(records.VillageViews, serializers.VillageSerializer)
EnterpriseViewSet = viewset_for(records.EnterpriseViews, serializers.EnterpriseSerializer)
