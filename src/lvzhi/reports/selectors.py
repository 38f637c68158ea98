"""The figures: every registered indicator for a scope, a period and an optional industry or
sector (界别), computed in SQL — one aggregate query per indicator and grouping (the total,
by committee, by month, by industry, by a split field), never one per record.

The dashboard, the workbook, the Word report and the API all read `Report`, so they show
the same numbers.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lvzhi.core import tallies
from lvzhi.core.indicators import Indicator, IndicatorQuery, all_indicators
from lvzhi.core.models import Committee, Industry, Sector
from lvzhi.core.scope import ALL, OWN, committee_ids_for
from lvzhi.core.visibility import scope_for

from . import phrasing

GROUPINGS = ("committee", "month", "industry", "split")


class PeriodError(ValueError):
    """A period or filter the reader asked for that cannot be understood (message translated)."""


@dataclass(frozen=True)
class Period:
    """A half-open date range [start, end) and how a report names it."""

    start: datetime.date
    end: datetime.date
    kind: str  # year, quarter, month, range
    year: int
    number: int | None = None  # the quarter or the month

    @property
    def label(self) -> str:
        if self.kind == "year":
            return pgettext("period", "%(year)s") % {"year": self.year}
        if self.kind == "quarter":
            return pgettext("period", "Q%(quarter)s %(year)s") % {
                "year": self.year,
                "quarter": self.number,
            }
        if self.kind == "month":
            return pgettext("period", "%(month)s/%(year)s") % {
                "year": self.year,
                "month": self.number,
            }
        last = self.end - datetime.timedelta(days=1)
        return pgettext("period", "%(start)s to %(end)s") % {
            "start": self.start.isoformat(),
            "end": last.isoformat(),
        }

    def year_before(self) -> "Period":
        return Period(
            _shift_year(self.start, -1),
            _shift_year(self.end, -1),
            self.kind,
            self.year - 1,
            self.number,
        )

    def months(self) -> list[datetime.date]:
        out, day = [], self.start.replace(day=1)
        while day < self.end:
            out.append(day)
            day = (day + datetime.timedelta(days=32)).replace(day=1)
        return out

    def as_params(self) -> dict:
        if self.kind == "year":
            return {"year": self.year}
        if self.kind == "quarter":
            return {"year": self.year, "quarter": self.number}
        if self.kind == "month":
            return {"year": self.year, "month": self.number}
        return {
            "start": self.start.isoformat(),
            "end": (self.end - datetime.timedelta(days=1)).isoformat(),
        }


def _shift_year(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _int(value, name, low, high):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise PeriodError(_("%(name)s must be a whole number.") % {"name": name}) from None
    if not low <= number <= high:
        raise PeriodError(
            _("%(name)s must lie between %(low)s and %(high)s.")
            % {"name": name, "low": low, "high": high}
        )
    return number


def _date(value, name):
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise PeriodError(
            _("%(name)s must be a date such as 2024-03-31.") % {"name": name}
        ) from None


def parse_period(params, default_year: int) -> Period:
    """The period asked for by `year` (+ `quarter` or `month`) or by `start` and `end`
    (both days included); the default is the whole `default_year`."""
    if params.get("start") or params.get("end"):
        if not (params.get("start") and params.get("end")):
            raise PeriodError(_("A date range needs both a start and an end."))
        start, last = _date(params["start"], "start"), _date(params["end"], "end")
        if last < start:
            raise PeriodError(_("The end of the range is before its start."))
        if (last - start).days > 366 * 10:
            raise PeriodError(_("A date range may span at most ten years."))
        return Period(start, last + datetime.timedelta(days=1), "range", start.year)
    year = _int(params.get("year") or default_year, "year", 2000, 2100)
    if params.get("quarter"):
        quarter = _int(params["quarter"], "quarter", 1, 4)
        start = datetime.date(year, 3 * quarter - 2, 1)
        end = (
            datetime.date(year + 1, 1, 1)
            if quarter == 4
            else datetime.date(year, 3 * quarter + 1, 1)
        )
        return Period(start, end, "quarter", year, quarter)
    if params.get("month"):
        month = _int(params["month"], "month", 1, 12)
        start = datetime.date(year, month, 1)
        end = (start + datetime.timedelta(days=32)).replace(day=1)
        return Period(start, end, "month", year, month)
    return Period(datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1), "year", year)


# -- scope ---------------------------------------------------------------------------------


def may_read_figures(user) -> bool:
    """The figures are for the offices and leaders: those who read whole committees."""
    return bool(user.is_authenticated and scope_for(user).readable)


def committees_for(user, scope_value: str | None) -> frozenset[int]:
    """The committees a scope value stands for, within those the user reads whole."""
    readable = scope_for(user).readable
    ids = committee_ids_for(user, scope_value)
    return frozenset(readable if ids is None else set(ids) & set(readable))


def scope_label(user, scope_value: str | None, committee_ids) -> str:
    """How a report names its scope: 全市政协系统, or one committee's name."""
    if len(committee_ids) == 1:
        only = Committee.objects.filter(pk__in=committee_ids).first()
        return only.name if only else ""
    if not scope_value or scope_value == ALL:
        return _("the whole committee system")
    if scope_value == OWN:
        home = Committee.objects.filter(pk=scope_for(user).home_committee_id).first()
        return home.name if home else ""
    committee = Committee.objects.filter(pk=scope_value).first() if scope_value.isdigit() else None
    return (
        _("%(committee)s and the committees below it") % {"committee": committee.name}
        if committee
        else ""
    )


