"""The problems app's figures of the year (数据见证担当), declared for the reports app.

"协调解决难题290个" counts the problems that reached *resolved* (confirmed by the enterprise,
then mostly closed) in the period, by the day they were resolved.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lvzhi.core.indicators import Indicator, list_link, register

from .choices import RESOLVED_STATES, DueState
from .deadlines import filter_due_state
from .models import Problem

LIST = "problems:problem_list"
COMMON = {
    "date_field": "registered_on",
    "industry_field": "industry",
    "sector_field": "raised_by__memberships__sector",
}


def _registered(q, **params):
    return list_link(LIST, q, date_from="registered_from", date_to="registered_to", **params)


INDICATORS = [
    Indicator(
        key="problems.resolved",
        label=_("Problems resolved"),
        unit=pgettext_lazy("indicator unit", "problems"),
        phrase=_("coordinated the solution of {n} problems"),
        queryset=lambda: Problem.objects.filter(state__in=RESOLVED_STATES),
        **{**COMMON, "date_field": "resolved_on"},
        list_url=lambda q: list_link(
            LIST,
            q,
            date_from="resolved_from",
            date_to="resolved_to",
            state=[str(s) for s in RESOLVED_STATES],
        ),
        headline=True,
        order=30,
    ),
    Indicator(
        key="problems.received",
        label=_("Problems received"),
        unit=pgettext_lazy("indicator unit", "problems"),
        phrase=_("received {n} enterprise problems"),
        queryset=lambda: Problem.objects.all(),
        **COMMON,
        list_url=_registered,
        split_field="state",
        order=80,
    ),
    Indicator(
        key="problems.answered_on_time",
        label=_("Problems answered on time"),
        unit=pgettext_lazy("indicator unit", "problems"),
        phrase=_("answered {n} problems on time"),
        queryset=lambda: Problem.objects.filter(answered_on_time=True),
        **{**COMMON, "date_field": "answered_on"},
        list_url=lambda q: list_link(
            LIST, q, date_from="answered_from", date_to="answered_to", answered_on_time="true"
        ),
        order=82,
    ),
    Indicator(
        key="problems.overdue",
        label=_("Problems overdue"),
        unit=pgettext_lazy("indicator unit", "problems"),
        phrase=_("{n} problems overdue"),
        # open past the deadline today, or answered late; placed by the day registered
        queryset=lambda: filter_due_state(Problem.objects.all(), DueState.OVERDUE),
        **COMMON,
        list_url=lambda q: _registered(q, due=DueState.OVERDUE.value),
        order=84,
        daily=True,  # overdue today: tomorrow more may be
    ),
]


def register_indicators():
    for indicator in INDICATORS:
        register(indicator)
