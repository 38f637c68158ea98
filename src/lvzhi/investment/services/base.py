"""The project pipeline: who an actor is for a project, and the transition table.

A project moves one stage at a time (线索 → 洽谈 → 签订意向协议 → 签约 → 开工 → 投产 → 达产);
moving past a stage is the office's explicit decision (`skip`, with its reason in the log);
it may be dropped (终止) with a reason at any open stage. The engine (core.workflow) locks,
checks, saves, logs and notifies; services/project.py does what each step adds.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from lvzhi.core import permissions
from lvzhi.core.deadlines import DeadlineRules
from lvzhi.core.visibility import scope_for
from lvzhi.core.workflow import SAME, Transition, Workflow

from .. import forms
from ..choices import OPEN_STAGES, PIPELINE, Action, Stage
from ..models import InvestmentProject, ProjectTransition

S = Stage
OFFICE, LEADER, UNIT, CREDITED = "office", "leader", "unit", "credited"
MOVERS = {OFFICE, LEADER, UNIT}
NOT_FINAL = set(PIPELINE[:-1])
ALIVE = set(PIPELINE)

#: action -> the stage it leads to (from the stage just before it)
ADVANCE = {
    Action.NEGOTIATE: S.NEGOTIATING,
    Action.SIGN_INTENTION: S.INTENTION,
    Action.SIGN_CONTRACT: S.CONTRACTED,
    Action.START: S.STARTED,
    Action.PRODUCE: S.PRODUCING,
    Action.REACH_CAPACITY: S.FULL_CAPACITY,
}


def _previous(stage):
    return PIPELINE[PIPELINE.index(stage) - 1]


def _out_of_order(target):
    def message():
        return _(
            "“%(stage)s” can only follow “%(previous)s”; to move past a stage the office "
            "decides with “Move to a later stage”."
        ) % {"stage": Stage(target).label, "previous": Stage(_previous(target)).label}

    return message


_ADVANCE_FORMS = {Action.SIGN_CONTRACT: forms.ProjectContractForm}


class ProjectWorkflow(Workflow):
    model = InvestmentProject
    states = Stage
    actions = Action
    log_model = ProjectTransition
    log_field = "project"
    verb_prefix = "investment"
    record_arg = "project"

    transitions = {
        **{
            action: Transition(
                sources={_previous(target)},
                targets={target},
                roles=MOVERS,
                form=_ADVANCE_FORMS.get(action, forms.ProjectStageForm),
                primary={_previous(target)},
                not_now=_out_of_order(target),
            )
            for action, target in ADVANCE.items()
        },
        Action.SKIP: Transition(
            sources=NOT_FINAL, targets=ALIVE - {S.LEAD}, roles={OFFICE}, form=forms.ProjectSkipForm
        ),
        Action.DROP: Transition(
            sources=NOT_FINAL,
            targets={S.DROPPED},
            roles={OFFICE, LEADER},
            form=forms.ProjectDropForm,
            not_now=lambda: _("A project in production or already dropped cannot be dropped."),
        ),
        Action.PROGRESS: Transition(
            sources=ALIVE, targets={SAME}, roles=MOVERS | {CREDITED}, form=forms.ProjectProgressForm
        ),
        Action.FUNDS: Transition(
            sources={S.CONTRACTED, S.STARTED, S.PRODUCING, S.FULL_CAPACITY},
            targets={SAME},
            roles=MOVERS,
            form=forms.ProjectFundsForm,
            not_now=lambda: _("Funds are recorded once the contract is signed."),
        ),
        Action.CREDIT: Transition(
            sources=ALIVE, targets={SAME}, roles={OFFICE}, form=forms.ProjectCreditForm
        ),
        # Taken by the daily pass (core.deadlines) when progress is overdue, never from a page.
        Action.REMIND: Transition(
            sources=set(OPEN_STAGES), targets={SAME}, roles={OFFICE}, offered=False
        ),
        Action.ESCALATE: Transition(
            sources=set(OPEN_STAGES), targets={SAME}, roles={OFFICE}, offered=False
        ),
    }

    #: a lead not assessed in time, a project without progress: the department is reminded,
    #: later the committee's leaders are told
    deadlines = DeadlineRules(
        open_states=frozenset(OPEN_STAGES),
        remind=Action.REMIND,
        escalate=Action.ESCALATE,
        escalate_after=lambda: settings.INVESTMENT_ESCALATE_AFTER_WORKDAYS,
        deadline_field="progress_due",
        label_fields=("name",),
    )

    def roles_of(self, user, record) -> set[str]:
        """Office (manages its committee), the responsible leader and department, a
        credited member."""
        if user is None or not user.is_authenticated:
            return set()
        scope = scope_for(user)
        roles = set()
        if permissions.is_manager(user, record):
            roles.add(OFFICE)
        leader = record.responsible_leader
        if (
            leader is not None
            and leader.user_id == user.pk
            and record.committee_id in scope.readable
        ):
            roles.add(LEADER)
        if record.department_id and record.department_id in scope.departments:
            roles.add(UNIT)
        if record.credits.filter(member__person__user=user).exists():
            roles.add(CREDITED)
        return roles

    def label(self, record) -> str:
        return record.name


WORKFLOW = ProjectWorkflow()
roles_of = WORKFLOW.roles_of
available_actions = WORKFLOW.available


#: fields only the office and the responsible leader see: the investor's contact always,
#: the planned amount until the contract is signed (商业敏感)
SENSITIVE = ("investor_contact",)
SENSITIVE_BEFORE_SIGNING = ("planned_investment",)
SIGNED = {S.CONTRACTED, S.STARTED, S.PRODUCING, S.FULL_CAPACITY}


def hidden_fields(user, project) -> tuple[str, ...]:
    """The project's fields `user` may not see (no query for the office: lists stay flat)."""
    scope = scope_for(user)
    if scope.is_superuser or project.committee_id in scope.managed:
        return ()
    if project.responsible_leader_id and project.responsible_leader_id == _person_id(user):
        return ()
    if project.state in SIGNED:
        return SENSITIVE
    return SENSITIVE + SENSITIVE_BEFORE_SIGNING


def _person_id(user):
    """The id of the user's person (looked up once per user object)."""
    if not hasattr(user, "_investment_person_id"):
        from lvzhi.core.models import Person

        user._investment_person_id = (
            Person.objects.filter(user_id=user.pk).values_list("pk", flat=True).first()
            if user.is_authenticated
            else None
        )
    return user._investment_person_id
