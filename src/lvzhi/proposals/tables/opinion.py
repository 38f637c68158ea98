"""The 社情民意 and bulletin list tables."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lvzhi.core.tables import BaseTable

from ..models import Opinion, OpinionBulletin


class OpinionTable(BaseTable):
    title = tables.Column(linkify=True)
    bulletin = tables.Column(verbose_name=_("bulletin issue"), linkify=True)
    text = tables.Column(visible=False)  # in the Excel export only

    class Meta(BaseTable.Meta):
        model = Opinion
        fields = (
            "title",
            "committee",
            "submitter_kind",
            "submitted_on",
            "state",
            "bulletin",
            "text",
        )


class OpinionBulletinTable(BaseTable):
    issue = tables.Column(
        verbose_name=_("issue"),
        accessor="pk",
        linkify=lambda record: record.get_absolute_url(),
        orderable=False,
    )

    class Meta(BaseTable.Meta):
        model = OpinionBulletin
        fields = ("issue", "committee", "year", "number", "issued_on")

    def render_issue(self, record):
        return str(record)

    def value_issue(self, record):
        return str(record)
