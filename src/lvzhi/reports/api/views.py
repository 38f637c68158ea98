"""GET /api/v1/reports/indicators/ — the figures the dashboard shows, as data."""

import datetime

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from lvzhi.reports import phrasing, selectors
from lvzhi.reports.api.serializers import IndicatorReportSerializer
from lvzhi.reports.forms import ReportForm

PARAMETERS = [
    OpenApiParameter("scope", str, description="all (default), own, or a committee id"),
    OpenApiParameter("year", int, description="default: the latest year with figures"),
    OpenApiParameter("quarter", int, enum=[1, 2, 3, 4]),
    OpenApiParameter("month", int),
    OpenApiParameter("start", datetime.date, description="a date range instead of a year"),
    OpenApiParameter("end", datetime.date, description="the range's last day"),
    OpenApiParameter("industry", int, description="an industry id (with its chain links)"),
    OpenApiParameter("sector", int, description="a sector (界别) id"),
    OpenApiParameter("rounded", bool, description="phrases rounded as the article (80余)"),
]


def _values(ind, values):
    if values is None:
        return None
    out = {}
    for name, value in values.items():
        unit = phrasing.money_unit(ind, name)
        out[name] = value * unit if unit is not None else int(value)
    return out


class IndicatorReportView(APIView):
    """Every indicator for a scope and period; the same numbers as the dashboard and the
    files. For the committee offices and leaders of the scope."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=PARAMETERS, responses=IndicatorReportSerializer)
    def get(self, request):
        if not selectors.may_read_figures(request.user):
            raise PermissionDenied(_("The figures are for the committee offices and leaders."))
        form = ReportForm(request.query_params, user=request.user)
        if not form.is_valid():
            raise ValidationError(
                {k: [e["message"] for e in v] for k, v in form.errors.get_json_data().items()}
            )
        report = form.report()
        rounded = form.cleaned_data.get("rounded")
        data = {
            "scope": report.query.scope,
            "scope_label": report.scope_label,
            "committees": sorted(report.query.committee_ids or ()),
            "start": report.period.start,
            "end": report.query.last_day,
            "period": report.period.label,
            "paragraph": report.paragraph(rounded=True),
            "figures": [
                {
                    "key": f.indicator.key,
                    "pillar": f.indicator.pillar,
                    "label": str(f.indicator.label),
                    "unit": str(f.indicator.unit),
                    "headline": f.indicator.headline,
                    "applicable": f.applicable,
                    "values": _values(f.indicator, f.values),
                    "previous": _values(f.indicator, f.previous),
                    "phrase": f.phrase(rounded=rounded) if f.applicable else "",
                    "list_url": request.build_absolute_uri(f.list_url) if f.list_url else "",
                }
                for f in report.figures
            ],
        }
        return Response(IndicatorReportSerializer(data).data)
