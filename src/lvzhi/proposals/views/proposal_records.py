"""Proposal and session pages, declared on the generic record views of core."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from lvzhi.core.choices import ExtensionState
from lvzhi.core.records import RecordType

from .. import services
from ..api import proposal_serializers as serializers
from ..api.proposal_views import ProposalActions
from ..choices.proposal import EDITABLE_STATES
from ..filters import proposal as filters
from ..forms import proposal as forms
from ..models import Proposal, ProposalSession, RejectionGround
from ..selectors import proposal as selectors
from ..tables import proposal as tables


class RejectionGroundViews(RecordType):
    """不予立案的理由 — the office keeps the list: adds, renames, deactivates."""

    model = RejectionGround
    prefix = "grounds"
    api_prefix = "proposal-rejection-grounds"
    filterset = filters.RejectionGroundFilterSet
    table = tables.RejectionGroundTable
    form = forms.RejectionGroundForm


class ProposalSessionViews(RecordType):
    model = ProposalSession
    prefix = "sessions"
    api_prefix = "proposal-sessions"
    filterset = filters.ProposalSessionFilterSet
    table = tables.ProposalSessionTable
    form = forms.SessionForm
    select_related = ("committee",)
    detail_fields = (
        "committee",
        "term",
        "sitting",
        "year",
        "plenary_start",
        "plenary_end",
        "last_serial",
    )


class ProposalViews(RecordType):
    model = Proposal
    outcome_source = True
    prefix = ""  # the proposals live at the app's root: /proposals/, /proposals/<pk>/ …
    api_prefix = "proposals"
    serializer = serializers.ProposalSerializer
    api_actions = ProposalActions
    workflow = services.WORKFLOW
    search = {
        "title": "title",
        "body": ("cause", "analysis", "suggestions"),
        "year": "year",
        # 查重 compares suggestions with suggestions, the case with the case
        "sections": (("cause", "analysis"), "suggestions"),
    }
    similar_field = "suggestions"
    filterset = filters.ProposalFilterSet
    table = tables.ProposalTable
    form = forms.ProposalForm
    select_related = ("committee", "session", "lead", "lead_unit", "sector")
    detail_template = "proposals/proposal_detail.html"
    detail_fields = (
        "serial_label",
        "title",
        "committee",
        "session",
        "kind",
        "organisation_kind",
        "organisation",
        "lead",
        "sector",
        "industries",
        "plenary",
        "state",
        "submitted_on",
        "accepted_on",
        "rejection_ground",
        "converted_to",
        "merged_into",
        "lead_unit",
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
        "published",
    )

    @classmethod
    def detail_context(cls, request, obj):
        user = request.user
        roles = services.WORKFLOW.roles_of(user, obj)
        return {
            "proposal": obj,
            "today": timezone.localdate(),
            "roles": roles,
            "signatures": obj.signatures.select_related("person"),
            "assignments": obj.assignments.select_related("department"),
            "replies": selectors.replies_for(user, obj, roles),
            "ratings": selectors.ratings_for(user, obj, roles),
            "meetings": obj.meetings.select_related("department"),
            "leader_visits": obj.leader_visits.select_related("leader"),
            "extensions": obj.extensions.select_related("department", "requested_by"),
            "pending_extensions": obj.extensions.filter(state=ExtensionState.PENDING),
            "merged": obj.merged_proposals.visible_to(user),
        }

    @classmethod
    def may_attach(cls, user, record) -> bool:
        """The office, the proposer (while drafting) and the assigned units add files."""
        roles = services.WORKFLOW.roles_of(user, record)
        if record.state in EDITABLE_STATES and services.PROPOSER in roles:
            return True
        return bool(roles & {services.OFFICE, services.LEAD, services.SEPARATE, services.CO})

    #: how a new proposal is filed: the office files it
    file_new = staticmethod(services.proposal_file)

    @classmethod
    def save(cls, *, actor, instance, m2m=None, expected_version=None, fields=None, inputs=None):
        inputs = inputs or {}
        co_signers = inputs.get("co_signers")
        if instance.pk:
            return services.proposal_update(
                actor=actor,
                proposal=instance,
                expected_version=expected_version,
                fields=fields,
                m2m=m2m,
                co_signers=co_signers,
            )
        return cls.file_new(actor=actor, proposal=instance, co_signers=co_signers or (), m2m=m2m)


class ProposalDraftViews(ProposalViews):
    """A member drafts a proposal (/proposals/draft/): on a phone, with 相似提案 beside."""

    prefix = None  # a variant page of ProposalViews, not a record type of its own
    form = forms.ProposalDraftForm
    file_new = staticmethod(services.proposal_draft)
    add_title = gettext_lazy("Draft a proposal")
