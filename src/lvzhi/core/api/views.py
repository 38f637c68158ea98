"""API viewsets: a few lines each; visibility, filters and writes shared with the UI."""

from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers as drf_serializers
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from lvzhi.core import services
from lvzhi.core.api import serializers
from lvzhi.core.api.workflow import workflow_actions
from lvzhi.core.errors import ConflictError
from lvzhi.core.history import history_entries
from lvzhi.core.records import labelled

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
        queryset = self.views.queryset(self.request.user).order_by("pk")
        # The many-to-many fields the API lists, one query each for the whole page.
        listed = set(getattr(getattr(self.get_serializer_class(), "Meta", None), "fields", ()))
        many = [
            f.name
            for f in self.views.model._meta.many_to_many
            if f.name in listed and f.name not in self.views.prefetch_related
        ]
        extra = [*self.views.api_prefetch_related, *many]
        if extra:
            queryset = queryset.prefetch_related(*labelled(self.views.model, extra))
        return queryset

    @property
    def filterset_class(self):
        return self.views.filterset

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        m2m, inputs = self._split(data)
        serializer.instance = self.views.save(
            actor=self.request.user, instance=self.views.model(**data), m2m=m2m, inputs=inputs
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        version = self.expected_version(data.pop("version", None))
        m2m, inputs = self._split(data)
        instance = serializer.instance
        for name, value in data.items():
            setattr(instance, name, value)
        serializer.instance = self.views.save(
            actor=self.request.user,
            instance=instance,
            m2m=m2m,
            expected_version=version,
            fields=[*data, *m2m],
            inputs=inputs,
        )

    def perform_destroy(self, instance):
        self.views.delete(actor=self.request.user, instance=instance)

    def _split(self, data):
        """Pop the many-to-many values and the inputs that are not fields of the model."""
        meta = self.views.model._meta
        m2m_names = {f.name for f in meta.many_to_many}
        concrete = {f.name for f in meta.concrete_fields}
        m2m = {name: data.pop(name) for name in list(data) if name in m2m_names}
        inputs = {name: data.pop(name) for name in list(data) if name not in concrete}
        return m2m, inputs

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


def viewset_for(record_type):
    """The viewset of a record type: its serializer (default: the form's fields), its extra
    actions, and a step endpoint per workflow transition."""
    serializer = record_type.serializer or serializers.serializer_for(
        record_type.model, record_type.form._meta.fields
    )
    bases = (
        (record_type.api_actions, RecordViewSet) if record_type.api_actions else (RecordViewSet,)
    )
    attrs = {
        "views": record_type,
        "serializer_class": serializer,
        "queryset": record_type.model.objects.none(),
    }
    if record_type.workflow is not None:
        attrs.update(workflow_actions(record_type.workflow, serializer))
    return type(f"{record_type.model.__name__}ViewSet", bases, attrs)
