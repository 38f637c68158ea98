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
        aggregates={"n": Count("pk")},         # "n" is the headline number; more may follow
        list_url=lambda q: …,                  # optional: the list page of what was counted
    ))

The reports app reads `all_indicators()` and computes them for any scope and period, grouped
by committee, by month or by industry in SQL (it owns the queries); pillar apps never import
the reports app, and core imports no pillar app. Adding an indicator is a declaration.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet


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
    list_url: Callable[[IndicatorQuery], str] | None = None
    #: shown among the headline figures of the dashboard and the report's opening paragraph
    headline: bool = False
    order: int = 100

    @property
    def pillar(self) -> str:
        return self.key.partition(".")[0]


_INDICATORS: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    _INDICATORS[indicator.key] = indicator
    return indicator


def all_indicators() -> list[Indicator]:
    return sorted(_INDICATORS.values(), key=lambda i: (i.order, i.key))


def indicator(key: str) -> Indicator:
    return _INDICATORS[key]
