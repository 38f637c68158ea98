"""Reads that span records: the pipeline funnel and its KPIs, duplicates, village support."""

import datetime
import operator
from decimal import Decimal
from functools import reduce

from django.conf import settings
from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from lvzhi.core.models import Village

from .choices import OPEN_STAGES, PIPELINE, STAGE_DATE, MatchStatus, SourceMode, Stage
from .filters import stalled_before
from .models import FinancingMatch, FundsInPlace, InvestmentProject, Pairing, SupportRecord


def _rate(part, whole):
    return round(100 * part / whole, 1) if whole else None


def figures(user, year, committee_ids=None, industry=None, today=None) -> dict:
    """The funnel page's figures — the funnel, 履约率 and the median days per stage — from one
    aggregate query over the projects (the medians on PostgreSQL; elsewhere one more query
    per stage, `stage_medians`) and one over the funds: {"funnel", "fulfilment", "medians"}."""
    qs = _projects(user, committee_ids, industry)
    wanted = {
        **_funnel_aggregates(year),
        **_fulfilment_aggregates(year, today),
        **_median_aggregates(year),
    }
    # every figure counts projects with a date in the year: the others are left out at once
    dated = reduce(operator.or_, (_within(f, year) for f in (*STAGE_DATE.values(), "dropped_on")))
    row = (
        qs.filter(dated)
        .annotate(contract_to_start=_days("started_on", "contracted_on"))
        .aggregate(**wanted)
    )
    return {
        "funnel": _funnel(qs, year, row),
        "fulfilment": _fulfilment(row),
        "medians": _medians(qs, year, row),
    }


def funnel(user, year, committee_ids=None, industry=None) -> dict:
    """Per stage: projects that *reached* it in `year` (its stage date in the year), in one
    query; and the year's amounts, rates and split by source mode.

    A project that reached 签约 also counts as having passed 意向 if it did (skipped stages
    have no date and are not counted)."""
    qs = _projects(user, committee_ids, industry)
    return _funnel(qs, year, qs.aggregate(**_funnel_aggregates(year)))


def _funnel_aggregates(year) -> dict:
    def within(field):
        return _within(field, year)

    aggregates = {s.value: Count("pk", filter=within(STAGE_DATE[s])) for s in PIPELINE}
    aggregates["dropped"] = Count("pk", filter=within("dropped_on"))
    aggregates["contracted_amount"] = Sum("contracted_amount", filter=within("contracted_on"))
    aggregates["jobs_created"] = Sum("jobs_created", filter=within("started_on"))
    for mode in SourceMode:
        aggregates[f"mode_{mode.value}"] = Count(
            "pk", filter=within("registered_on") & Q(source_mode=mode)
        )
    return aggregates


def _funnel(qs, year, row) -> dict:
    funds = FundsInPlace.objects.filter(_within("on", year), project__in=qs.values("pk")).aggregate(
        s=Sum("amount")
    )["s"] or Decimal(0)
    contracted_amount = row["contracted_amount"] or Decimal(0)
    stages = [{"stage": s.value, "label": s.label, "count": row[s.value]} for s in PIPELINE]
    return {
        "year": year,
        "stages": stages,
        "dropped": row["dropped"],
        "contracted_amount": contracted_amount,
        "funds_in_place": funds,
        "jobs_created": row["jobs_created"] or 0,
        # 资金到位率: money in place this year over the amount contracted this year
        "funds_rate": _rate(funds, contracted_amount),
        # 开工率 / 投产率: started over contracted, producing over started (this year's)
        "start_rate": _rate(row[Stage.STARTED], row[Stage.CONTRACTED]),
        "production_rate": _rate(row[Stage.PRODUCING], row[Stage.STARTED]),
        "by_mode": [
            {"mode": m.value, "label": m.label, "count": row[f"mode_{m.value}"]} for m in SourceMode
        ],
    }


