"""The proposal workflow: who an actor is for a proposal, and the transition table.

The engine (core.workflow) runs every step; proposal_review.py (drafting and 审查),
proposal_handling.py (交办, 办理, 答复, 评价) and proposal_extensions.py do only what is
particular to a step.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lvzhi.core import permissions
from lvzhi.core.choices import Role
from lvzhi.core.deadlines import DeadlineRules, Lapse
from lvzhi.core.visibility import scope_for
from lvzhi.core.workflow import SAME, Transition, Workflow

from ..choices.proposal import ACCEPTED_STATES, Action, SignatureState, State, UnitRole
from ..forms import proposal as forms
from ..models import Proposal, ProposalTransition

S = State
OFFICE, PROPOSER, SIGNER, LEAD, CO, SEPARATE, LEADER = (
    "office",
    "proposer",
    "signer",
    "lead",
    "co",
    "separate",
    "leader",
)
REPLYING = {LEAD, SEPARATE}
UNIT_ROLES = {UnitRole.LEAD: LEAD, UnitRole.CO: CO, UnitRole.SEPARATE: SEPARATE}


class ProposalWorkflow(Workflow):
    model = Proposal
    states = State
    actions = Action
    log_model = ProposalTransition
    log_field = "proposal"
    log_related = ("actor", "unit")
    verb_prefix = "proposals"
    record_arg = "proposal"

    transitions = {
        Action.SIGN: Transition(
            sources={S.DRAFT},
            targets={SAME},
            roles={SIGNER},
            form=forms.CommentForm,
            primary={S.DRAFT},
        ),
        Action.DECLINE: Transition(
            sources={S.DRAFT}, targets={SAME}, roles={SIGNER}, form=forms.ReasonForm
        ),
        Action.SUBMIT: Transition(
            sources={S.DRAFT, S.RETURNED},
            targets={S.SUBMITTED},
            roles={PROPOSER, OFFICE},
            form=forms.CommentForm,
            primary={S.DRAFT, S.RETURNED},
            not_now=lambda: _("Only a draft or a returned proposal can be submitted."),
        ),
        Action.ACCEPT: Transition(
            sources={S.SUBMITTED},
            targets={S.ACCEPTED},
            roles={OFFICE},
            form=forms.CommentForm,
            primary={S.SUBMITTED},
        ),
        Action.REJECT: Transition(
            sources={S.SUBMITTED}, targets={S.REJECTED}, roles={OFFICE}, form=forms.RejectForm
        ),
        Action.RETURN: Transition(
            sources={S.SUBMITTED}, targets={S.RETURNED}, roles={OFFICE}, form=forms.ReasonForm
        ),
        Action.CONVERT: Transition(
            sources={S.SUBMITTED}, targets={S.CONVERTED}, roles={OFFICE}, form=forms.ConvertForm
        ),
        Action.MERGE: Transition(
            sources={S.SUBMITTED, S.ACCEPTED},
            targets={S.MERGED},
            roles={OFFICE},
            form=forms.ProposalMergeForm,
            also_lock=lambda inputs: [getattr(inputs.get("into"), "pk", None)],
        ),
        Action.ASSIGN: Transition(
            sources={S.ACCEPTED, S.ASSIGNED},
            targets={S.ASSIGNED},
            roles={OFFICE},
            form=forms.ProposalAssignForm,
            primary={S.ACCEPTED},
            labels={S.ASSIGNED: gettext_lazy("Reassign")},
            not_now=lambda: _("Only a proposal accepted as a case can be assigned."),
        ),
        Action.OBJECT: Transition(
            sources={S.ASSIGNED},
            targets={SAME, S.ACCEPTED},
            roles={LEAD, CO, SEPARATE},
            form=forms.ReasonForm,
        ),
        Action.CO_OPINION: Transition(
            sources={S.ASSIGNED},
            targets={SAME},
            roles={CO, OFFICE},
            form=forms.CoOpinionForm,
            primary={S.ASSIGNED},
        ),
        Action.MEET: Transition(
            sources={S.ASSIGNED}, targets={SAME}, roles=REPLYING, form=forms.MeetForm
        ),
        Action.REPLY: Transition(
            sources={S.ASSIGNED},
            targets={SAME, S.REPLIED},
            roles=REPLYING,
            form=forms.ReplyForm,
            primary={S.ASSIGNED},
            not_now=lambda: _("This proposal is not waiting for a reply."),
        ),
        Action.RELEASE: Transition(
            sources={S.REPLIED},
            targets={S.RELEASED},
            roles={OFFICE},
            form=forms.ReleaseForm,
            primary={S.REPLIED},
        ),
        # Not satisfied: back to the units for a second reply (重办).
        Action.RATE: Transition(
            sources={S.RELEASED},
            targets={S.RATED, S.ASSIGNED},
            roles={PROPOSER, OFFICE},
            form=forms.RateForm,
            primary={S.RELEASED},
            not_now=lambda: _("There is no reply to rate yet."),
        ),
        Action.UNIT_RATE: Transition(
            sources={S.RELEASED, S.RATED, S.CLOSED},
            targets={SAME},
            roles=REPLYING,
            form=forms.UnitRateForm,
        ),
        Action.MARK_KEY: Transition(
            sources=set(ACCEPTED_STATES), targets={SAME}, roles={OFFICE}, form=forms.KeyForm
        ),
        # 领导督办: only on a key proposal
        Action.LEADER_VISIT: Transition(
            sources=set(ACCEPTED_STATES),
            targets={SAME},
            roles={OFFICE, LEADER},
            form=forms.LeaderVisitForm,
            applies=lambda proposal: proposal.is_key,
            not_now=lambda: _("Leaders' visits are recorded on key proposals."),
        ),
        Action.MARK_EXCELLENT: Transition(
            sources=set(ACCEPTED_STATES), targets={SAME}, roles={OFFICE}, form=forms.CommentForm
        ),
        Action.CLOSE: Transition(
            sources={S.RATED},
            targets={S.CLOSED},
            roles={OFFICE},
            form=forms.CommentForm,
            primary={S.RATED},
        ),
        Action.REQUEST_EXTENSION: Transition(
            sources={S.ASSIGNED},
            targets={SAME},
            roles=REPLYING,
            form=forms.ExtensionForm,
            not_now=lambda: _("An extension can only be requested while the units handle it."),
        ),
        Action.APPROVE_EXTENSION: Transition(
            sources={S.ASSIGNED}, targets={SAME}, roles={OFFICE}, form=forms.DecisionForm
        ),
        Action.REFUSE_EXTENSION: Transition(
            sources=set(S), targets={SAME}, roles={OFFICE}, form=forms.DecisionForm
        ),
        # Taken by the daily deadline pass (core.deadlines), never from a page.
        Action.REMIND: Transition(
            sources={S.ASSIGNED}, targets={SAME}, roles={OFFICE}, offered=False
        ),
        Action.ESCALATE: Transition(
            sources={S.ASSIGNED}, targets={SAME}, roles={OFFICE}, offered=False
        ),
        Action.DEEM_RATED: Transition(
            sources={S.RELEASED}, targets={S.RATED}, roles={OFFICE}, offered=False
        ),
    }

    deadlines = DeadlineRules(
        open_states=frozenset({S.ASSIGNED}),
        remind=Action.REMIND,
        escalate=Action.ESCALATE,
        escalate_after=lambda: settings.PROPOSALS_ESCALATE_AFTER_WORKDAYS,
        # 评价 not given within PROPOSALS_RATE_WITHIN_WORKDAYS: the default is recorded
        lapses=(
            Lapse(states=frozenset({S.RELEASED}), until_field="rate_by", action=Action.DEEM_RATED),
        ),
        label_fields=("serial_label", "title"),
    )

    def roles_of(self, user, record) -> set[str]:
        """What `user` is for the proposal: the office, its proposer or a co-signer still to
        sign, a 主办 / 会办 / 分办 unit, a leader of the committee or above it."""
        if user is None or not user.is_authenticated:
            return set()
        roles = set()
        if permissions.is_manager(user, record):
            roles.add(OFFICE)
        if record.lead_id and record.lead.user_id == user.pk:
            roles.add(PROPOSER)
        if record.signatures.filter(person__user=user, state=SignatureState.INVITED).exists():
            roles.add(SIGNER)
        scope = scope_for(user)
        if Role.LEADER in scope.roles and record.committee_id in scope.readable:
            roles.add(LEADER)
        if scope.departments:
            for role in record.assignments.filter(department_id__in=scope.departments).values_list(
                "role", flat=True
            ):
                roles.add(UNIT_ROLES[role])
        if scope.is_superuser:
            # a system administrator may act for the lead unit (a reply that came by post)
            roles |= {OFFICE, LEAD}
        return roles

    def label(self, record) -> str:
        return label(record)


WORKFLOW = ProposalWorkflow()
roles_of = WORKFLOW.roles_of
available_actions = WORKFLOW.available


def label(proposal) -> str:
    return f"{proposal.serial_label or '#' + str(proposal.pk)} {proposal.title}"


def acting_unit(user, proposal):
    """The unit `user` acts for on `proposal`."""
    scope = scope_for(user)
    match = (
        proposal.assignments.filter(department_id__in=scope.departments)
        .select_related("department")
        .first()
    )
    if match is None and scope.is_superuser:
        return proposal.lead_unit
    return match.department if match else None


def create(model, actor, **values):
    """Create a history-tracked row with its history entry attributed to the actor."""
    obj = model(**values)
    obj._history_user = actor
    obj.save()
    return obj
