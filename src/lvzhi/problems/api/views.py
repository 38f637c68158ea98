"""API viewsets: the same visibility, validation and workflow services as the pages.

POST /api/v1/problems/{id}/{step}/ runs a workflow step (assign, start, progress, answer,
confirm, reopen, return, merge, withdraw, close, request-extension, approve-extension,
refuse-extension) with the same form validation as the page; refusals are 400/403 JSON.
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
from lvzhi.core.api.serializers import form_serializer
from lvzhi.core.api.views import RecordViewSet, form_data, viewset_for
from lvzhi.core.errors import DomainError
from lvzhi.core.scope import committee_ids_for

from .. import selectors, services
from ..choices import Action, ExtensionState
from ..views.records import ProblemCategoryViews, ProblemViews
from ..views.steps import STEPS
from . import serializers

ProblemCategoryViewSet = viewset_for(ProblemCategoryViews, serializers.ProblemCategorySerializer)


class ProblemViewSet(RecordViewSet):
    views = ProblemViews
    serializer_class = serializers.ProblemSerializer
    queryset = ProblemViews.model.objects.none()

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
        if not permissions.can_report(request.user, ProblemViews.model):
            raise PermissionDenied(_("Only a member of this committee may report a problem to it."))
        serializer = serializers.ProblemReportSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        allow = data.pop("confirm_duplicate", False)
        try:
            problem = services.problem_report(
                actor=request.user, problem=ProblemViews.model(**data), allow_duplicate=allow
            )
        except services.DuplicateWarning as exc:
            return self._duplicates(exc)
        return Response(
            serializers.ProblemSerializer(problem, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        allow = data.pop("confirm_duplicate", False)
        serializer.instance = services.problem_register(
            actor=self.request.user, problem=self.views.model(**data), allow_duplicate=allow
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        version = self.expected_version(data.pop("version", None))
        data.pop("confirm_duplicate", None)
        instance = serializer.instance
        for name, value in data.items():
            setattr(instance, name, value)
        serializer.instance = services.problem_update(
            actor=self.request.user,
            problem=instance,
            expected_version=version,
            fields=list(data),
        )

    @extend_schema(responses=serializers.ProblemTransitionSerializer(many=True))
    @action(
        detail=True,
        methods=["get"],
        permission_classes=[IsAuthenticated],
        pagination_class=None,
        filter_backends=[],
    )
    def transitions(self, request, pk=None):
        problem = self.get_object()
        data = serializers.ProblemTransitionSerializer(
            problem.transitions.select_related("actor"), many=True
        ).data
        return Response(data)

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

    def _step(self, request, step):
        problem = self.get_object()
        form_class, service = STEPS[step]
        form = form_class(data=form_data(request), user=request.user, problem=problem)
        if not form.is_valid():
            errors = form.errors.get_json_data()
            raise DRFValidationError({k: [e["message"] for e in v] for k, v in errors.items()})
        if step in {Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION}:
            ext = problem.extensions.filter(
                pk=form.cleaned_data["request_id"], state=ExtensionState.PENDING
            ).first()
            if ext is None:
                raise DomainError(_("This extension request was already decided."))
            service(actor=request.user, request=ext, comment=form.cleaned_data["comment"])
        else:
            service(actor=request.user, problem=problem, **form.service_kwargs())
        problem = self.get_queryset().get(pk=problem.pk)
        return Response(
            serializers.ProblemSerializer(problem, context=self.get_serializer_context()).data
        )


def _make_step(step):
    def handler(self, request, pk=None):
        return self._step(request, step)

    handler.__name__ = f"step_{step}"
    handler.__doc__ = f"Workflow step: {Action(step).label}."
    # extend_schema outside @action: @action replaces the function's kwargs, where the
    # schema annotation lives, so applied inside it the step's body was never documented.
    return extend_schema(
        request=form_serializer(STEPS[step][0]),
        responses=serializers.ProblemSerializer,
    )(
        action(
            detail=True,
            methods=["post"],
            url_path=step.replace("_", "-"),
            url_name=f"step-{step.replace('_', '-')}",
            permission_classes=[IsAuthenticated],
        )(handler)
    )


for _step_name in STEPS:
    setattr(ProblemViewSet, f"step_{_step_name}", _make_step(_step_name))
