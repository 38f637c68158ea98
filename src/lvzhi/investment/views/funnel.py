"""招商漏斗: how many projects reached each stage in a year, the year's amounts and rates;
the same figures as an Excel workbook."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from lvzhi.core.excel import export_filename, xlsx_response
from lvzhi.core.scope import committee_ids_for, recent_years, requested_year, selected_scope
from lvzhi.core.visibility import scope_for

from .. import selectors


def office_report(request, refusal):
    """(year, committee ids) a figures page of the offices and leaders asks for; anyone
    else is refused with `refusal`."""
    if not scope_for(request.user).readable:
        raise PermissionDenied(refusal)
    scope = request.GET.get("scope") or selected_scope(request)
    return requested_year(request), committee_ids_for(request.user, scope)


@login_required
def funnel(request):
    year, committee_ids = office_report(
        request, _("The funnel is for the committee offices and leaders.")
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
            "years": recent_years(),
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
