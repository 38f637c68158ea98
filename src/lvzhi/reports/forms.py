"""What a report is asked for: scope, period, industry, sector — one form for the dashboard,
the workbook, the Word report and the API, so all of them read the same figures."""

import datetime

from django import forms
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvzhi.core.indicators import all_indicators
from lvzhi.core.models import Industry, Sector
from lvzhi.core.scope import ALL, OWN

from . import selectors


def latest_year_with_data(user) -> int:
    """This year, or the latest year before it with figures when this year has none yet (a
    system that starts in December reads last year's until January's records come in)."""
    this_year = timezone.localdate().year
    committees = selectors.committees_for(user, ALL)
    headline = [i for i in all_indicators() if i.headline] or all_indicators()
    best = None
    for ind in headline:
        latest = (
            ind.queryset()
            .filter(**{f"{ind.committee_field}__in": committees})
            .filter(**{f"{ind.date_field}__lt": datetime.date(this_year + 1, 1, 1)})
            .order_by()
            .aggregate(latest=Max(ind.date_field))["latest"]
        )
        if latest and (best is None or latest > best):
            best = latest
    return best.year if best else this_year


class ReportForm(forms.Form):
    scope = forms.CharField(label=_("Committee scope"), required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", "—"), *((q, str(q)) for q in range(1, 5))],
    )
    month = forms.TypedChoiceField(
        label=_("Month"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", "—"), *((m, str(m)) for m in range(1, 13))],
    )
    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("To"), required=False)
    industry = forms.ModelChoiceField(
        label=_("Industry"), queryset=Industry.objects.select_related("parent"), required=False
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False
    )
    rounded = forms.BooleanField(label=_("Round as the article does (over 80)"), required=False)

    def __init__(self, data, *, user, scope_choices=()):
        super().__init__(data)
        self.fields["quarter"].choices = [
            ("", "—"),
            *((q, _("Q%(q)s") % {"q": q}) for q in range(1, 5)),
        ]
        self.user = user
        self.scope_choices = list(scope_choices)
        self.default_year = None

    def clean_scope(self):
        value = self.cleaned_data.get("scope") or ALL
        if value not in (ALL, OWN) and not value.isdigit():
            raise forms.ValidationError(_("The scope is “all”, “own” or a committee's number."))
        if value.isdigit() and int(value) not in selectors.committees_for(self.user, ALL):
            raise forms.ValidationError(_("You do not read the figures of this committee."))
        return value

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if bool(start) != bool(end) and "start" not in self.errors and "end" not in self.errors:
            self.add_error(
                "end" if start else "start", _("A date range needs both a start and an end.")
            )
        elif start and end and end < start:
            self.add_error("end", _("The end of the range is before its start."))
        elif start and end and (end - start).days > 3660:
            self.add_error("end", _("A date range may span at most ten years."))
        if data.get("quarter") and data.get("month"):
            self.add_error("month", _("Choose a quarter or a month, not both."))
        return data

    def period(self) -> selectors.Period:
        data = self.cleaned_data
        if not data.get("year") and not data.get("start"):
            self.default_year = latest_year_with_data(self.user)
        params = {k: data.get(k) for k in ("year", "quarter", "month", "start", "end")}
        return selectors.parse_period(
            {k: v for k, v in params.items() if v}, self.default_year or timezone.localdate().year
        )

    def report(self, **kwargs) -> selectors.Report:
        data = self.cleaned_data
        return selectors.report(
            self.user,
            scope_value=data.get("scope") or ALL,
            period=self.period(),
            industry=data["industry"].pk if data.get("industry") else None,
            sector=data["sector"].pk if data.get("sector") else None,
            **kwargs,
        )
