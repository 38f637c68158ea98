"""List-page tables (django-tables2), also the columns of the Excel exports."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lvzhi.activities import models
from lvzhi.core.tables import BaseTable


class ActivityKindTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = models.ActivityKind
        fields = ("name", "code", "category", "sort_order", "is_active")


class MemberGroupTable(BaseTable):
    name = tables.Column(linkify=True)
    size = tables.Column(verbose_name=_("members"), accessor="size", orderable=False)

    class Meta(BaseTable.Meta):
        model = models.MemberGroup
        fields = ("name", "kind", "industry", "committee", "leader", "size")


class ActivityTable(BaseTable):
    start_date = tables.DateColumn(format="Y-m-d", verbose_name=_("date"))
    title = tables.Column(linkify=True)
    participants = tables.Column(
        verbose_name=_("participants"), accessor="n_participants", orderable=False
    )
    items = tables.Column(verbose_name=_("outputs"), accessor="n_items", orderable=False)

    class Meta(BaseTable.Meta):
        model = models.Activity
        fields = ("start_date", "title", "kind", "committee", "place", "participants", "items")


class ParticipationTable(BaseTable):
    member = tables.Column(linkify=True, order_by=("member__person__name",))
    activity = tables.Column(linkify=True, order_by=("activity__start_date",))

    class Meta(BaseTable.Meta):
        model = models.Participation
        fields = ("activity", "member", "role", "attendance", "note")


class ReportItemTable(BaseTable):
    text = tables.Column(linkify=True)
    activity = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = models.ReportItem
        fields = ("kind", "text", "activity", "outcome_note")


class RuleSetTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = models.RuleSet
        fields = ("name", "year", "committee", "locked")


class RuleTable(BaseTable):
    label = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = models.Rule
        fields = (
            "label",
            "ruleset",
            "event",
            "activity_kind",
            "role",
            "attendance",
            "points",
            "unit",
            "cap_per_year",
            "cap",
        )


class ScoreCapTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = models.ScoreCap
        fields = ("name", "ruleset", "limit")


class GradeBandTable(BaseTable):
    name = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = models.GradeBand
        fields = ("name", "ruleset", "min_score", "max_score")


class RoadmapTaskTable(BaseTable):
    title = tables.Column(linkify=True)
    due_date = tables.DateColumn(format="Y-m-d")
    overdue = tables.Column(verbose_name=_("Overdue"), accessor="is_overdue", orderable=False)

    class Meta(BaseTable.Meta):
        model = models.RoadmapTask
        fields = ("year", "title", "owner", "committee", "due_date", "progress", "overdue")
        row_attrs = {"class": lambda record: "table-danger" if record.is_overdue else ""}

    def render_overdue(self, value):
        return (
            format_html('<span class="badge text-bg-danger">{}</span>', _("overdue"))
            if value
            else ""
        )

    def value_overdue(self, value):
        return bool(value)


class MemberCaseTable(BaseTable):
    title = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = models.MemberCase
        fields = (
            "year",
            "title",
            "member",
            "committee",
            "investment",
            "output_value",
            "jobs_created",
            "villages_helped",
        )
