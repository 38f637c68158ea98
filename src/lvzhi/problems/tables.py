"""The problem list table; the deadline state is computed once per page, not per row."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lvzhi.core.tables import BaseTable, DateColumn

from .choices import DueState
from .models import Problem, ProblemCategory

BADGE = {
    DueState.OVERDUE: "danger",
    DueState.DUE_SOON: "warning",
    DueState.ON_TIME: "success",
    DueState.NONE: "secondary",
}


class ProblemCategoryTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = ProblemCategory
        fields = ("name", "days_critical", "days_urgent", "days_normal", "is_active")


class ProblemTable(BaseTable):
    id = tables.Column(verbose_name="#", linkify=True)
    title = tables.Column(linkify=True)
    due = tables.Column(verbose_name=_("Deadline state"), accessor="pk", orderable=False)
    escalated_on = DateColumn(verbose_name=_("Escalated"))
    # in the Excel export only: the list stays narrow
    description = tables.Column(visible=False)
    solution = tables.Column(visible=False)
    answered_on = DateColumn(visible=False)
    satisfaction = tables.Column(visible=False)

    # the state and the deadline's state on every screen; the rest as width allows
    shown_from = {
        "enterprise": "md",
        "category": "xl",
        "committee": "xxl",
        "lead_unit": "lg",
        "deadline": "md",
        "escalated_on": "xxl",
        "registered_on": "xxl",
    }

    class Meta(BaseTable.Meta):
        model = Problem
        fields = (
            "id",
            "title",
            "state",
            "due",
            "deadline",
            "enterprise",
            "category",
            "committee",
            "lead_unit",
            "escalated_on",
            "registered_on",
            "description",
            "solution",
            "answered_on",
            "satisfaction",
        )

    def render_due(self, record):
        value = DueState(record.due_state())
        return format_html('<span class="badge text-bg-{}">{}</span>', BADGE[value], value.label)

    def value_due(self, record):
        return str(DueState(record.due_state()).label)
