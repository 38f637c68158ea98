"""The year's figures (数据见证担当) as declarations: each pillar app says what it counts.

A pillar app registers its indicators from its AppConfig.ready():

    register(Indicator(
        key="problems.resolved",
        label=_("Problems resolved"),
        unit=_("items"),                       # shown beside the number in tables
        phrase=_("coordinated the solution of {n} problems"),   # 协调解决难题{n}个
        queryset=lambda: Problem.objects.filter(state="closed"),
        date_field="closed_on",                # the date that places a record in a period
        committee_field="committee",           # the committee a record counts for
        industry_field="industries",           # optional: the industry filter's lookup
        sector_field=None,                     # optional: the 界别 filter's lookup
        aggregates={"n": Count("pk")},         # "n" is the headline number; more may follow,
                                               # each named in aggregate_labels
        list_url=lambda q: list_link("problems:problem_list", q, state="closed"),
        headline=True,                         # in the dashboard's headline and the report
    ))

Money aggregates (`Sum("amount")` over a `text.amounts.MoneyField`) are recognised by their
field and written as the article writes money ("1.8亿元"), in the field's unit.

The reports app reads `all_indicators()` and computes them for any scope and period, grouped
by committee, by month or by industry in SQL (it owns the queries); pillar apps never import
the reports app, and core imports no pillar app. Adding an indicator is a declaration.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class IndicatorQuery:
    """What a figure is asked for: committees (None = every committee the reader may see),
    a half-open date range [start, end), optionally one industry (with its sub-industries)
    or one sector (界别)."""

    start: datetime.date
    end: datetime.date
    committee_ids: frozenset[int] | None = None
    industry_ids: frozenset[int] | None = None
    sector_id: int | None = None
    #: the scope value the committees came from ("all", "own", a committee id), and the one
    #: industry asked for: list pages take these, not id sets
    scope: str | None = None
    industry_id: int | None = None
    #: committee_ids holds every committee there is: no record needs the committee filter
    every_committee: bool = False

    @property
    def last_day(self) -> datetime.date:
        return self.end - datetime.timedelta(days=1)


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    phrase: str
    queryset: Callable[[], QuerySet]
    date_field: str
    committee_field: str = "committee"
    industry_field: str | None = None
    sector_field: str | None = None
    aggregates: Mapping = field(default_factory=lambda: {"n": Count("pk")})
    #: what each aggregate besides "n" is called in a table's column ("amount": 金额)
    aggregate_labels: Mapping = field(default_factory=dict)
    list_url: Callable[[IndicatorQuery], str] | None = None
    #: shown among the headline figures of the dashboard and the report's opening paragraph
    headline: bool = False
    order: int = 100
    #: what a rounded count says was cut ("80余场", "350多场（次）"), as the article writes it
    approx: str = "余"
    #: optional field with choices whose values split the figure on the dashboard (a
    #: problem's state, a proposal's category, a project's stage); each share drills down to
    #: `list_url` narrowed by the list's filter of the same name
    split_field: str | None = None
    #: indicators naming the same funnel (a pipeline's stages) are drawn as one funnel chart
    #: on the dashboard, in their `order`; the name is the chart's title
    funnel: str | None = None
    #: the figure changes with the date alone (what is overdue today): its summary tables
    #: (core.tallies) are counted again once a day, by the daily pass or the day's first
    #: reading, besides after every write
    daily: bool = False
    #: listed on the dashboard and in the report; False for a figure its app's own page reads
    #: (kept in the same tables) by a date the dashboard's periods do not fit — a proposal's
    #: session year
    dashboard: bool = True

    @property
    def pillar(self) -> str:
        return self.key.partition(".")[0]

    def column(self, name: str) -> str:
        """A table's name for aggregate `name`: the label for "n", else label and part."""
        if name == "n":
            return str(self.label)
        return _("%(figure)s: %(part)s") % {
            "figure": self.label,
            "part": self.aggregate_labels[name],
        }


_INDICATORS: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    unnamed = set(indicator.aggregates) - {"n"} - set(indicator.aggregate_labels)
    if unnamed and indicator.dashboard:  # shown in tables: each column needs its name
        raise ValueError(f"{indicator.key}: no aggregate_labels for {sorted(unnamed)}")
    _INDICATORS[indicator.key] = indicator
    return indicator


def all_indicators() -> list[Indicator]:
    return sorted(_INDICATORS.values(), key=lambda i: (i.order, i.key))


def indicator(key: str) -> Indicator:
    return _INDICATORS[key]


def registered(key: str) -> bool:
    return key in _INDICATORS


def unregister(key: str) -> None:
    _INDICATORS.pop(key, None)


def list_link(
    url_name: str,
    q: IndicatorQuery,
    *,
    date_from: str | None = "date_from",
    date_to: str | None = "date_to",
    industry: str | None = "industry",
    **params,
) -> str:
    """The list page `url_name` filtered to what an indicator counted for `q`: the period
    (its filter names `date_from` / `date_to`, last day included), the scope, the industry,
    and the indicator's own `params` (a list value repeats the parameter)."""
    from urllib.parse import urlencode

    from django.urls import reverse

    query = dict(params)
    if date_from:
        query[date_from] = q.start.isoformat()
    if date_to:
        query[date_to] = q.last_day.isoformat()
    if q.scope:
        query["scope"] = q.scope
    elif q.committee_ids is not None and len(q.committee_ids) == 1:
        query["committee"] = next(iter(q.committee_ids))  # one committee without those below
    if industry and q.industry_id:
        query[industry] = q.industry_id
    return f"{reverse(url_name)}?{urlencode(query, doseq=True)}"
