"""The record types of the activities app: one declaration per model (see core.records)."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from lvzhi.activities import filters, forms, models, selectors, services, tables
from lvzhi.activities.api import serializers as s
from lvzhi.activities.api.views import ActivityActions
from lvzhi.core import permissions
from lvzhi.core.filters import name_order_toggle
from lvzhi.core.records import RecordType
from lvzhi.core.views.generic import ObjectEditView
from lvzhi.core.views.links import link_form_for


class PrefillEditView(ObjectEditView):
    """A new record's form takes initial values from the query (…/add/?activity=12)."""

    def get_form(self, data=None, files=None):
        form = super().get_form(data, files)
        if self.object is None and data is None:
            for name, value in self.request.GET.items():
                if name in form.fields:
                    form.initial[name] = value
        return form


class AppRecordType(RecordType):
    """Saved and deleted through child_save / child_delete: a record of an activity or a
    rule set follows its committee and publication, and a locked rule set's are refused."""

    edit_view = PrefillEditView

    @classmethod
    def save(cls, *, actor, instance, m2m=None, expected_version=None, fields=None, inputs=None):
        return services.child_save(
            actor=actor,
            instance=instance,
            m2m=m2m,
            expected_version=expected_version,
            fields=fields,
        )

    @classmethod
    def delete(cls, *, actor, instance):
        services.child_delete(actor=actor, instance=instance)


def _count(model, fk):
    rows = model.objects.filter(**{fk: OuterRef("pk")}).order_by().values(fk)
    sub = Subquery(rows.annotate(c=Count("*")).values("c"), output_field=IntegerField())
    return Coalesce(sub, Value(0))


class ActivityKindViews(AppRecordType):
    model = models.ActivityKind
    prefix = "kinds"
    api_prefix = "activity-kinds"
    serializer = s.ActivityKindSerializer
    filterset = filters.ActivityKindFilterSet
    table = tables.ActivityKindTable
    form = forms.ActivityKindForm


class MemberGroupViews(AppRecordType):
    model = models.MemberGroup
    prefix = "groups"
    api_prefix = "member-groups"
    serializer = s.MemberGroupSerializer
    filterset = filters.MemberGroupFilterSet
    table = tables.MemberGroupTable
    form = forms.MemberGroupForm
    select_related = (
        "committee",
        "industry__parent",
        "leader__person",
        "leader__committee",
    )
    detail_template = "activities/group_detail.html"
    detail_fields = ("name", "kind", "industry", "committee", "leader", "description", "published")

    @classmethod
    def queryset(cls, user):
        through = models.MemberGroup.members.through
        return super().queryset(user).annotate(size=_count(through, "membergroup"))

    @classmethod
    def detail_context(cls, request, obj):
        return {
            "members": obj.members.select_related("person", "committee"),
            "activities": obj.activities.visible_to(request.user).select_related("kind")[:50],
        }


class ActivityViews(AppRecordType):
    model = models.Activity
    prefix = ""
    api_prefix = "activities"
    outcome_source = True  # a research report, an inspection, a consultation …
    search = {"title": "title", "body": ("summary", "place", "speakers"), "year": "start_date"}
    serializer = s.ActivitySerializer
    filterset = filters.ActivityFilterSet
    table = tables.ActivityTable
    form = forms.ActivityForm
    select_related = ("committee", "kind", "group")
    api_prefetch_related = ("items",)
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

    @classmethod
    def detail_context(cls, request, obj):
        from lvzhi.activities.selectors import activity_outputs, activity_roll

        toggle = name_order_toggle(request)
        participations = activity_roll(obj, toggle["name_order"], by_role=True)
        can_manage = permissions.can_change(request.user, obj)
        return {
            **toggle,
            "participations": participations,
            "outputs": activity_outputs(obj),
            "output_formset": forms.OutputFormSet(prefix="items") if can_manage else None,
            "tasks": obj.tasks.visible_to(request.user),
            "can_manage": can_manage,
        }

    api_actions = ActivityActions

    @classmethod
    def save(cls, *, actor, instance, m2m=None, expected_version=None, fields=None, inputs=None):
        return services.activity_save(
            actor=actor,
            activity=instance,
            m2m=m2m,
            participants=(inputs or {}).get("participants"),
            expected_version=expected_version,
            fields=fields,
        )

    @classmethod
    def delete(cls, *, actor, instance):
        services.activity_delete(actor=actor, activity=instance)


