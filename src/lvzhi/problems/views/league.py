"""League tables (办理情况排行): per handling unit, per county, per industry; chart and Excel."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lvzhi.core.excel import export_filename, xlsx_response
from lvzhi.core.paging import page_of
from lvzhi.core.scope import figures_asked

from .. import selectors
from ..models import Problem

GROUP_LABELS = {
    "unit": gettext_lazy("Handling unit"),
    "county": gettext_lazy("Committee"),
    "industry": gettext_lazy("Industry"),
}
COLUMNS = [
    ("assigned", gettext_lazy("Assigned")),
    ("answered", gettext_lazy("Answered")),
    ("on_time", gettext_lazy("Answered on time")),
    ("overdue", gettext_lazy("Overdue")),
    ("resolved", gettext_lazy("Resolved")),
    ("avg_days", gettext_lazy("Average working days to answer")),
    ("on_time_rate", gettext_lazy("On-time rate (%)")),
    ("satisfaction_rate", gettext_lazy("Satisfaction rate (%)")),
]


@login_required
def league(request):
    asked = figures_asked(
        request,
        _("League tables are for the committee offices and leaders."),
        Problem.objects.visible_to(request.user),
        "assigned_on",
    )
    year, committee_ids = asked.year, asked.committee_ids
    by = request.GET.get("by") if request.GET.get("by") in selectors.LEAGUE_GROUPS else "unit"
    rows = selectors.league_table(user=request.user, year=year, by=by, committee_ids=committee_ids)
    if request.GET.get("export") == "xlsx":
        headers = [GROUP_LABELS[by], *(label for _key, label in COLUMNS)]
        data = ([r["name"], *(r[key] for key, _label in COLUMNS)] for r in rows)
        label = _("League table")
        title = f"{label}-{year}-{GROUP_LABELS[by]}"
        return xlsx_response(export_filename(title), title, headers, data)
    chart = {
        "names": [r["name"] for r in rows[:30]],
        "assigned": [r["assigned"] for r in rows[:30]],
        "on_time": [r["on_time"] for r in rows[:30]],
        "overdue": [r["overdue"] for r in rows[:30]],
        "labels": {
            "assigned": str(_("Assigned")),
            "on_time": str(_("Answered on time")),
            "overdue": str(_("Overdue")),
        },
    }
    return render(
        request,
        "problems/league.html",
        {
            "rows": rows,
            **page_of(request, rows),
            "columns": COLUMNS,
            **asked.context(),
            "by": by,
            "groups": list(GROUP_LABELS.items()),
            "group_label": GROUP_LABELS[by],
            "chart": chart,
            "resolved": selectors.resolved_count(
                user=request.user, year=year, committee_ids=committee_ids
            ),
        },
    )
