"""The proposal figures page (提案统计) for the offices and leaders: any scope and year."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lvzhi.core.scope import committee_ids_for, recent_years, requested_year, selected_scope
from lvzhi.core.visibility import scope_for

from ..selectors import proposal as selectors

BREAKDOWNS = [
    ("by_state", gettext_lazy("By state")),
    ("by_sector", gettext_lazy("By sector")),
    ("by_kind", gettext_lazy("By proposer type")),
    ("by_industry", gettext_lazy("By industry")),
    ("by_unit", gettext_lazy("By handling unit")),
]


@login_required
def figures(request):
    if not scope_for(request.user).readable:
        raise PermissionDenied(_("Proposal figures are for the committee offices and leaders."))
    year = requested_year(request)
    scope_value = request.GET.get("scope") or selected_scope(request)
    data = selectors.figures(
        user=request.user, year=year, committee_ids=committee_ids_for(request.user, scope_value)
    )
    return render(
        request,
        "proposals/figures.html",
        {
            "year": year,
            "years": recent_years(),
            "f": data,
            "breakdowns": [(label, data[key]) for key, label in BREAKDOWNS],
        },
    )
