"""API serializers: the problem (workflow fields read-only), its steps, categories."""

from rest_framework import serializers

from lvzhi.core import permissions
from lvzhi.core.api.serializers import RecordSerializer, serializer_for
from lvzhi.core.connections import reportable_enterprises

from ..forms import ProblemForm, ProblemReportForm
from ..models import Problem, ProblemCategory, ProblemTransition

ProblemCategorySerializer = serializer_for(
    ProblemCategory,
    ["name", "days_critical", "days_urgent", "days_normal", "is_active", "sort_order"],
)


class ProblemSerializer(RecordSerializer):
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    due_state = serializers.SerializerMethodField()
    units = serializers.SerializerMethodField()
    confirm_duplicate = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="Register although the enterprise has open problems in this category.",
    )

    class Meta:
        model = Problem
        fields = [
            "id",
            "url",
            "version",
            # the fields the register form offers, then the workflow's (read-only)
            *ProblemForm.Meta.fields,
            "state",
            "state_display",
            "due_state",
            "lead_unit",
            "units",
            "assigned_on",
            "deadline",
            "original_deadline",
            "solution",
            "answered_on",
            "answer_workdays",
            "answered_on_time",
            "satisfaction",
            "resolved_on",
            "reminded_on",
            "escalated_on",
            "merged_into",
            "confirm_duplicate",
        ]
        read_only_fields = ["state", "lead_unit", "merged_into"]

    def get_due_state(self, obj) -> str:
        return obj.due_state()

    def get_units(self, obj) -> list[dict]:
        return [
            {"department": a.department_id, "name": a.department.name, "role": a.role}
            for a in obj.assignments.all()
        ]


class ProblemReportSerializer(ProblemSerializer):
    """What a member sends to report a problem (POST /api/v1/problems/report/)."""

    add_right = permissions.REPORT

    def get_fields(self):
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        if user is not None:
            # as the report form: own enterprises and those the member visited
            fields["enterprise"].queryset = reportable_enterprises(user)
        return fields

    class Meta(ProblemSerializer.Meta):
        fields = [
            "id",
            "url",
            "version",
            *ProblemReportForm.Meta.fields,
            "state_display",
            "due_state",
            "units",
            "confirm_duplicate",
        ]


class ProblemTransitionSerializer(serializers.ModelSerializer):
    actor_name = serializers.SerializerMethodField()
    # Plain strings: the values of the problem's `state` (one enum in the schema).
    from_state = serializers.CharField(read_only=True)
    to_state = serializers.CharField(read_only=True)

    class Meta:
        model = ProblemTransition
        fields = ["id", "action", "from_state", "to_state", "actor", "actor_name", "unit", "at"]
        fields += ["comment"]

    def get_actor_name(self, obj) -> str:
        return (obj.actor.get_full_name() or obj.actor.username) if obj.actor else ""
