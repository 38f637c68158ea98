"""Problem and category pages, declared on the generic record views of core."""

from django.utils.translation import gettext_lazy

from lvzhi.core.choices import ExtensionState
from lvzhi.core.records import RecordType

from .. import filters, forms, selectors, services, tables
from ..api import serializers
from ..api.views import ProblemActions
from ..choices import FINAL_STATES
from ..models import Problem, ProblemCategory


class ProblemCategoryViews(RecordType):
    model = ProblemCategory
    prefix = "categories"
    api_prefix = "problem-categories"
    serializer = serializers.ProblemCategorySerializer
    filterset = filters.ProblemCategoryFilterSet
    table = tables.ProblemCategoryTable
    form = forms.ProblemCategoryForm
    detail_fields = ("name", "days_critical", "days_urgent", "days_normal", "is_active")


class ProblemViews(RecordType):
    model = Problem
    prefix = ""  # the problems live at the app's root: /problems/, /problems/<pk>/ …
    api_prefix = "problems"
    serializer = serializers.ProblemSerializer
    api_actions = ProblemActions
    workflow = services.WORKFLOW
    search = {"title": "title", "body": ("description",), "year": "registered_on"}
    similar_field = "description"
    filterset = filters.ProblemFilterSet
    table = tables.ProblemTable
    form = forms.ProblemForm
    select_related = ("committee", "enterprise", "category", "lead_unit", "industry")
    detail_template = "problems/problem_detail.html"
    detail_fields = (
        "title",
        "committee",
        "enterprise",
        "industry",
        "category",
        "urgency",
        "raised_by",
        "service_team",
        "source",
        "registered_on",
        "state",
        "lead_unit",
        "assigned_on",
        "deadline",
        "original_deadline",
        "answered_on",
        "answer_workdays",
        "satisfaction",
        "reminded_on",
        "escalated_on",
        "merged_into",
        "published",
    )

    @classmethod
    def detail_context(cls, request, obj):
        user = request.user
        return {
            "problem": obj,
            "due_state": obj.due_state(),
            "assignments": obj.assignments.select_related("department"),
            "notes": obj.progress_notes.select_related("author", "department"),
            "extensions": obj.extensions.select_related("department", "requested_by"),
            "pending_extensions": obj.extensions.filter(state=ExtensionState.PENDING),
            "confirmations": obj.confirmations.select_related("confirmed_by"),
            "duplicates": selectors.open_duplicates(
                user=user, enterprise=obj.enterprise, category=obj.category, exclude_pk=obj.pk
            )[:10],
        }

    @classmethod
    def may_attach(cls, user, record) -> bool:
        """The office, the assigned units and the enterprise add files until it is finished."""
        return record.state not in FINAL_STATES and bool(
            services.roles_of(user, record)
            & {services.MANAGER, services.LEAD, services.CO, services.ENTERPRISE}
        )

    #: how a new problem is filed: the office registers it
    file_new = staticmethod(services.problem_register)

    @classmethod
    def save(cls, *, actor, instance, m2m=None, expected_version=None, fields=None, inputs=None):
        inputs = inputs or {}
        if instance.pk:
            return services.problem_update(
                actor=actor, problem=instance, expected_version=expected_version, fields=fields
            )
        return cls.file_new(
            actor=actor, problem=instance, allow_duplicate=bool(inputs.get("confirm_duplicate"))
        )


class ProblemReportViews(ProblemViews):
    """反映难题: a member reports a problem of an enterprise (/problems/report/)."""

    prefix = None  # a variant page of ProblemViews, not a record type of its own
    form = forms.ProblemReportForm
    file_new = staticmethod(services.problem_report)
    add_title = gettext_lazy("Report a problem")
