"""招商漏斗: how many projects reached each stage in a year, the year's amounts and rates;
the same figures as an Excel workbook."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from lvzhi.core.excel import export_filename, xlsx_response
from lvzhi.core.scope import figures_asked

from .. import selectors
from ..choices import Stage
from ..models import InvestmentProject


@login_required
def funnel(request):
    asked = figures_asked(
        request,
        _("The funnel is for the committee offices and leaders."),
        InvestmentProject.objects.visible_to(request.user),
        "registered_on",
    )
    year, committee_ids = asked.year, asked.committee_ids
    figures = selectors.figures(request.user, year, committee_ids)
    data, fulfilment, medians = figures["funnel"], figures["fulfilment"], figures["medians"]
    financing = selectors.financing_totals(request.user, year)
    if request.GET.get("export") == "xlsx":
        return _workbook(year, data, financing, fulfilment, medians)
    chart = {"stages": [{"label": str(s["label"]), "count": s["count"]} for s in data["stages"]]}
    return render(
        request,
        "investment/funnel.html",
        {
            **asked.context(),
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
