"""API serializers of proposals: the proposal (workflow fields read-only) and sessions."""

from rest_framework import serializers

from lvzhi.core import permissions
from lvzhi.core.api.serializers import RecordSerializer
from lvzhi.core.models import Person

from ..forms.proposal import ProposalDraftForm, ProposalForm
from ..models import Proposal

WORKFLOW_FIELDS = [
    "state",
    "state_display",
    "serial",
    "serial_label",
    "plenary",
    "submitted_on",
    "accepted_on",
    "rejection_ground",
    "converted_to",
    "converted_record_id",
    "merged_into",
    "lead_unit",
    "units",
    "assigned_on",
    "deadline",
    "original_deadline",
    "meet_by",
    "met_on",
    "replied_on",
    "replied_on_time",
    "reply_class",
    "released_on",
    "rate_by",
    "handling_rating",
    "result_rating",
    "rating_deemed",
    "redo_count",
    "is_key",
    "key_leader",
    "is_excellent",
    "closed_on",
    "reminded_on",
    "escalated_on",
]


class ProposalSerializer(RecordSerializer):
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    units = serializers.SerializerMethodField()
    co_signers = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(),
        many=True,
        write_only=True,
        required=False,
        help_text="Persons invited to co-sign (联名) a draft.",
    )

    class Meta:
        model = Proposal
        fields = ["id", "url", "version", *ProposalForm.Meta.fields, *WORKFLOW_FIELDS, "co_signers"]
        read_only_fields = ["state", "lead_unit", "merged_into", "key_leader"]

    def get_units(self, obj) -> list[dict]:
        return [
            {"department": a.department_id, "name": a.department.name, "role": a.role}
            for a in obj.assignments.all()
        ]


class ProposalDraftSerializer(ProposalSerializer):
    """What a member sends to draft a proposal (POST /api/v1/proposals/draft/)."""

    add_right = permissions.REPORT

    class Meta(ProposalSerializer.Meta):
        fields = [
            "id",
            "url",
            "version",
            *ProposalDraftForm.Meta.fields,
            "state_display",
            "co_signers",
        ]
