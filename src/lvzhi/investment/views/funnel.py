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
from ..choices import Stage


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
    fulfilment = selectors.fulfilment(request.user, year, committee_ids)
    medians = selectors.stage_medians(request.user, year, committee_ids)
    if request.GET.get("export") == "xlsx":
        return _workbook(year, data, financing, fulfilment, medians)
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
            "fulfilment": fulfilment,
            "medians": [{**m, "label": _stage_step(m)} for m in medians],
            "stalled": selectors.stalled_count(request.user, committee_ids),
        },
    )


def _stage_step(median):
    return f"{Stage(median['from']).label} → {Stage(median['to']).label}"


def _workbook(year, data, financing, fulfilment, medians):
    title = "-".join([_("Investment funnel"), str(year)])
    rows = [[s["label"], s["count"], ""] for s in data["stages"]]
    rows += [
        [_("Dropped"), data["dropped"], ""],
        [_("Amount contracted (10k yuan)"), data["contracted_amount"], ""],
        [_("Funds in place (10k yuan)"), data["funds_in_place"], ""],
        [_("Funds-in-place rate (%)"), data["funds_rate"], ""],
        [_("Construction start rate (%)"), data["start_rate"], ""],
        [_("Production rate (%)"), data["production_rate"], ""],
        [
            _("Contracts started on time (%)"),
            fulfilment["rate"],
            _("%(on_time)s of %(due)s due") % fulfilment,
        ],
        *(
            [_stage_step(m), m["median_days"], _("median days, %(n)s projects") % {"n": m["count"]}]
            for m in medians
        ),
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