def industry_with_children(industry_id: int) -> frozenset[int]:
    """An industry and every link of its chain below it (the tree is small: one query)."""
    children: dict[int, list[int]] = {}
    for pk, parent in Industry.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    out, stack = set(), [industry_id]
    while stack:
        pk = stack.pop()
        if pk not in out:
            out.add(pk)
            stack.extend(children.get(pk, ()))
    return frozenset(out)


def build_query(user, *, scope_value, period: Period, industry=None, sector=None):
    industry_id = _int(industry, "industry", 1, 2**62) if industry else None
    sector_id = _int(sector, "sector", 1, 2**62) if sector else None
    if industry_id and not Industry.objects.filter(pk=industry_id).exists():
        raise PeriodError(_("There is no such industry."))
    if sector_id and not Sector.objects.filter(pk=sector_id).exists():
        raise PeriodError(_("There is no such sector."))
    if scope_value not in (None, "", ALL, OWN) and not str(scope_value).isdigit():
        raise PeriodError(_("The scope is “all”, “own” or a committee's number."))
    committee_ids = committees_for(user, scope_value)
    return IndicatorQuery(
        start=period.start,
        end=period.end,
        committee_ids=committee_ids,
        # a national office reading all of 3,000 committees: the filter would only cost
        every_committee=len(committee_ids) == Committee.objects.count(),
        industry_ids=industry_with_children(industry_id) if industry_id else None,
        sector_id=sector_id,
        scope=scope_value or ALL,
        industry_id=industry_id,
    )


# -- computing -----------------------------------------------------------------------------


def counted(ind: Indicator, q: IndicatorQuery):
    """The records `ind` counts for `q`, or None when `ind` cannot be split the way `q` asks
    (an industry asked of an indicator without industries)."""
    qs = ind.queryset()
    model = qs.model
    qs = qs.filter(**{f"{ind.date_field}__gte": q.start, f"{ind.date_field}__lt": q.end})
    if q.committee_ids is not None and not q.every_committee:
        qs = qs.filter(**{f"{ind.committee_field}__in": q.committee_ids})
    # A record tagged with two industries (or whose members sit in one sector twice) is
    # one record: the filter is a subquery, so the join cannot repeat it.
    for wanted, lookup in ((q.industry_ids, ind.industry_field), (q.sector_id, ind.sector_field)):
        if wanted is None:
            continue
        if lookup is None:
            return None
        values = wanted if isinstance(wanted, frozenset) else [wanted]
        inner = model._base_manager.filter(**{f"{lookup}__in": values}).values("pk")
        qs = qs.filter(pk__in=inner)
    return qs.order_by()


def _clean(row, ind):
    return {name: (row.get(name) or 0) for name in ind.aggregates}


def total(ind: Indicator, q: IndicatorQuery) -> dict | None:
    """The indicator's aggregates for `q`: from its summary tables where they answer
    (core.tallies), else counted over the records."""
    tallies.refresh([ind])
    kept = tallies.total(ind, q)
    return kept if kept is not None else _counted_total(ind, q)


def _counted_total(ind: Indicator, q: IndicatorQuery) -> dict | None:
    qs = counted(ind, q)
    if qs is None:
        return None
    return _clean(qs.aggregate(**ind.aggregates), ind)


def grouped(ind: Indicator, q: IndicatorQuery, by: str) -> dict:
    """{group key: {aggregate: value}} — one GROUP BY query (of the tallies, if they answer)."""
    tallies.refresh([ind])
    kept = tallies.grouped(ind, q, by)
    return kept if kept is not None else _counted_groups(ind, q, by)


def _counted_groups(ind: Indicator, q: IndicatorQuery, by: str) -> dict:
    qs = counted(ind, q)
    if qs is None:
        return {}
    if by == "committee":
        key = ind.committee_field
    elif by == "month":
        qs = qs.annotate(_month=TruncMonth(ind.date_field))
        key = "_month"
    elif by == "industry":
        if ind.industry_field is None:
            return {}
        key = ind.industry_field
    elif by == "split":
        if ind.split_field is None:
            return {}
        key = ind.split_field
    else:
        raise ValueError(by)
    rows = qs.values(_group=F(key)).annotate(**ind.aggregates).order_by()
    out = {}
    for row in rows:
        group = row["_group"]
        if isinstance(group, datetime.datetime):
            group = group.date()
        out[group] = _clean(row, ind)
    return out


