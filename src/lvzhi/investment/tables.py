"""List-page tables (and their Excel columns)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lvzhi.core.tables import BaseTable, DateColumn

from .models import FinancingMatch, FinancingNeed, InvestmentProject, Pairing, SupportRecord


class ProjectTable(BaseTable):
    name = tables.Column(linkify=True)
    investor = tables.Column(verbose_name=_("Investor"), accessor="pk", orderable=False)
    # in the Excel export only: the list stays narrow
    capacity = tables.Column(visible=False)
    contracted_on = DateColumn(visible=False)
    started_on = DateColumn(visible=False)
    funds_in_place = tables.Column(visible=False)
    jobs_created = tables.Column(visible=False)
    source_mode = tables.Column(visible=False)

    # on a phone the card shows the project, its investor, amount and stage; the rest as
    # width allows
    shown_from = {
        "industry": "lg",
        "park": "xl",
        "committee": "xxl",
        "last_progress_on": "md",
        "registered_on": "xxl",
    }

    class Meta(BaseTable.Meta):
        model = InvestmentProject
        fields = (
            "name",
            "investor",
            "industry",
            "park",
            "committee",
            "contracted_amount",
            "state",
            "last_progress_on",
            "registered_on",
            "capacity",
            "contracted_on",
            "started_on",
            "funds_in_place",
            "jobs_created",
            "source_mode",
        )

    def render_investor(self, record):
        return record.investor_label

    def value_investor(self, record):
        return record.investor_label


class FinancingNeedTable(BaseTable):
    enterprise = tables.Column(linkify=lambda record: record.get_absolute_url())
    purpose = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(BaseTable.Meta):
        model = FinancingNeed
        fields = (
            "enterprise",
            "purpose",
            "amount",
            "term_months",
            "urgency",
            "surveyed_on",
            "committee",
        )


class FinancingMatchTable(BaseTable):
    need = tables.Column(linkify=lambda record: record.get_absolute_url())

    shown_from = {"matched_on": "md", "committee": "xl"}

    class Meta(BaseTable.Meta):
        model = FinancingMatch
        fields = (
            "need",
            "bank",
            "status",
            "matched_on",
            "amount_granted",
            "amount_disbursed",
            "committee",
        )


class PairingTable(BaseTable):
    id = tables.Column(verbose_name="#", linkify=True)

    class Meta(BaseTable.Meta):
        model = Pairing
        fields = ("id", "enterprise", "village", "started_on", "ended_on", "committee")


class SupportRecordTable(BaseTable):
    on = DateColumn(linkify=True)

    class Meta(BaseTable.Meta):
        model = SupportRecord
        fields = ("on", "pairing", "dimension", "amount", "quantity", "jobs", "committee")
