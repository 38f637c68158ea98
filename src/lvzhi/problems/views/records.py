"""Problem and category pages, declared on the generic record views of core."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lvzhi.core.views.generic import RecordViews

from .. import filters, forms, selectors, services, tables
from ..choices import Action, ExtensionState
from ..models import Problem, ProblemCategory
from .actions import step_forms


class ProblemCategoryViews(RecordViews):
    model = ProblemCategory
    filterset = filters.ProblemCategoryFilterSet
    table = tables.ProblemCategoryTable
    form = forms.ProblemCategoryForm
    detail_fields = ("name", "days_critical", "days_urgent", "days_normal", "is_active")


class ProblemViews(RecordViews):
    model = Problem
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

    @staticmethod
    def detail_context(request, obj, bound=None):
        user = request.user
        actions = services.available_actions(user, obj)
        return {
            "problem": obj,
            "due_state": obj.due_state(),
            "actions": actions,
            "step_forms": step_forms(user, obj, actions, bound),
            "transitions": obj.transitions.select_related("actor", "unit"),
            "assignments": obj.assignments.select_related("department"),
            "notes": obj.progress_notes.select_related("author", "department"),
            "extensions": obj.extensions.select_related("department", "requested_by"),
            "pending_extensions": obj.extensions.filter(state=ExtensionState.PENDING),
            "confirmations": obj.confirmations.select_related("confirmed_by"),
            "duplicates": selectors.open_duplicates(
                user=user, enterprise=obj.enterprise, category=obj.category, exclude_pk=obj.pk
            )[:10],
            "decide": Action.APPROVE_EXTENSION in actions,
        }

    #: how a new problem is filed: the office registers it
    file_new = staticmethod(services.problem_register)

    @classmethod
    def save(cls, actor, form):
        problem = form.save(commit=False)
        if problem.pk:
            return services.problem_update(
                actor=actor, problem=problem, expected_version=form.cleaned_data.get("version")
            )
        try:
            return cls.file_new(
                actor=actor,
                problem=problem,
                allow_duplicate=form.cleaned_data.get("confirm_duplicate", False),
            )
        except services.DuplicateWarning as exc:
            listing = "；".join(
                f"#{p.pk} {p.title}（{p.get_state_display()}）" for p in exc.duplicates
            )
            raise ValidationError(
                {
                    "confirm_duplicate": [
                        exc.message,
                        _("Open problems: %(list)s") % {"list": listing},
                    ]
                }
            ) from exc


class ProblemReportViews(ProblemViews):
    """反映难题: a member reports a problem of an enterprise (/problems/report/)."""

    form = forms.ProblemReportForm
    file_new = staticmethod(services.problem_report)
    add_title = gettext_lazy("Report a problem")
