"""The problem list's filters, shared by the list page, the Excel export and the API."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from lvzhi.core.filters import BaseFilterSet, CommitteeOwnedFilterSet, visible
from lvzhi.core.models import Department, Enterprise, Industry

from . import deadlines
from .choices import DueState, State, Urgency
from .models import Problem, ProblemCategory


class ProblemCategoryFilterSet(BaseFilterSet):
    search_fields = ("name",)

    class Meta:
        model = ProblemCategory
        fields = ["is_active"]


class ProblemFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("title", "description", "enterprise__name", "solution")
    state = filters.MultipleChoiceFilter(choices=State.choices, label=_("State"))
    due = filters.ChoiceFilter(
        choices=DueState.choices, method="filter_due", label=_("Deadline state")
    )
    unit = filters.ModelChoiceFilter(
        queryset=Department.objects.all(),
        field_name="assignments__department",
        distinct=True,
        label=_("Handling unit"),
    )
    industry = filters.ModelChoiceFilter(queryset=Industry.objects.all(), label=_("Industry"))
    category = filters.ModelChoiceFilter(
        queryset=ProblemCategory.objects.all(), label=_("Category")
    )
    enterprise = filters.ModelChoiceFilter(queryset=visible(Enterprise), label=_("Enterprise"))
    urgency = filters.ChoiceFilter(choices=Urgency.choices, label=_("Urgency"))
    year = filters.NumberFilter(field_name="registered_on", lookup_expr="year", label=_("Year"))
    escalated = filters.BooleanFilter(
        field_name="escalated_on", lookup_expr="isnull", exclude=True, label=_("Escalated")
    )
    answered_on_time = filters.BooleanFilter(label=_("Answered on time"))
    # Date ranges of the workflow's dates: the figures of a period drill down to these.
    registered_from = filters.DateFilter(
        field_name="registered_on", lookup_expr="gte", label=_("Registered from")
    )
    registered_to = filters.DateFilter(
        field_name="registered_on", lookup_expr="lte", label=_("Registered until")
    )
    answered_from = filters.DateFilter(
        field_name="answered_on", lookup_expr="gte", label=_("Answered from")
    )
    answered_to = filters.DateFilter(
        field_name="answered_on", lookup_expr="lte", label=_("Answered until")
    )
    resolved_from = filters.DateFilter(
        field_name="resolved_on", lookup_expr="gte", label=_("Resolved from")
    )
    resolved_to = filters.DateFilter(
        field_name="resolved_on", lookup_expr="lte", label=_("Resolved until")
    )

    class Meta:
        model = Problem
        fields = ["state", "due", "unit", "industry", "category", "urgency", "year", "escalated"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Units to choose from: those the user can see (a unit's own user: itself).
        request = kwargs.get("request")
        user = getattr(request, "user", None)
        if user is not None:
            self.filters["unit"].queryset = Department.objects.visible_to(user)
            self.form.fields["unit"].queryset = Department.objects.visible_to(user)

    def filter_due(self, queryset, name, value):
        return deadlines.filter_due_state(queryset, value)
