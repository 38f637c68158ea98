"""The home page's figures: a leader (and an office) sees the headline of their scope."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lvzhi.core.indicators import all_indicators
from lvzhi.core.scope import selected_scope

from . import selectors
from .forms import latest_year_with_data


def figures_section(request) -> str:
    user = request.user
    if not selectors.may_read_figures(user):
        return ""
    year = latest_year_with_data(user)
    period = selectors.parse_period({"year": year}, year)
    keys = {f"{ind.key}" for ind in all_indicators() if ind.headline}
    # the scope the reader chose in the navbar, as every list page applies it
    report = selectors.report(user, scope_value=selected_scope(request), period=period, keys=keys)
    return render_to_string(
        "reports/home_figures.html",
        {
            "report": report,
            "dashboard": reverse("reports:dashboard") + f"?year={year}",
            "this_year": timezone.localdate().year,
            "fell_back": year != timezone.localdate().year,
        },
        request=request,
    )
