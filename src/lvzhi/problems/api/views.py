"""The problems API beyond what its record type generates.

The list, detail, writes, history, transitions and the workflow steps
(POST /api/v1/problems/{id}/{step}/: assign, start, progress, answer, confirm, reopen,
return, merge, withdraw, close, request-extension, approve-extension, refuse-extension) come
from the record type and its workflow (core.records, core.workflow); here: a member's
反映 endpoint, the duplicate check before registering, and the league table.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from lvzhi.core import permissions
from lvzhi.core.scope import committee_ids_for

from .. import selectors, services
from . import serializers


class ProblemActions:
    """The problems API beyond its record type's list, detail, writes and workflow steps."""

    def get_queryset(self):
        return super().get_queryset().prefetch_related("assignments__department")

    def create(self, request, *args, **kwargs):
        try:
            return super().create(request, *args, **kwargs)
        except services.DuplicateWarning as exc:
            return self._duplicates(exc)

    def _duplicates(self, exc):
        return Response(
            {
                "detail": exc.message,
                "duplicates": serializers.ProblemSerializer(
                    exc.duplicates, many=True, context=self.get_serializer_context()
                ).data,
            },
            status=status.HTTP_400_BAD_REQUEST,
        )

    @extend_schema(
        request=serializers.ProblemReportSerializer,
        responses={201: serializers.ProblemSerializer},
    )
    @action(detail=False, methods=["post"], permission_classes=[IsAuthenticated])
    def report(self, request):
        """反映难题: a member reports a problem of an enterprise to a committee they sit on."""
        if not permissions.can_report(request.user, self.views.model):
            raise PermissionDenied(_("Only a member of this committee may report a problem to it."))
        serializer = serializers.ProblemReportSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        allow = data.pop("confirm_duplicate", False)
        try:
            problem = services.problem_report(
                actor=request.user, problem=self.views.model(**data), allow_duplicate=allow
            )
        except services.DuplicateWarning as exc:
            return self._duplicates(exc)
        return Response(
            serializers.ProblemSerializer(problem, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("enterprise", int, required=True),
            OpenApiParameter("category", int, required=True),
        ],
        responses=serializers.ProblemSerializer(many=True),
    )
    @action(
        detail=False,
        methods=["get"],
        permission_classes=[IsAuthenticated],
        pagination_class=None,
        filter_backends=[],
    )
    def duplicates(self, request):
        """Open problems of an enterprise in a category (the warning before registering)."""
        from lvzhi.core.models import Enterprise

        from ..models import ProblemCategory

        try:
            enterprise = (
                Enterprise.objects.visible_to(request.user)
                .filter(pk=int(request.query_params.get("enterprise", "")))
                .first()
            )
            category = ProblemCategory.objects.filter(
                pk=int(request.query_params.get("category", ""))
            ).first()
        except ValueError as exc:
            raise DRFValidationError({"detail": "enterprise and category must be ids"}) from exc
        qs = selectors.open_duplicates(user=request.user, enterprise=enterprise, category=category)
        return Response(
            serializers.ProblemSerializer(
                qs[:20], many=True, context=self.get_serializer_context()
            ).data
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int),
            OpenApiParameter("by", str, enum=list(selectors.LEAGUE_GROUPS)),
            OpenApiParameter("scope", str),
        ],
        responses={200: {"type": "array", "items": {"type": "object"}}},
    )
    @action(
        detail=False,
        methods=["get"],
        permission_classes=[IsAuthenticated],
        pagination_class=None,
        filter_backends=[],
    )
    def league(self, request):
        """Per unit / county / industry: assigned, on time, overdue, days, satisfaction."""
        try:
            year = int(request.query_params.get("year") or timezone.localdate().year)
        except ValueError as exc:
            raise DRFValidationError({"year": "not a year"}) from exc
        by = request.query_params.get("by", "unit")
        if by not in selectors.LEAGUE_GROUPS:
            raise DRFValidationError({"by": f"one of {', '.join(selectors.LEAGUE_GROUPS)}"})
        ids = committee_ids_for(request.user, request.query_params.get("scope"))
        return Response(
            selectors.league_table(user=request.user, year=year, by=by, committee_ids=ids)
        )
