"""招商漏斗: how many projects reached each stage in a year, the year's amounts and rates;
the same figures as an Excel workbook."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lvzhi.core.excel import export_filename, xlsx_response
from lvzhi.core.scope import committee_ids_for, selected_scope
from lvzhi.core.visibility import scope_for

from .. import selectors


def _year(request):
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


@login_required
def funnel(request):
    if not scope_for(request.user).readable:
        raise PermissionDenied(_("The funnel is for the committee offices and leaders."))
    year = _year(request)
    committee_ids = committee_ids_for(
        request.user, request.GET.get("scope") or selected_scope(request)
    )
    data = selectors.funnel(request.user, year, committee_ids)
    financing = selectors.financing_totals(request.user, year)
    if request.GET.get("export") == "xlsx":
        return _workbook(year, data, financing)
    chart = {"stages": [{"label": str(s["label"]), "count": s["count"]} for s in data["stages"]]}
    return render(
        request,
        "investment/funnel.html",
        {
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
            "funnel": data,
            "chart": chart,
            "financing": financing,
            "stalled": selectors.stalled_count(request.user, committee_ids),
        },
    )


def _workbook(year, data, financing):
    title = "-".join([_("Investment funnel"), str(year)])
    rows = [[s["label"], s["count"], ""] for s in data["stages"]]
    rows += [
        [_("Dropped"), data["dropped"], ""],
        [_("Amount contracted (10k yuan)"), data["contracted_amount"], ""],
        [_("Funds in place (10k yuan)"), data["funds_in_place"], ""],
        [_("Funds-in-place rate (%)"), data["funds_rate"], ""],
        [_("Construction start rate (%)"), data["start_rate"], ""],
        [_("Production rate (%)"), data["production_rate"], ""],
        [_("Jobs created"), data["jobs_created"], ""],
        *([m["label"], m["count"], _("new leads")] for m in data["by_mode"]),
        [_("Financing needs matched"), financing["matched"], ""],
        [_("Credit granted (10k yuan)"), financing["granted"], ""],
        [_("Loans disbursed (10k yuan)"), financing["disbursed"], ""],
    ]
    headers = [_("Figure"), str(year), _("Note")]
    return xlsx_response(
        export_filename(title), title, headers, ([str(a), b, str(c)] for a, b, c in rows)
    )
