"""The outcome list's filters (list page, Excel export, API)."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from lvzhi.core.filters import CommitteeOwnedFilterSet
from lvzhi.core.models import Industry

from ..models import Outcome, OutcomeKind


class OutcomeFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("title", "issuer", "number", "summary")
    kind = filters.ChoiceFilter(choices=OutcomeKind.choices, label=_("Kind"))
    industry = filters.ModelChoiceFilter(
        queryset=Industry.objects.all(), field_name="industries", label=_("Industry")
    )
    year = filters.NumberFilter(field_name="issued_on", lookup_expr="year", label=_("Year"))

    class Meta:
        model = Outcome
        fields = ["kind", "industry", "year"]
