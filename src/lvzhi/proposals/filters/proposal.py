"""The proposal list's filters, shared by the list page, the Excel export and the API."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from lvzhi.core.filters import BaseFilterSet, CommitteeOwnedFilterSet
from lvzhi.core.models import Department, Industry, Sector

from ..choices.proposal import Kind, ReplyClass, State
from ..models import Proposal, ProposalAssignment, ProposalSession, RejectionGround


class RejectionGroundFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "description")

    class Meta:
        model = RejectionGround
        fields = ["is_active"]


class ProposalSessionFilterSet(CommitteeOwnedFilterSet):
    search_fields = ()

    class Meta:
        model = ProposalSession
        fields = ["year"]


class ProposalFilterSet(CommitteeOwnedFilterSet):
    search_fields = ("title", "serial_label", "organisation")
    # a column of the proposal's own: no join, so no DISTINCT (which would sort every match)
    state = filters.MultipleChoiceFilter(choices=State.choices, label=_("State"), distinct=False)
    kind = filters.ChoiceFilter(choices=Kind.choices, label=_("Kind"))
    session = filters.ModelChoiceFilter(queryset=ProposalSession.objects.all(), label=_("Session"))
    year = filters.NumberFilter(field_name="year", label=_("Year"))
    unit = filters.ModelChoiceFilter(
        queryset=Department.objects.all(), method="filter_unit", label=_("Handling unit")
    )
    industry = filters.ModelChoiceFilter(
        queryset=Industry.objects.all(), field_name="industries", label=_("Industry")
    )
    sector = filters.ModelChoiceFilter(queryset=Sector.objects.all(), label=_("Sector"))
    reply_class = filters.ChoiceFilter(choices=ReplyClass.choices, label=_("Reply class"))
    is_key = filters.BooleanFilter(label=_("Key proposal"))
    is_excellent = filters.BooleanFilter(label=_("Excellent proposal"))
    mine = filters.BooleanFilter(method="filter_mine", label=_("Led by me"))

    class Meta:
        model = Proposal
        fields = [
            "state",
            "kind",
            "session",
            "year",
            "unit",
            "industry",
            "sector",
            "reply_class",
            "is_key",
            "is_excellent",
            "mine",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(kwargs.get("request"), "user", None)
        if user is not None:
            units = Department.objects.visible_to(user)
            self.filters["unit"].queryset = units
            self.form.fields["unit"].queryset = units
            sessions = ProposalSession.objects.visible_to(user)
            self.filters["session"].queryset = sessions
            self.form.fields["session"].queryset = sessions

    @extend_schema_field(OpenApiTypes.INT)  # the unit's id, as the model choice would be
    def filter_unit(self, queryset, name, value):
        """Proposals the unit handles: a subquery, not a join (no DISTINCT over the list)."""
        if value is None:
            return queryset
        handled = ProposalAssignment.objects.filter(department=value).values("proposal_id")
        return queryset.filter(pk__in=handled)

    def filter_mine(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if not value or user is None:
            return queryset
        return queryset.filter(key_leader=user)
