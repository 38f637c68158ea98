"""The record views of the activities app: one RecordViews declaration per model."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from lvzhi.activities import filters, forms, models, services, tables
from lvzhi.core import permissions
from lvzhi.core.errors import DomainError
from lvzhi.core.views.generic import (
    ObjectDeleteView,
    ObjectEditView,
    RecordViews,
)


class PrefillEditView(ObjectEditView):
    """A new record's form takes initial values from the query (…/add/?activity=12)."""

    def get_form(self, data=None, files=None):
        form = super().get_form(data, files)
        if self.object is None and data is None:
            for name, value in self.request.GET.items():
                if name in form.fields:
                    form.initial[name] = value
        return form


class ServiceDeleteView(ObjectDeleteView):
    """Deletes through the model's own service (`config.delete`)."""

    def post(self, request, pk):
        try:
            self.config.delete(request.user, self.object)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(self.object.get_absolute_url())
        except PermissionDenied:
            raise
        messages.success(request, _("Deleted %(record)s.") % {"record": self.object})
        return redirect(self.url("list"))


class AppRecordViews(RecordViews):
    """RecordViews with a service save/delete and a prefix that may be empty."""

    edit_view = PrefillEditView
    delete_view = ServiceDeleteView

    @staticmethod
    def save(actor, form):
        return services.child_save(
            actor=actor,
            instance=form.save(commit=False),
            m2m=form.m2m_values(),
            expected_version=form.cleaned_data.get("version") if form.instance.pk else None,
        )

    @staticmethod
    def delete(actor, obj):
        services.child_delete(actor=actor, instance=obj)


def _count(model, fk):
    rows = model.objects.filter(**{fk: OuterRef("pk")}).order_by().values(fk)
    sub = Subquery(rows.annotate(c=Count("*")).values("c"), output_field=IntegerField())
    return Coalesce(sub, Value(0))


class ActivityKindViews(AppRecordViews):
    model = models.ActivityKind
    filterset = filters.ActivityKindFilterSet
    table = tables.ActivityKindTable
    form = forms.ActivityKindForm


class MemberGroupViews(AppRecordViews):
    model = models.MemberGroup
    filterset = filters.MemberGroupFilterSet
    table = tables.MemberGroupTable
    form = forms.MemberGroupForm
    select_related = ("committee", "industry", "leader__person", "leader__committee")
    detail_template = "activities/group_detail.html"
    detail_fields = ("name", "kind", "industry", "committee", "leader", "description", "published")

    @classmethod
    def queryset(cls, user):
        through = models.MemberGroup.members.through
        return super().queryset(user).annotate(size=_count(through, "membergroup"))

    @staticmethod
    def detail_context(request, obj):
        return {
            "members": obj.members.select_related("person", "committee"),
            "activities": obj.activities.visible_to(request.user).select_related("kind")[:50],
        }


class ActivityViews(AppRecordViews):
    model = models.Activity
    filterset = filters.ActivityFilterSet
    table = tables.ActivityTable
    form = forms.ActivityForm
    select_related = ("committee", "kind", "group")
    detail_template = "activities/activity_detail.html"
    # The form's fields; the title is the page's heading.
    detail_fields = tuple(f for f in forms.ActivityForm.Meta.fields if f != "title")

    @classmethod
    def queryset(cls, user):
        return (
            super()
            .queryset(user)
            .annotate(
                n_participants=_count(models.Participation, "activity"),
                n_items=_count(models.ReportItem, "activity"),
            )
        )

    @staticmethod
    def detail_context(request, obj):
        from lvzhi.activities.selectors import activity_outputs

        participations = obj.participations.select_related(
            "member__person", "member__committee"
        ).order_by("role", "member__person__name")
        return {
            "participations": participations,
            "outputs": activity_outputs(obj),
            "attachments": obj.attachments.all(),
            "tasks": obj.tasks.visible_to(request.user),
            "can_manage": permissions.can_change(request.user, obj),
        }

    @staticmethod
    def save(actor, form):
        new = form.instance.pk is None
        return services.activity_save(
            actor=actor,
            activity=form.save(commit=False),
            m2m=form.m2m_values(),
            participants=form.participant_rows() if new else None,
            expected_version=None if new else form.cleaned_data.get("version"),
        )

    @staticmethod
    def delete(actor, obj):
        services.activity_delete(actor=actor, activity=obj)


