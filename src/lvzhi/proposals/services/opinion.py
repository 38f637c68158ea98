"""社情民意: filing a report, and its workflow — a transition table and the steps' own work.

The engine (core.workflow) locks the report, checks who may take a step and whether the
state allows it *now*, saves with history and writes the transition log; the functions below
do only what a step adds: the edited text beside the original, the bulletin issue, and the
rows of what happened upward (OpinionUptake: 报送, 采用, 批示 — each dated and attributed).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lvzhi.core import permissions
from lvzhi.core.errors import DomainError
from lvzhi.core.models import Member
from lvzhi.core.services import record_save
from lvzhi.core.workflow import SAME, Transition, Workflow, required, when

from ..forms import opinion as forms
from ..models import (
    Opinion,
    OpinionAction,
    OpinionState,
    OpinionTransition,
    OpinionUptake,
    UptakeKind,
)

S, A = OpinionState, OpinionAction
OFFICE, AUTHOR = "office", "author"
UPWARD = {S.FORWARDED, S.ADOPTED}


class OpinionWorkflow(Workflow):
    model = Opinion
    states = OpinionState
    actions = OpinionAction
    log_model = OpinionTransition
    log_field = "opinion"
    verb_prefix = "opinions"
    record_arg = "opinion"

    transitions = {
        A.EDIT: Transition(
            sources={S.SUBMITTED, S.ACCEPTED},
            targets={SAME},
            roles={OFFICE},
            form=forms.EditForm,
            not_now=lambda: _("A report can be edited only before it is in a bulletin issue."),
        ),
        A.ACCEPT: Transition(
            sources={S.SUBMITTED},
            targets={S.ACCEPTED},
            roles={OFFICE},
            form=forms.CommentForm,
            primary={S.SUBMITTED},
        ),
        A.REJECT: Transition(
            sources={S.SUBMITTED}, targets={S.REJECTED}, roles={OFFICE}, form=forms.ReasonForm
        ),
        A.COMPILE: Transition(
            sources={S.ACCEPTED},
            targets={S.PUBLISHED},
            roles={OFFICE},
            form=forms.CompileForm,
            primary={S.ACCEPTED},
            not_now=lambda: _("Only an accepted report can be put in a bulletin issue."),
        ),
        A.FORWARD: Transition(
            sources={S.PUBLISHED, *UPWARD},
            targets={S.FORWARDED, SAME},
            roles={OFFICE},
            form=forms.ForwardForm,
            primary={S.PUBLISHED},
            not_now=lambda: _("A report is sent upward once it is in a bulletin issue."),
        ),
        A.ADOPT: Transition(
            sources=UPWARD,
            targets={S.ADOPTED},
            roles={OFFICE},
            form=forms.AdoptForm,
            primary={S.FORWARDED},
            not_now=lambda: _("Only a report that was sent upward can be adopted."),
        ),
        A.INSTRUCT: Transition(
            sources=UPWARD,
            targets={SAME},
            roles={OFFICE},
            form=forms.InstructForm,
            not_now=lambda: _("A leader's instruction is recorded on a report sent upward."),
        ),
    }

    def roles_of(self, user, record) -> set[str]:
        if user is None or not user.is_authenticated:
            return set()
        roles = set()
        if permissions.is_manager(user, record):
            roles.add(OFFICE)
        if record.authors.filter(person__user=user).exists():
            roles.add(AUTHOR)
        return roles


WORKFLOW = OpinionWorkflow()


def _authors(opinion):
    return [m.person.user for m in opinion.authors.select_related("person__user") if m.person.user]


@WORKFLOW.step(A.EDIT)
def _edit(ctx, *, edited_text, comment=""):
    text = required(edited_text, "edited_text", _("Give the edited text."))
    ctx.set(edited_text="" if text == ctx.record.text.strip() else text)
    ctx.record.clean()
    ctx.comment = comment


@WORKFLOW.step(A.ACCEPT)
def _accept(ctx, *, comment=""):
    ctx.comment = comment
    ctx.tell(_authors(ctx.record), _("Your report was accepted: %(t)s") % {"t": ctx.record})


@WORKFLOW.step(A.REJECT)
def _reject(ctx, *, reason):
    ctx.comment = required(reason, "reason", _("Give the reason."))
    ctx.tell(
        _authors(ctx.record),
        _("Your report was not accepted: %(r)s") % {"r": ctx.comment},
    )


@WORKFLOW.step(A.COMPILE)
def _compile(ctx, *, bulletin):
    if bulletin is None or bulletin.committee_id != ctx.record.committee_id:
        raise ValidationError(
            {"bulletin": _("Choose an issue of this report's committee's bulletin.")}
        )
    ctx.set(bulletin=bulletin)
    ctx.comment = f"《{bulletin.title}》{bulletin.year}年第{bulletin.number}期"


def _uptake(ctx, kind, **values):
    uptake = OpinionUptake(
        opinion=ctx.record, kind=kind, recorded_by=ctx.actor, recorded_at=ctx.at, **values
    )
    uptake._history_user = ctx.actor  # its history entry names who recorded it
    uptake.save()
    return uptake


def _levels(opinion, kind):
    return set(opinion.uptakes.filter(kind=kind).values_list("level", flat=True))


@WORKFLOW.step(A.FORWARD)
def _forward(ctx, *, level, date):
    if level in _levels(ctx.record, UptakeKind.FORWARDED):
        raise DomainError(_("This report was already sent to this level."))
    _uptake(ctx, UptakeKind.FORWARDED, level=level, date=date)
    ctx.to(S.FORWARDED if ctx.from_state == S.PUBLISHED else ctx.from_state)


@WORKFLOW.step(A.ADOPT)
def _adopt(ctx, *, level, mode, date):
    if level not in _levels(ctx.record, UptakeKind.FORWARDED):
        raise DomainError(_("The report was not sent to this level: record the sending first."))
    if level in _levels(ctx.record, UptakeKind.ADOPTED):
        raise DomainError(_("The adoption at this level is already recorded."))
    _uptake(ctx, UptakeKind.ADOPTED, level=level, mode=mode, date=date)
    ctx.tell(_authors(ctx.record), _("Your report was adopted: %(t)s") % {"t": ctx.record})


@WORKFLOW.step(A.INSTRUCT)
def _instruct(ctx, *, instructed_by, instruction_level, date, text):
    _uptake(
        ctx,
        UptakeKind.INSTRUCTED,
        instructed_by=required(instructed_by, "instructed_by", _("Name the leader.")),
        instruction_level=instruction_level,
        date=date,
        text=required(text, "text", _("Give the instruction's text.")),
    )
    ctx.tell(_authors(ctx.record), _("A leader gave an instruction on your report."))


opinion_edit = WORKFLOW.service(A.EDIT)
opinion_accept = WORKFLOW.service(A.ACCEPT)
opinion_reject = WORKFLOW.service(A.REJECT)
opinion_compile = WORKFLOW.service(A.COMPILE)
opinion_forward = WORKFLOW.service(A.FORWARD)
opinion_adopt = WORKFLOW.service(A.ADOPT)
opinion_instruct = WORKFLOW.service(A.INSTRUCT)


# -- filing a report ------------------------------------------------------------------------


def opinion_submit(*, actor, opinion: Opinion, m2m=None, on=None) -> Opinion:
    """报送社情民意 — the office files a report (its authors named), or a member files their
    own to a committee they sit on (recorded as its author)."""
    m2m = dict(m2m or {})
    committee = opinion.committee if opinion.committee_id else None
    if committee is None:
        raise ValidationError({"committee": _("Choose the committee.")})
    if permissions.can_add(actor, Opinion, committee):
        right = permissions.ADD
    else:
        seat = Member.objects.filter(person__user=actor, committee=committee).first()
        if seat is None or not permissions.can_report(actor, Opinion, committee):
            raise PermissionDenied(_("Only a member of this committee may submit a report to it."))
        right = permissions.REPORT
        m2m["authors"] = [seat]
        opinion.submitter_kind, opinion.organisation, opinion.published = "member", "", False
    return _file(actor, opinion, m2m, right, on)


def opinion_create_from(*, actor, title, text, authors, committee, source, on=None) -> Opinion:
    """转为社情民意 — a report made from another record (a proposal the office converts):
    the text moves with its authors, and the report keeps a link to where it came from."""
    opinion = Opinion(committee=committee, title=title, text=text)
    if source is not None:
        opinion.source_type = ContentType.objects.get_for_model(source)
        opinion.source_id = source.pk
        opinion.source_label = str(source)[:200]
    return _file(actor, opinion, {"authors": list(authors)}, permissions.ADD, on)


def _file(actor, opinion, m2m, right, on):
    today, at = when(on)
    if on is not None:
        opinion.submitted_on = today
    opinion.state = S.SUBMITTED
    with transaction.atomic():
        record_save(actor=actor, instance=opinion, m2m=m2m, right=right)
        WORKFLOW.log(
            opinion,
            action=A.SUBMIT,
            from_state=S.SUBMITTED,
            to_state=S.SUBMITTED,
            actor=actor,
            at=at,
        )
    return opinion
