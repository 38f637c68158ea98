"""领导驾驶舱 — the dashboard of the year's figures, and its workbook and Word report."""

import datetime
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lvzhi.core.indicators import IndicatorQuery
from lvzhi.core.models import Industry
from lvzhi.core.scope import scope_choices, selected_scope

from . import exports, selectors
from .forms import ReportForm


def _form(request):
    if not selectors.may_read_figures(request.user):
        raise PermissionDenied(_("The figures are for the committee offices and leaders."))
    data = request.GET.copy()
    if not data.get("scope"):
        data["scope"] = selected_scope(request)
    return ReportForm(data, user=request.user, scope_choices=scope_choices(request))


def _with(q: IndicatorQuery, **changes) -> IndicatorQuery:
    return IndicatorQuery(**{**q.__dict__, **changes})


def _month_query(q, month: datetime.date):
    end = (month + datetime.timedelta(days=32)).replace(day=1)
    return _with(q, start=max(month, q.start), end=min(end, q.end))


def _narrowed(url: str, field: str, value) -> str:
    """A figure's list page narrowed to one share of its split (the list's filter of the same
    name as the split field); no link where the figure has no list page."""
    if not url:
        return ""
    return f"{url}{'&' if '?' in url else '?'}{urlencode({field: value})}"


def chart_data(report) -> dict:
    """What charts.js draws: headline series by committee, by month, by industry, and each
    split figure's shares — every point with the list page it drills down to."""
    q, headline = report.query, report.headline
    committees = report.committees()
    months = report.period.months()
    industries = {i.pk: i for i in Industry.objects.all()}

    def top(pk):
        node = industries.get(pk)
        while node is not None and node.parent_id:
            node = industries.get(node.parent_id)
        return node

    roots = [i for i in industries.values() if i.parent_id is None]
    by_root = []
    for figure in headline:
        sums: dict[int, int] = {}
        for pk, values in figure.groups.get("industry", {}).items():
            node = top(pk)
            if node is not None:
                sums[node.pk] = sums.get(node.pk, 0) + values.get("n", 0)
        by_root.append(sums)
    used_roots = [r for r in roots if any(s.get(r.pk) for s in by_root)]

    def link(figure, query):
        ind = figure.indicator
        return ind.list_url(query) if ind.list_url else ""

    def series(figure, keys, by, query_for):
        groups = figure.groups.get(by, {})
        return {
            "name": str(figure.indicator.label),
            "data": [groups.get(key, {}).get("n", 0) for key in keys],
            "links": [link(figure, query_for(key)) for key in keys],
        }

    splits = []
    for figure in report.figures:
        groups = figure.groups.get("split", {})
        if not groups:
            continue
        field = figure.indicator.queryset().model._meta.get_field(figure.indicator.split_field)
        labels = dict(field.flatchoices)
        splits.append(
            {
                "key": figure.indicator.key,
                "title": str(figure.indicator.label),
                "data": [
                    {
                        "name": str(labels.get(key, key)),
                        "value": values.get("n", 0),
                        "url": _narrowed(figure.list_url, figure.indicator.split_field, key),
                    }
                    for key, values in groups.items()
                ],
            }
        )
    funnels: dict[str, list] = {}
    for figure in report.figures:
        if figure.indicator.funnel:
            funnels.setdefault(str(figure.indicator.funnel), []).append(
                {
                    "name": str(figure.indicator.label),
                    "value": figure.n,
                    "url": figure.list_url,
                }
            )
    return {
        "funnels": [{"title": title, "data": data} for title, data in funnels.items()],
        "committees": {
            "categories": [c.short_name or c.name for c in committees],
            "series": [
                series(
                    f,
                    [c.pk for c in committees],
                    "committee",
                    lambda pk: _with(q, committee_ids=frozenset({pk}), scope=None),
                )
                for f in headline
            ],
        },
        "months": {
            "categories": [f"{m:%Y-%m}" for m in months],
            "series": [series(f, months, "month", lambda m: _month_query(q, m)) for f in headline],
        },
        "industries": {
            "categories": [r.name for r in used_roots],
            "series": [
                {
                    "name": str(f.indicator.label),
                    "data": [sums.get(r.pk, 0) for r in used_roots],
                    "links": [
                        link(f, _with(q, industry_id=r.pk)) if f.indicator.industry_field else ""
                        for r in used_roots
                    ],
                }
                for f, sums in zip(headline, by_root, strict=True)
            ],
        },
        "splits": splits,
    }


def _row(figure, rounded):
    return {
        "figure": figure,
        "text": figure.summary(rounded=rounded),
        "previous": figure.summary(figure.previous, rounded=rounded) if figure.previous else "—",
        "delta": figure.delta,
    }


@login_required
def dashboard(request):
    form = _form(request)
    context = {"form": form, "this_year": timezone.localdate().year}
    if form.is_valid():
        report = form.report(groupings=selectors.GROUPINGS, drawn_only=True)
        rounded = bool(form.cleaned_data.get("rounded"))
        context.update(
            report=report,
            chart=chart_data(report),
            params=request.GET.urlencode(),
            cards=[_row(f, rounded) for f in report.headline],
            pillars=[
                {
                    "key": pillar,
                    "label": exports.pillar_label(pillar),
                    "rows": [_row(f, rounded) for f in figures],
                }
                for pillar, figures in report.by_pillar().items()
            ],
            fell_back=form.default_year and form.default_year != timezone.localdate().year,
        )
    return render(
        request, "reports/dashboard.html", context, status=200 if form.is_valid() else 400
    )


@login_required
def workbook(request):
    form = _form(request)
    if not form.is_valid():
        return render(request, "reports/dashboard.html", {"form": form}, status=400)
    report = form.report(groupings=("committee", "month"))
    return exports.workbook_response(report)


@login_required
def annual_report(request):
    form = _form(request)
    if not form.is_valid():
        return render(request, "reports/dashboard.html", {"form": form}, status=400)
    report = form.report(groupings=("committee",), previous=False)
    return exports.annual_report_response(report)
