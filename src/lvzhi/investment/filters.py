"""One FilterSet per model: the list pages, their Excel export and the API share them."""

import datetime

import django_filters as filters
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvzhi.core.filters import CommitteeOwnedFilterSet, visible
from lvzhi.core.models import Department, Enterprise, Industry, Park, Village

from .choices import OPEN_STAGES, STAGE_DATE, MatchStatus, SourceMode, Stage, SupportDimension
from .models import FinancingMatch, FinancingNeed, InvestmentProject, Pairing, SupportRecord


def stalled_before(today=None) -> datetime.date:
    """Open projects whose last progress is before this day are stalled (停滞)."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=settings.INVESTMENT_STALLED_AFTER_DAYS)


class ProjectFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("name", "investor_name", "investor__name", "description")
    state = filters.MultipleChoiceFilter(choices=Stage.choices, label=_("Stage"))
    source_mode = filters.ChoiceFilter(choices=SourceMode.choices, label=_("Source mode"))
    industry = filters.ModelChoiceFilter(queryset=Industry.objects.all(), label=_("Industry"))
    park = filters.ModelChoiceFilter(queryset=visible(Park), label=_("Park"))
    department = filters.ModelChoiceFilter(queryset=visible(Department), label=_("Department"))
    year = filters.NumberFilter(field_name="registered_on", lookup_expr="year", label=_("Year"))
    stalled = filters.BooleanFilter(method="filter_stalled", label=_("Stalled"))
    # projects that reached a stage within dates (the dashboard's funnel drills down here)
    reached = filters.ChoiceFilter(
        choices=[(s, label) for s, label in Stage.choices if s in STAGE_DATE],
        method="filter_reached",
        label=_("Reached stage"),
    )
    reached_from = filters.DateFilter(method="filter_reached", label=_("Reached from"))
    reached_to = filters.DateFilter(method="filter_reached", label=_("Reached until"))

    class Meta:
        model = InvestmentProject
        fields = ["state", "source_mode", "industry", "park", "department", "year", "stalled"]

    def filter_reached(self, queryset, name, value):
        """The stage's date (registration when no stage is asked for) is set, and within the
        dates given."""
        data = self.form.cleaned_data
        field = STAGE_DATE[data.get("reached") or Stage.LEAD]
        if name == "reached":
            return queryset.filter(**{f"{field}__isnull": False})
        return queryset.filter(**{f"{field}__{'gte' if name == 'reached_from' else 'lte'}": value})

    def filter_stalled(self, queryset, name, value):
        stalled = {"state__in": OPEN_STAGES, "last_progress_on__lt": stalled_before()}
        return queryset.filter(**stalled) if value else queryset.exclude(**stalled)


class FinancingNeedFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("enterprise__name", "purpose")
    enterprise = filters.ModelChoiceFilter(queryset=visible(Enterprise), label=_("Enterprise"))
    industry = filters.ModelChoiceFilter(queryset=Industry.objects.all(), label=_("Industry"))
    year = filters.NumberFilter(field_name="surveyed_on", lookup_expr="year", label=_("Year"))

    class Meta:
        model = FinancingNeed
        fields = ["enterprise", "industry", "urgency", "year"]


class FinancingMatchFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("need__enterprise__name", "need__purpose", "bank__name")
    status = filters.ChoiceFilter(choices=MatchStatus.choices, label=_("Status"))
    bank = filters.ModelChoiceFilter(queryset=visible(Department), label=_("Bank"))
    activity = filters.NumberFilter(field_name="activity_id", label=_("政银企 event (activity)"))

    class Meta:
        model = FinancingMatch
        fields = ["status", "bank", "need", "activity"]


class PairingFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("enterprise__name", "village__name", "village__township")
    enterprise = filters.ModelChoiceFilter(queryset=visible(Enterprise), label=_("Enterprise"))
    village = filters.ModelChoiceFilter(queryset=visible(Village), label=_("Village"))

    class Meta:
        model = Pairing
        fields = ["enterprise", "village"]


class SupportRecordFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("description", "result", "pairing__village__name", "pairing__enterprise__name")
    dimension = filters.ChoiceFilter(choices=SupportDimension.choices, label=_("Dimension"))
    year = filters.NumberFilter(field_name="on", lookup_expr="year", label=_("Year"))

    class Meta:
        model = SupportRecord
        fields = ["pairing", "dimension", "year"]