def _projects(user, committee_ids=None, industry=None):
    qs = InvestmentProject.objects.visible_to(user)
    if committee_ids is not None:
        qs = qs.filter(committee_id__in=committee_ids)
    if industry is not None:
        qs = qs.filter(Q(industry=industry) | Q(industry__parent=industry))
    return qs


def _within(field, year):
    return Q(
        **{
            f"{field}__gte": datetime.date(year, 1, 1),
            f"{field}__lt": datetime.date(year + 1, 1, 1),
        }
    )


def _days(later, earlier):
    """The time from one stage date to another, computed by the database."""
    return ExpressionWrapper(F(later) - F(earlier), output_field=DurationField())


def fulfilment(user, year, committee_ids=None, industry=None, today=None) -> dict:
    """履约率: of the projects signed in `year` whose construction is due by `today`, the share
    that started construction on time (one query).

    Due: the contract's agreed start date (`start_due_on`), or, for a project signed without
    one, INVESTMENT_START_WITHIN_DAYS after signing. A project is counted once its start is
    due or it has started; late, not started or dropped after signing is not on time."""
    row = (
        _projects(user, committee_ids, industry)
        .annotate(contract_to_start=_days("started_on", "contracted_on"))
        .aggregate(**_fulfilment_aggregates(year, today))
    )
    return _fulfilment(row)


def _fulfilment_aggregates(year, today=None) -> dict:
    """Over projects annotated with `contract_to_start`."""
    today = today or timezone.localdate()
    within_days = datetime.timedelta(days=settings.INVESTMENT_START_WITHIN_DAYS)
    has_due = Q(start_due_on__isnull=False)
    due = _within("contracted_on", year) & (
        Q(started_on__isnull=False)
        | (has_due & Q(start_due_on__lt=today))
        | (~has_due & Q(contracted_on__lt=today - within_days))
    )
    on_time = Q(started_on__isnull=False) & (
        (has_due & Q(started_on__lte=F("start_due_on")))
        | (~has_due & Q(contract_to_start__lte=within_days))
    )
    return {"due": Count("pk", filter=due), "on_time": Count("pk", filter=due & on_time)}


def _fulfilment(row) -> dict:
    return {"due": row["due"], "on_time": row["on_time"], "rate": _rate(row["on_time"], row["due"])}


class _Median(Aggregate):
    """The median of the values (PostgreSQL: the middle one, or the mean of the middle two)."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


_STEPS = list(zip(PIPELINE, PIPELINE[1:], strict=False))


def _reached_from(prev, stage, year):
    """Projects that reached `stage` in `year` straight from `prev` (both dated)."""
    return _within(STAGE_DATE[stage], year) & Q(**{f"{STAGE_DATE[prev]}__isnull": False})


def stage_medians(user, year, committee_ids=None, industry=None) -> list[dict]:
    """Median days from each stage to the next, over the projects that reached the next
    stage in `year` straight from the one before (a skipped stage has no date).

    Counted by the database: with the counts in one query (PostgreSQL: the medians too);
    elsewhere one query per stage for the middle one or two values (ORDER BY the interval,
    OFFSET to the middle)."""
    qs = _projects(user, committee_ids, industry)
    return _medians(qs, year, qs.aggregate(**_median_aggregates(year)))


def _median_aggregates(year) -> dict:
    out = {}
    for prev, stage in _STEPS:
        reached = _reached_from(prev, stage, year)
        out[f"steps_{stage}"] = Count("pk", filter=reached)
        if connection.vendor == "postgresql":
            days = _days(STAGE_DATE[stage], STAGE_DATE[prev])
            out[f"median_{stage}"] = _Median(days, filter=reached)
    return out


def _medians(qs, year, row) -> list[dict]:
    out = []
    for prev, stage in _STEPS:
        n, median = row[f"steps_{stage}"], None
        if n and f"median_{stage}" in row:
            median = row[f"median_{stage}"] / datetime.timedelta(days=1)
        elif n:
            days = (
                qs.filter(_reached_from(prev, stage, year))
                .annotate(d=_days(STAGE_DATE[stage], STAGE_DATE[prev]))
                .order_by("d")
                .values_list("d", flat=True)
            )
            middle = list(days[(n - 1) // 2 : n // 2 + 1])
            median = sum(d.days for d in middle) / len(middle)
        out.append({"from": prev, "to": stage, "count": n, "median_days": median})
    return out


def possible_duplicates(user, project):
    """Other projects of the same investor with the same name (登记重复)."""
    qs = InvestmentProject.objects.visible_to(user).exclude(pk=project.pk)
    same_investor = (
        Q(investor_id=project.investor_id)
        if project.investor_id
        else Q(investor_name__iexact=project.investor_name.strip())
    )
    return qs.filter(same_investor, name__iexact=project.name.strip())


def financing_totals(user, year) -> dict:
    """政银企: needs surveyed, matched, amounts asked / granted / disbursed in `year`."""
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    matches = FinancingMatch.objects.visible_to(user).filter(
        matched_on__gte=start, matched_on__lt=end
    )
    row = matches.aggregate(
        matched=Count("need", distinct=True),
        granted=Sum(
            "amount_granted", filter=Q(status__in=[MatchStatus.GRANTED, MatchStatus.DISBURSED])
        ),
        disbursed=Sum("amount_disbursed", filter=Q(status=MatchStatus.DISBURSED)),
    )
    return {k: v or 0 for k, v in row.items()}


def pairings_in_year(year):
    """Pairings running at some time in `year` (started by its end, not ended before it)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    return Pairing.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=start), started_on__lt=end
    )


