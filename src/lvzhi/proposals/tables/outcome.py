"""The outcome list table."""

import django_tables2 as tables

from lvzhi.core.tables import BaseTable

from ..models import Outcome


class OutcomeTable(BaseTable):
    title = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Outcome
        fields = ("title", "kind", "issuer", "number", "issued_on", "committee")
