"""The proposal list table; the Excel export carries every field (hidden columns)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lvzhi.core.tables import BaseTable, DateColumn

from ..models import Proposal, ProposalSession, RejectionGround


class RejectionGroundTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = RejectionGround
        fields = ("name", "code", "sort_order", "is_active")


class ProposalSessionTable(BaseTable):
    name = tables.Column(verbose_name=_("Session"), accessor="pk", linkify=True, orderable=False)

    class Meta(BaseTable.Meta):
        model = ProposalSession
        fields = ("name", "committee", "year", "plenary_start", "plenary_end", "last_serial")

    def render_name(self, record):
        return str(record)

    def value_name(self, record):
        return str(record)


class ProposalTable(BaseTable):
    serial_label = tables.Column(verbose_name=_("Number"), linkify=True)
    title = tables.Column(linkify=True)
    proposer = tables.Column(verbose_name=_("Proposer"), accessor="pk", orderable=False)
    # in the Excel export only: the list stays narrow on a phone
    session = tables.Column(visible=False)
    kind = tables.Column(visible=False)
    sector = tables.Column(visible=False)
    cause = tables.Column(visible=False)
    analysis = tables.Column(visible=False)
    suggestions = tables.Column(visible=False)
    submitted_on = DateColumn(visible=False)
    accepted_on = DateColumn(visible=False)
    rejection_ground = tables.Column(visible=False)
    converted_to = tables.Column(visible=False)
    assigned_on = DateColumn(visible=False)
    deadline = DateColumn(visible=False)
    met_on = DateColumn(visible=False)
    replied_on = DateColumn(visible=False)
    replied_on_time = tables.BooleanColumn(visible=False)
    handling_rating = tables.Column(visible=False)
    result_rating = tables.Column(visible=False)
    redo_count = tables.Column(visible=False)
    is_key = tables.BooleanColumn(visible=False)
    is_excellent = tables.BooleanColumn(visible=False)
    closed_on = DateColumn(visible=False)

    class Meta(BaseTable.Meta):
        model = Proposal
        fields = (
            "serial_label",
            "title",
            "proposer",
            "committee",
            "lead_unit",
            "state",
            "reply_class",
            "session",
            "kind",
            "sector",
            "cause",
            "analysis",
            "suggestions",
            "submitted_on",
            "accepted_on",
            "rejection_ground",
            "converted_to",
            "assigned_on",
            "deadline",
            "met_on",
            "replied_on",
            "replied_on_time",
            "handling_rating",
            "result_rating",
            "redo_count",
            "is_key",
            "is_excellent",
            "closed_on",
        )

    def render_proposer(self, record):
        return record.proposer_label()

    def value_proposer(self, record):
        return record.proposer_label()