def villages_without_support(user, year, committee_ids=None) -> list[dict]:
    """百企扶百村, so no village is forgotten: the pairings running in `year` with no support
    record dated in it, and the 脱贫村 with no pairing running in it; two queries.

    [{"village", "pairing" (None: not paired)}], by committee, township and name."""
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    supported = SupportRecord.objects.filter(on__gte=start, on__lt=end).values("pairing_id")
    pairings = (
        pairings_in_year(year)
        .filter(pk__in=Pairing.objects.visible_to(user).values("pk"))
        .exclude(pk__in=supported)
        .select_related("enterprise", "village__committee", "committee")
    )
    villages = (
        Village.objects.visible_to(user)
        .filter(is_lifted_out_of_poverty=True)
        .exclude(pk__in=pairings_in_year(year).values("village_id"))
        .select_related("committee")
    )
    if committee_ids is not None:
        pairings = pairings.filter(committee_id__in=committee_ids)
        villages = villages.filter(committee_id__in=committee_ids)
    rows = [{"village": p.village, "pairing": p} for p in pairings]
    rows += [{"village": v, "pairing": None} for v in villages]

    def order(row):
        v = row["village"]
        return (v.committee.sort_order, v.committee_id, v.township, v.name, row["pairing"] is None)

    return sorted(rows, key=order)


def support_by_dimension(pairing):
    return (
        pairing.support.values("dimension")
        .annotate(n=Count("pk"), amount=Sum("amount"))
        .order_by("dimension")
    )


def stalled_count(user, committee_ids=None) -> int:
    """Open projects without progress for INVESTMENT_STALLED_AFTER_DAYS (停滞)."""
    qs = InvestmentProject.objects.visible_to(user).filter(
        state__in=OPEN_STAGES, last_progress_on__lt=stalled_before()
    )
    if committee_ids is not None:
        qs = qs.filter(committee_id__in=committee_ids)
    return qs.count()


# -- the figures a member case about a record shows (RecordType.case_impact, core.cases) -----


def project_impact(project) -> dict:
    return {"investment": project.contracted_amount, "jobs": project.jobs_created}


def match_impact(match) -> dict:
    """The financing brought in: the loan disbursed, else the credit granted."""
    return {"investment": match.amount_disbursed or match.amount_granted}


def pairing_impact(pairing) -> dict:
    """The pairing's support in money and jobs, over all its support records."""
    row = pairing.support.aggregate(amount=Sum("amount"), jobs=Sum("jobs"))
    return {"investment": row["amount"], "jobs": row["jobs"]}
