"""API serializers: a project's pipeline fields are read-only (steps change them), and its
commercially sensitive fields are left out for those who may not see them."""

from rest_framework import serializers

from lvzhi.core import permissions
from lvzhi.core.api.serializers import RecordSerializer

from .. import services
from ..forms import FinancingMatchForm, ProjectForm, ProjectLeadForm
from ..models import FinancingMatch, InvestmentProject

PIPELINE_FIELDS = [
    "state",
    "negotiating_on",
    "intention_on",
    "contracted_on",
    "started_on",
    "producing_on",
    "full_capacity_on",
    "dropped_on",
    "drop_reason",
    "start_due_on",
    "contracted_amount",
    "funds_in_place",
    "last_progress_on",
    "capacity_value",
    "capacity_unit",
]


class ProjectSerializer(RecordSerializer):
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    credits = serializers.SerializerMethodField()
    funds = serializers.SerializerMethodField()

    class Meta:
        model = InvestmentProject
        fields = [
            "id",
            "url",
            "version",
            *ProjectForm.Meta.fields,
            *PIPELINE_FIELDS,
            "state_display",
            "credits",
            "funds",
        ]
        read_only_fields = PIPELINE_FIELDS

    def get_credits(self, obj) -> list[dict]:
        return [
            {"member": c.member_id, "name": c.member.person.name, "share": str(c.share)}
            for c in obj.credits.all()
        ]

    def get_funds(self, obj) -> list[dict]:
        return [{"on": f.on.isoformat(), "amount": str(f.amount)} for f in obj.funds.all()]

    def to_representation(self, obj):
        data = super().to_representation(obj)
        request = self.context.get("request")
        if request is not None:
            for name in services.hidden_fields(request.user, obj):
                data.pop(name, None)
        return data


class ProjectLeadSerializer(ProjectSerializer):
    """What a member sends to register a lead (POST /api/v1/investment-projects/lead/)."""

    add_right = permissions.REPORT

    class Meta(ProjectSerializer.Meta):
        fields = ["id", "url", "version", *ProjectLeadForm.Meta.fields, "state", "state_display"]


#: what came of a match: the bank records it through the workflow's steps
MATCH_OUTCOME_FIELDS = [
    "status",
    "amount_granted",
    "granted_on",
    "amount_disbursed",
    "disbursed_on",
    "failure_reason",
]


class FinancingMatchSerializer(RecordSerializer):
    class Meta:
        model = FinancingMatch
        fields = ["id", "url", "version", *FinancingMatchForm.Meta.fields, *MATCH_OUTCOME_FIELDS]
        read_only_fields = MATCH_OUTCOME_FIELDS
