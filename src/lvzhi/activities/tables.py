"""List-page tables (django-tables2), also the columns of the Excel exports."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lvzhi.activities import models
from lvzhi.activities.choices import ReportItemKind
from lvzhi.core.tables import BaseTable, DateColumn


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
    start_date = DateColumn(format="Y-m-d", verbose_name=_("date"))
    title = tables.Column(linkify=True)
    participants = tables.Column(
        verbose_name=_("participants"), accessor="n_participants", orderable=False
    )
    items = tables.Column(verbose_name=_("outputs"), accessor="n_items", orderable=False)
    # in the Excel export only: who led, who took part, how long, what came out
    half_days = tables.Column(visible=False)
    leader_names = tables.Column(
        verbose_name=_("led by"), accessor="pk", visible=False, orderable=False
    )
    participant_names = tables.Column(
        verbose_name=_("participant names"), accessor="pk", visible=False, orderable=False
    )
    output_texts = tables.Column(
        verbose_name=_("output items"), accessor="pk", visible=False, orderable=False
    )

    class Meta(BaseTable.Meta):
        model = models.Activity
        fields = ("start_date", "title", "kind", "committee", "place", "participants", "items")
        sequence = ("...", "half_days", "leader_names", "participant_names", "output_texts")

    def _related(self):
        """Leaders, participants and outputs of every listed activity, read once (three
        queries for the whole export, only when an export asks for them)."""
        if getattr(self, "_related_rows", None) is None:
            ids = self.data.data.values("pk")
            leaders, people, outputs = {}, {}, {}
            through = models.Activity.leaders.through.objects.filter(activity__in=ids)
            for activity_id, name in through.order_by("member__person__name_strokes").values_list(
                "activity_id", "member__person__name"
            ):
                leaders.setdefault(activity_id, []).append(name)
            rows = models.Participation.objects.filter(activity__in=ids).select_related(
                "member__person"
            )
            for p in rows.order_by("member__person__name_strokes"):
                label = f"{p.member.person.name}（{p.get_attendance_display()}）"
                people.setdefault(p.activity_id, []).append(label)
            kinds = ReportItemKind.values  # 问题清单, 操作指南, 建议 … as on the page
            items = models.ReportItem.objects.filter(activity__in=ids)
            for item in sorted(items, key=lambda i: (kinds.index(i.kind), i.sort_order, i.pk)):
                text = f"{item.get_kind_display()}：{item.text}"
                outputs.setdefault(item.activity_id, []).append(text)
            self._related_rows = (leaders, people, outputs)
        return self._related_rows

    def value_leader_names(self, record):
        return "、".join(self._related()[0].get(record.pk, []))

    def value_participant_names(self, record):
        return "、".join(self._related()[1].get(record.pk, []))

    def value_output_texts(self, record):
        return "\n".join(self._related()[2].get(record.pk, []))


class ParticipationTable(BaseTable):
    member = tables.Column(linkify=True, order_by=("member__person__name_strokes",))
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
    due_date = DateColumn(format="Y-m-d")
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