class ParticipationViews(AppRecordType):
    model = models.Participation
    prefix = "participations"
    api_prefix = "participations"
    serializer = s.ParticipationSerializer
    filterset = filters.ParticipationFilterSet
    table = tables.ParticipationTable
    form = forms.ParticipationForm
    select_related = ("activity", "member__person", "member__committee", "committee")


class ReportItemViews(AppRecordType):
    model = models.ReportItem
    prefix = "outputs"
    api_prefix = "output-items"
    outcome_source = True  # a 问题清单 / 操作指南 item, a suggestion
    serializer = s.ReportItemSerializer
    filterset = filters.ReportItemFilterSet
    table = tables.ReportItemTable
    form = forms.ReportItemForm
    select_related = ("activity", "committee")


class RuleSetViews(AppRecordType):
    model = models.RuleSet
    prefix = "rulesets"
    api_prefix = "rule-sets"
    serializer = s.RuleSetSerializer
    filterset = filters.RuleSetFilterSet
    table = tables.RuleSetTable
    form = forms.RuleSetForm
    select_related = ("committee",)
    detail_template = "activities/ruleset_detail.html"

    @classmethod
    def detail_context(cls, request, obj):
        return {
            "rules": obj.rules.select_related("activity_kind", "cap"),
            "caps": obj.caps.all(),
            "bands": obj.bands.all(),
            "can_manage": permissions.can_change(request.user, obj) and not obj.locked,
        }

    @classmethod
    def save(cls, *, actor, instance, m2m=None, expected_version=None, fields=None, inputs=None):
        return services.ruleset_save(
            actor=actor, ruleset=instance, expected_version=expected_version, fields=fields
        )

    @classmethod
    def delete(cls, *, actor, instance):
        services.ruleset_delete(actor=actor, ruleset=instance)


class RuleViews(AppRecordType):
    model = models.Rule
    prefix = "rules"
    api_prefix = "rules"
    serializer = s.RuleSerializer
    filterset = filters.RuleFilterSet
    table = tables.RuleTable
    form = forms.RuleForm
    select_related = ("ruleset", "activity_kind", "cap", "committee")


class ScoreCapViews(AppRecordType):
    model = models.ScoreCap
    prefix = "caps"
    api_prefix = "score-caps"
    serializer = s.ScoreCapSerializer
    filterset = filters.ScoreCapFilterSet
    table = tables.ScoreCapTable
    form = forms.ScoreCapForm
    select_related = ("ruleset",)


class GradeBandViews(AppRecordType):
    model = models.GradeBand
    prefix = "bands"
    api_prefix = "grade-bands"
    serializer = s.GradeBandSerializer
    filterset = filters.GradeBandFilterSet
    table = tables.GradeBandTable
    form = forms.GradeBandForm
    select_related = ("ruleset",)


class RoadmapTaskViews(AppRecordType):
    model = models.RoadmapTask
    prefix = "roadmap"
    api_prefix = "roadmap-tasks"
    serializer = s.RoadmapTaskSerializer
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

    @classmethod
    def detail_context(cls, request, obj):
        return {"activities": obj.activities.visible_to(request.user).select_related("kind")}


class MemberCaseViews(RoadmapTaskViews):
    model = models.MemberCase
    prefix = "cases"
    api_prefix = "member-cases"
    search = {"title": "title", "body": ("summary",), "year": "year"}
    serializer = s.MemberCaseSerializer
    similar_field = "summary"
    filterset = filters.MemberCaseFilterSet
    table = tables.MemberCaseTable
    form = forms.MemberCaseForm
    select_related = ("committee", "member__person", "member__committee")
    detail_template = "activities/case_detail.html"
    detail_fields = ()  # the form's

    @classmethod
    def detail_context(cls, request, obj):
        return {
            "subjects": selectors.case_subjects(obj, request.user),
            "subject_form": link_form_for(request, forms.CaseSubjectForm, obj),
        }
