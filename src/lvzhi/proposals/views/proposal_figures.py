"""The proposal figures page (提案统计) for the offices and leaders: any scope and year, with
a chart and the same figures as an Excel workbook."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from lvzhi.core.excel import export_filename, sheets_response
from lvzhi.core.scope import figures_asked

from ..models import Proposal
from ..selectors import proposal as selectors

BREAKDOWNS = [
    ("by_state", gettext_lazy("By state")),
    ("by_sector", gettext_lazy("By sector")),
    ("by_kind", gettext_lazy("By proposer type")),
    ("by_industry", gettext_lazy("By industry")),
    ("by_unit", gettext_lazy("By handling unit")),
]
#: the headline figures, in the order the page's cards and the workbook's first sheet show
TOTALS = [
    ("received", gettext_lazy("Received")),
    ("accepted", gettext_lazy("Accepted as cases")),
    ("rejected", pgettext_lazy("proposal", "Not accepted")),
    ("merged", gettext_lazy("Merged")),
    ("converted", gettext_lazy("Converted")),
    ("on_time_rate", gettext_lazy("On-time reply rate (%)")),
    ("meeting_rate", gettext_lazy("Meeting rate (%)")),
    ("redone", gettext_lazy("Handled again")),
    ("key", gettext_lazy("Key proposals")),
    ("key_share", gettext_lazy("Key share of accepted (%)")),
    ("excellent", gettext_lazy("Excellent proposals")),
    ("unrated_counted", gettext_lazy("Not rated in time (deemed)")),
]
LEAGUE = [
    ("name", pgettext_lazy("proposal", "Lead unit")),
    ("assigned", gettext_lazy("Assigned")),
    ("answered", gettext_lazy("Replied")),
    ("on_time", gettext_lazy("On time")),
    ("overdue", gettext_lazy("Overdue")),
    ("on_time_rate", gettext_lazy("On-time rate (%)")),
    ("satisfaction_rate", gettext_lazy("Satisfaction rate (%)")),
]
#: the units the league chart shows (the table lists them all)
CHART_UNITS = 30


@login_required
def figures(request):
    asked = figures_asked(
        request,
        _("Proposal figures are for the committee offices and leaders."),
        Proposal.objects.visible_to(request.user),
        "submitted_on",
    )
    year = asked.year
    data = selectors.figures(user=request.user, year=year, committee_ids=asked.committee_ids)
    if request.GET.get("export") == "xlsx":
        title = _("Proposal figures") + f"-{year}"
        return sheets_response(export_filename(title), workbook_sheets(data))
    return render(
        request,
        "proposals/figures.html",
        {
            **asked.context(),
            "f": data,
            "breakdowns": [(label, data[key]) for key, label in BREAKDOWNS],
            "chart": chart_data(data),
        },
    )


def chart_data(data) -> dict:
    """What the page's charts draw (static/lvzhi/charts.js: figures-split, figures-bars)."""
    league = data["league"][:CHART_UNITS]
    return {
        "states": {"data": [{"name": str(r["name"]), "value": r["n"]} for r in data["by_state"]]},
        "league": {
            "categories": [r["name"] for r in league],
            "series": [
                {"name": str(label), "data": [r[key] for r in league]} for key, label in LEAGUE[1:4]
            ],
        },
    }


def workbook_sheets(data) -> list:
    """The figures as sheets `[(title, headers, rows)]` for core.excel: numbers stay numbers."""
    count, share = _("Count"), _("Share (%)")
    sheets = [
        (_("Totals"), [_("Figure"), _("Value")], [[label, data[key]] for key, label in TOTALS]),
        (
            _("Reply classes"),
            [_("Reply class"), count, share],
            [[r["name"], r["n"], r["share"]] for r in data["classes"]],
        ),
        (
            _("Satisfaction with the result"),
            [_("Rating"), count, share],
            [[r["name"], r["n"], r["share"]] for r in data["ratings"]],
        ),
    ]
    for key, label in BREAKDOWNS:
        sheets.append((str(label), [label, count], [[r["name"], r["n"]] for r in data[key]]))
    sheets.append(
        (
            _("Unit league table"),
            [label for _key, label in LEAGUE],
            [[r[key] for key, _label in LEAGUE] for r in data["league"]],
        )
    )
    return sheets
