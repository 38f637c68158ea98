"""The figures of a session year (提案统计 page), kept in the summary tables (core.tallies).

The page counts the proposals of the year's sessions (届次), not of a date range: each
figure is placed on 1 January of its proposal's session year (`SessionYear`), so the
tables answer "the year 2024" with one month's rows. Aggregates are Counts, at most four
per figure, each figure split by one field; the page adds them up (selectors.proposal).
They are not listed on the dashboard (`dashboard=False`): a quarter there would find every
proposal in January.
"""

from django.db.models import Count, DateField, Func, Q
from django.utils.translation import gettext_lazy as _

from lvzhi.core.indicators import Indicator, register

from ..choices.proposal import RECEIVED_STATES, Rating, State
from ..models import Proposal, ProposalAssignment

#: the annotation that places a record in its session year
DATE = "session_year"
SATISFIED = [Rating.SATISFIED, Rating.BASICALLY]


class SessionYear(Func):
    """1 January of the year in an integer column (a proposal's session year, `year`)."""

    output_field = DateField()

    def as_sql(self, compiler, connection, **extra):
        # 'YYYY-01-01': SQLite keeps dates as such text
        return super().as_sql(
            compiler, connection, template="(CAST(%(expressions)s AS TEXT) || '-01-01')", **extra
        )

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="make_date(%(expressions)s, 1, 1)", **extra
        )


def _proposals(**filters):
    return Proposal.objects.filter(**filters).annotate(**{DATE: SessionYear("year")})


def _received(**filters):
    return _proposals(state__in=RECEIVED_STATES, **filters)


def _year_indicator(key, label, queryset, split_field, aggregates, **kw):
    return Indicator(
        key=f"proposals.year_{key}",
        label=label,
        unit=_("items"),
        phrase=_("{n} proposals"),
        queryset=queryset,
        date_field=DATE,
        split_field=split_field,
        aggregates=aggregates,
        order=49,
        dashboard=False,
        **kw,
    )


def _n(**filters):
    return Count("pk", filter=Q(**filters)) if filters else Count("pk")


INDICATORS = [
    # every proposal of the year by state: received, 立案, 不予立案, 并案, 转 are sums of states
    _year_indicator(
        "states", _("Proposals of the year by state"), _proposals, "state", {"n": _n()}
    ),
    # the received ones by proposer type, and by industry (the tables' industry cells)
    _year_indicator(
        "kinds",
        _("Proposals of the year by proposer type"),
        _received,
        "kind",
        {
            "n": _n(),
            "assigned": _n(assigned_on__isnull=False),
            "met": _n(met_on__isnull=False),
            "excellent": _n(is_excellent=True),
        },
        industry_field="industries",
    ),
    _year_indicator(
        "classes",
        _("Proposals of the year by reply class"),
        _received,
        "reply_class",
        {
            "n": _n(),
            "replied": _n(replied_on_time__isnull=False),
            "on_time": _n(replied_on_time=True),
            "redone": _n(redo_count__gt=0),
        },
    ),
    _year_indicator(
        "ratings",
        _("Proposals of the year by rating of the result"),
        _received,
        "result_rating",
        {"n": _n(), "deemed": _n(rating_deemed=True), "key": _n(is_key=True)},
    ),
    _year_indicator(
        "sectors",
        _("Proposals of the year by sector"),
        _received,
        "sector",
        {"n": _n()},
    ),
    _year_indicator(
        "units",
        _("Assignments of the year's proposals by unit"),
        lambda: ProposalAssignment.objects.filter(proposal__state__in=RECEIVED_STATES).annotate(
            **{DATE: SessionYear("proposal__year")}
        ),
        "department",
        {"n": _n()},
        committee_field="proposal__committee",
    ),
    # the unit league table (core.league) by lead unit; what is overdue today is counted
    # over the open proposals when asked (it changes with the date alone)
    _year_indicator(
        "league",
        _("Proposals of the year by lead unit"),
        lambda: _proposals(assigned_on__isnull=False),
        "lead_unit",
        {
            "assigned": _n(),
            "answered": _n(replied_on__isnull=False),
            "on_time": _n(replied_on_time=True),
            "late": _n(replied_on_time=False),
        },
    ),
    _year_indicator(
        "league_ratings",
        _("Ratings of the year's proposals by lead unit"),
        lambda: _proposals(assigned_on__isnull=False),
        "lead_unit",
        {
            "rated": _n(result_rating__in=Rating.values),
            "satisfied": _n(result_rating__in=SATISFIED),
            "resolved": _n(state__in=[State.RATED, State.CLOSED]),
        },
    ),
]


def register_all():
    for indicator in INDICATORS:
        register(indicator)
