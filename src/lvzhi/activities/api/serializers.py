"""API serializers; model validation runs in the same services as the forms."""

from rest_framework import serializers

from lvzhi.activities import forms, models
from lvzhi.activities.choices import Attendance, ParticipationRole
from lvzhi.core.api.serializers import RecordSerializer, serializer_for
from lvzhi.core.models import Member

# The API offers the fields the forms offer (one list per model, kept on the form), plus
# the committee of child records (read-only: it follows the parent) and computed values.
ActivityKindSerializer = serializer_for(models.ActivityKind, forms.ActivityKindForm.Meta.fields)
MemberGroupSerializer = serializer_for(
    models.MemberGroup, [*forms.MemberGroupForm.Meta.fields, "published"]
)


class ParticipantInputSerializer(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.none())
    role = serializers.ChoiceField(
        choices=ParticipationRole.choices, default=ParticipationRole.PARTICIPANT
    )
    attendance = serializers.ChoiceField(choices=Attendance.choices, default=Attendance.ATTENDED)

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["member"].queryset = Member.objects.visible_to(request.user)
        return fields

    def to_internal_value(self, data):
        # The service takes (member, role, attendance) rows, as the page's form gives them.
        values = super().to_internal_value(data)
        return (values["member"], values["role"], values["attendance"])


class ActivitySerializer(RecordSerializer):
    participants = ParticipantInputSerializer(
        many=True,
        required=False,
        write_only=True,
        help_text="On create only: members with role and attendance, added all-or-nothing.",
    )
    participant_count = serializers.SerializerMethodField()
    output_counts = serializers.SerializerMethodField()

    class Meta:
        model = models.Activity
        fields = [
            "id",
            "url",
            "version",
            *forms.ActivityForm.Meta.fields,
            "participants",
            "participant_count",
            "output_counts",
        ]

    def get_participant_count(self, obj) -> int:
        n = getattr(obj, "n_participants", None)
        return n if n is not None else obj.participations.count()

    def get_output_counts(self, obj) -> dict:
        counts = {}
        for kind in (item.kind for item in obj.items.all()):
            counts[kind] = counts.get(kind, 0) + 1
        return counts


def _child(model, form, *extra):
    return serializer_for(model, ["committee", *form.Meta.fields, *extra])


ParticipationSerializer = _child(models.Participation, forms.ParticipationForm)
ReportItemSerializer = _child(models.ReportItem, forms.ReportItemForm)
RuleSetSerializer = serializer_for(models.RuleSet, forms.RuleSetForm.Meta.fields)
RuleSerializer = _child(models.Rule, forms.RuleForm)
ScoreCapSerializer = _child(models.ScoreCap, forms.ScoreCapForm)
GradeBandSerializer = _child(models.GradeBand, forms.GradeBandForm)
RoadmapTaskSerializer = serializer_for(
    models.RoadmapTask,
    [*forms.RoadmapTaskForm.Meta.fields, "is_overdue"],
    {"is_overdue": serializers.BooleanField(read_only=True)},
)
MemberCaseSerializer = serializer_for(models.MemberCase, forms.MemberCaseForm.Meta.fields)

CHILD_SERIALIZERS = (
    ParticipationSerializer,
    ReportItemSerializer,
    RuleSerializer,
    ScoreCapSerializer,
    GradeBandSerializer,
)
for _cls in CHILD_SERIALIZERS:
    # The committee follows the parent activity or rule set.
    _cls.Meta.read_only_fields = ["committee"]


class AttendanceSerializer(serializers.Serializer):
    states = serializers.DictField(
        child=serializers.ChoiceField(choices=Attendance.choices),
        help_text="{participation id: attendance}",
    )


class ScoreLineSerializer(serializers.Serializer):
    date = serializers.DateField()
    source = serializers.CharField()
    url = serializers.CharField()
    rule = serializers.CharField()
    units = serializers.IntegerField()
    base = serializers.DecimalField(max_digits=8, decimal_places=1)
    points = serializers.DecimalField(max_digits=8, decimal_places=1)
    note = serializers.CharField()
    weight = serializers.DecimalField(
        max_digits=5,
        decimal_places=4,
        help_text="The member's part of a shared event (1: the whole; 0.6 for a 60% credit).",
    )


class ScoreSerializer(serializers.Serializer):
    member = serializers.IntegerField(source="member_id")
    total = serializers.DecimalField(max_digits=8, decimal_places=1)
    grade = serializers.CharField()
    ruleset = serializers.SerializerMethodField()
    lines = ScoreLineSerializer(many=True)

    def get_ruleset(self, obj) -> int | None:
        return obj.ruleset.pk if obj.ruleset else None


class RankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    member = serializers.IntegerField()
    name = serializers.CharField()
    committee = serializers.CharField()
    sector = serializers.CharField()
    total = serializers.DecimalField(max_digits=8, decimal_places=1)
    grade = serializers.CharField()
