"""The 社情民意 lists' filters, shared by the list pages, the Excel export and the API."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from lvzhi.core.filters import CommitteeOwnedFilterSet
from lvzhi.core.models import Industry

from ..models import Opinion, OpinionBulletin, OpinionState, UptakeKind, UptakeLevel


class OpinionFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("title", "text", "edited_text", "organisation")
    state = filters.MultipleChoiceFilter(choices=OpinionState.choices, label=_("State"))
    adopted_by = filters.ChoiceFilter(
        choices=UptakeLevel.choices, method="filter_adopted_by", label=_("Adopted by")
    )
    industry = filters.ModelChoiceFilter(
        queryset=Industry.objects.all(), field_name="industries", label=_("Industry")
    )
    year = filters.NumberFilter(field_name="submitted_on", lookup_expr="year", label=_("Year"))

    class Meta:
        model = Opinion
        fields = ["state", "adopted_by", "industry", "year"]

    def filter_adopted_by(self, queryset, name, value):
        return queryset.filter(
            pk__in=Opinion.uptakes.rel.related_model.objects.filter(
                kind=UptakeKind.ADOPTED, level=value
            ).values("opinion_id")
        )


class OpinionBulletinFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("title", "editor")
    year = filters.NumberFilter(field_name="year", label=_("Year"))

    class Meta:
        model = OpinionBulletin
        fields = ["year"]
