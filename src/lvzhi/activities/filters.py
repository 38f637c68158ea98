"""One FilterSet per model, shared by the list pages, the Excel export and the API."""

import datetime

import django_filters as filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lvzhi.activities import models
from lvzhi.activities.choices import KindCategory
from lvzhi.core import models as core
from lvzhi.core.filters import (
    BaseFilterSet,
    CommitteeOwnedFilterSet,
    NameOrderFilterSet,
    visible,
)


class YearFilterMixin(filters.FilterSet):
    """`year` on the model's date field (`year_field`)."""

    year_field = "start_date"
    year = filters.NumberFilter(method="filter_year", label=_("Year"))

    def filter_year(self, queryset, name, value):
        try:
            year = int(value)
            start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
        except (TypeError, ValueError, OverflowError):
            return queryset.none()
        return queryset.filter(**{f"{self.year_field}__gte": start, f"{self.year_field}__lt": end})


class ActivityKindFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "description")

    class Meta:
        model = models.ActivityKind
        fields = ["category", "is_active"]


class MemberGroupFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("name", "description")
    industry = filters.ModelChoiceFilter(queryset=core.Industry.objects.all(), label=_("Industry"))

    class Meta:
        model = models.MemberGroup
        fields = ["kind", "industry"]


class ActivityFilterSet(YearFilterMixin, CommitteeOwnedFilterSet):
    search_fields = ("title", "place", "summary", "destinations", "speakers")
    kind = filters.ModelChoiceFilter(queryset=models.ActivityKind.objects.all(), label=_("Kind"))
    category = filters.ChoiceFilter(
        field_name="kind__category", choices=KindCategory.choices, label=_("Kind category")
    )
    industry = filters.ModelChoiceFilter(
        field_name="industries", queryset=core.Industry.objects.all(), label=_("Industry")
    )
    member = filters.ModelChoiceFilter(
        field_name="participations__member",
        queryset=visible(core.Member),
        label=_("Member"),
        distinct=True,
    )
    group = filters.ModelChoiceFilter(
        queryset=visible(models.MemberGroup), label=_("Service team or platform")
    )
    date_from = filters.DateFilter(field_name="start_date", lookup_expr="gte", label=_("From"))
    date_to = filters.DateFilter(field_name="start_date", lookup_expr="lte", label=_("To"))

    class Meta:
        model = models.Activity
        fields = ["year", "kind", "category", "industry", "member", "group"]


class ParticipationFilterSet(YearFilterMixin, NameOrderFilterSet, CommitteeOwnedFilterSet):
    year_field = "activity__start_date"
    search_fields = ("member__person__name", "activity__title")
    activity = filters.ModelChoiceFilter(
        queryset=visible(models.Activity), label=_("Duty activity")
    )
    member = filters.ModelChoiceFilter(queryset=visible(core.Member), label=_("Member"))
    category = filters.ChoiceFilter(
        field_name="activity__kind__category",
        choices=KindCategory.choices,
        label=_("Kind category"),
    )
    industry = filters.ModelChoiceFilter(
        field_name="activity__industries",
        queryset=core.Industry.objects.all(),
        label=_("Industry"),
    )
    date_from = filters.DateFilter(
        field_name="activity__start_date", lookup_expr="gte", label=_("From")
    )
    date_to = filters.DateFilter(
        field_name="activity__start_date", lookup_expr="lte", label=_("To")
    )

    class Meta:
        model = models.Participation
        fields = ["year", "activity", "member", "role", "attendance"]


class ReportItemFilterSet(YearFilterMixin, CommitteeOwnedFilterSet):
    year_field = "activity__start_date"
    search_fields = ("text", "activity__title")
    activity = filters.ModelChoiceFilter(
        queryset=visible(models.Activity), label=_("Duty activity")
    )

    class Meta:
        model = models.ReportItem
        fields = ["year", "kind", "activity"]


class RuleSetFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("name", "description")

    class Meta:
        model = models.RuleSet
        fields = ["year", "locked"]


class RuleSetChildFilterSet(CommitteeOwnedFilterSet):
    ruleset = filters.ModelChoiceFilter(queryset=visible(models.RuleSet), label=_("Score rule set"))


class RuleFilterSet(RuleSetChildFilterSet):
    search_fields = ("label",)

    class Meta:
        model = models.Rule
        fields = ["ruleset", "event", "activity_kind", "role"]


class ScoreCapFilterSet(RuleSetChildFilterSet):
    search_fields = ("name",)

    class Meta:
        model = models.ScoreCap
        fields = ["ruleset"]


class GradeBandFilterSet(RuleSetChildFilterSet):
    search_fields = ("name",)

    class Meta:
        model = models.GradeBand
        fields = ["ruleset"]


class RoadmapTaskFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("title", "description", "owner", "progress_note")
    overdue = filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = models.RoadmapTask
        fields = ["year", "overdue"]

    def filter_overdue(self, queryset, name, value):
        late = {"progress__lt": 100, "due_date__lt": timezone.localdate()}
        return queryset.filter(**late) if value else queryset.exclude(**late)


class MemberCaseFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("title", "summary", "member__person__name")
    member = filters.ModelChoiceFilter(queryset=visible(core.Member), label=_("Member"))
    industry = filters.ModelChoiceFilter(
        field_name="industries", queryset=core.Industry.objects.all(), label=_("Industry")
    )

    class Meta:
        model = models.MemberCase
        fields = ["year", "member", "industry"]