class ParticipationViews(AppRecordViews):
    model = models.Participation
    filterset = filters.ParticipationFilterSet
    table = tables.ParticipationTable
    form = forms.ParticipationForm
    select_related = ("activity", "member__person", "member__committee", "committee")


class ReportItemViews(AppRecordViews):
    model = models.ReportItem
    filterset = filters.ReportItemFilterSet
    table = tables.ReportItemTable
    form = forms.ReportItemForm
    select_related = ("activity", "committee")


class AttachmentViews(AppRecordViews):
    model = models.Attachment
    filterset = filters.AttachmentFilterSet
    table = tables.AttachmentTable
    form = forms.AttachmentForm
    select_related = ("activity", "committee")
    detail_template = "activities/attachment_detail.html"
    detail_fields = ("activity", "title", "kind", "size")
    file_fields = ("file",)


class RuleSetViews(AppRecordViews):
    model = models.RuleSet
    filterset = filters.RuleSetFilterSet
    table = tables.RuleSetTable
    form = forms.RuleSetForm
    select_related = ("committee",)
    detail_template = "activities/ruleset_detail.html"

    @staticmethod
    def detail_context(request, obj):
        return {
            "rules": obj.rules.select_related("activity_kind", "cap"),
            "caps": obj.caps.all(),
            "bands": obj.bands.all(),
            "can_manage": permissions.can_change(request.user, obj) and not obj.locked,
        }

    @staticmethod
    def save(actor, form):
        return services.ruleset_save(
            actor=actor,
            ruleset=form.save(commit=False),
            expected_version=form.cleaned_data.get("version") if form.instance.pk else None,
        )

    @staticmethod
    def delete(actor, obj):
        from lvzhi.core.services import record_delete

        record_delete(actor=actor, instance=obj)


class RuleViews(AppRecordViews):
    model = models.Rule
    filterset = filters.RuleFilterSet
    table = tables.RuleTable
    form = forms.RuleForm
    select_related = ("ruleset", "activity_kind", "cap", "committee")


class ScoreCapViews(AppRecordViews):
    model = models.ScoreCap
    filterset = filters.ScoreCapFilterSet
    table = tables.ScoreCapTable
    form = forms.ScoreCapForm
    select_related = ("ruleset",)


class GradeBandViews(AppRecordViews):
    model = models.GradeBand
    filterset = filters.GradeBandFilterSet
    table = tables.GradeBandTable
    form = forms.GradeBandForm
    select_related = ("ruleset",)


class RoadmapTaskViews(AppRecordViews):
    model = models.RoadmapTask
    filterset = filters.RoadmapTaskFilterSet
    table = tables.RoadmapTaskTable
    form = forms.RoadmapTaskForm
    select_related = ("committee", "owner_member__person", "owner_member__committee")
    detail_template = "activities/task_detail.html"
    detail_fields = (
        "year",
        "title",
        "committee",
        "owner",
        "owner_member",
        "due_date",
        "progress",
        "progress_note",
        "description",
        "published",
    )

    @staticmethod
    def save(actor, form):
        from lvzhi.core.services import record_save

        return record_save(
            actor=actor,
            instance=form.save(commit=False),
            m2m=form.m2m_values(),
            expected_version=form.cleaned_data.get("version") if form.instance.pk else None,
        )

    @staticmethod
    def detail_context(request, obj):
        return {"activities": obj.activities.visible_to(request.user).select_related("kind")}


class MemberCaseViews(RoadmapTaskViews):
    model = models.MemberCase
    similar_field = "summary"
    filterset = filters.MemberCaseFilterSet
    table = tables.MemberCaseTable
    form = forms.MemberCaseForm
    select_related = ("committee", "member__person", "member__committee")
    detail_template = "activities/case_detail.html"
    detail_fields = ()  # the form's

    @staticmethod
    def detail_context(request, obj):
        return {}


# (views, URL prefix under /activities/)
ALL = (
    (ActivityKindViews, "kinds"),
    (MemberGroupViews, "groups"),
    (ParticipationViews, "participations"),
    (ReportItemViews, "outputs"),
    (AttachmentViews, "attachments"),
    (RuleSetViews, "rulesets"),
    (RuleViews, "rules"),
    (ScoreCapViews, "caps"),
    (GradeBandViews, "bands"),
    (RoadmapTaskViews, "roadmap"),
    (MemberCaseViews, "cases"),
    (ActivityViews, ""),
)