@dataclass
class Figure:
    """One indicator's values for the period, the year before, and the breakdowns asked for."""

    indicator: Indicator
    values: dict | None
    previous: dict | None
    list_url: str = ""
    groups: dict = field(default_factory=dict)

    @property
    def applicable(self) -> bool:
        return self.values is not None

    @property
    def n(self):
        return (self.values or {}).get("n", 0)

    def text(self, name="n", *, rounded=False) -> str:
        if self.values is None:
            return "—"
        return phrasing.value_text(self.indicator, name, self.values.get(name, 0), rounded=rounded)

    def summary(self, values=None, *, rounded=False) -> str:
        """Every aggregate as a report writes it: "83", or "12 · 1.8亿元"."""
        values = self.values if values is None else values
        if values is None:
            return "—"
        ind = self.indicator
        return " · ".join(
            phrasing.value_text(ind, name, values.get(name, 0), rounded=rounded)
            for name in ind.aggregates
        )

    @property
    def delta(self):
        if self.values is None or self.previous is None:
            return None
        return self.values.get("n", 0) - self.previous.get("n", 0)

    def phrase(self, *, rounded=False) -> str:
        return phrasing.phrase(self.indicator, self.values or {}, rounded=rounded)


@dataclass
class Report:
    user: object
    query: IndicatorQuery
    period: Period
    scope_label: str
    figures: list[Figure]

    @property
    def headline(self) -> list[Figure]:
        return [f for f in self.figures if f.indicator.headline and f.applicable]

    def by_pillar(self) -> dict[str, list[Figure]]:
        out: dict[str, list[Figure]] = {}
        for figure in self.figures:
            out.setdefault(figure.indicator.pillar, []).append(figure)
        return out

    def paragraph(self, *, rounded=True) -> str:
        return phrasing.paragraph(
            self.period.label, self.scope_label, [f.phrase(rounded=rounded) for f in self.headline]
        )

    def committees(self) -> list[Committee]:
        return list(
            Committee.objects.filter(pk__in=self.query.committee_ids or ()).order_by(
                "sort_order", "id"
            )
        )


def drawn(ind: Indicator, by: str) -> bool:
    """Whether the dashboard draws `ind` by this grouping: the headline figures by
    committee, month and industry, each split figure's shares."""
    return bool(ind.split_field) if by == "split" else ind.headline


def report(
    user,
    *,
    scope_value=None,
    period: Period,
    industry=None,
    sector=None,
    groupings=(),
    previous=True,
    keys=None,
    drawn_only=False,
) -> Report:
    """Every registered indicator (or those in `keys`) for the reader's scope and period;
    `drawn_only`: each grouping only for the figures the dashboard draws with it."""
    q = build_query(user, scope_value=scope_value, period=period, industry=industry, sector=sector)
    before = period.year_before()
    q_before = IndicatorQuery(
        start=before.start,
        end=before.end,
        committee_ids=q.committee_ids,
        industry_ids=q.industry_ids,
        sector_id=q.sector_id,
        scope=q.scope,
        industry_id=q.industry_id,
        every_committee=q.every_committee,
    )
    indicators = [i for i in all_indicators() if (i.dashboard if keys is None else i.key in keys)]
    # what the summary tables answer, a query per question for every indicator at once
    tallies.refresh(indicators)
    kept = tallies.totals(indicators, q)
    kept_before = tallies.totals(indicators, q_before) if previous else {}
    wanted = {
        by: [i for i in indicators if not drawn_only or drawn(i, by)] for by in groupings
    }
    kept_groups = {by: tallies.groups(wanted[by], q, by) for by in groupings}
    figures = []
    for ind in indicators:
        values = kept[ind.key] if ind.key in kept else _counted_total(ind, q)
        before = None
        if previous and values is not None:
            before = (
                kept_before[ind.key] if ind.key in kept_before else _counted_total(ind, q_before)
            )
        figure = Figure(
            indicator=ind,
            values=values,
            previous=before,
            list_url=ind.list_url(q) if ind.list_url and values is not None else "",
        )
        for by in groupings:
            if values is None or ind not in wanted[by]:
                figure.groups[by] = {}
            elif ind.key in kept_groups[by]:
                figure.groups[by] = kept_groups[by][ind.key]
            else:
                figure.groups[by] = _counted_groups(ind, q, by)
        figures.append(figure)
    return Report(
        user=user,
        query=q,
        period=period,
        scope_label=scope_label(user, scope_value, q.committee_ids),
        figures=figures,
    )
