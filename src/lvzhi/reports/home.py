"""The home page's figures: a leader (and an office) sees the headline of their scope."""

from django.template.loader import render_to_string
from django.urls import reverse

from lvzhi.core.indicators import all_indicators

from . import selectors
from .forms import latest_year_with_data


def figures_section(request) -> str:
    user = request.user
    if not selectors.may_read_figures(user):
        return ""
    year = latest_year_with_data(user)
    period = selectors.parse_period({"year": year}, year)
    keys = {f"{ind.key}" for ind in all_indicators() if ind.headline}
    report = selectors.report(user, scope_value="all", period=period, keys=keys)
    return render_to_string(
        "reports/home_figures.html",
        {"report": report, "dashboard": reverse("reports:dashboard") + f"?year={year}"},
        request=request,
    )
