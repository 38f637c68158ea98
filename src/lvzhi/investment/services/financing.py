"""政银企 outcomes: the bank records what came of a match (授信 → 放款, or 未成功).

A bank (a handling unit of kind 银行) sees only its own matches and records their outcome
itself; the office may record it for the bank. The engine (core.workflow) locks, checks the
role and the status, saves, logs and notifies; the steps here check the amounts against the
need and the credit, so nothing is saved half.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lvzhi.core import permissions, recipients
from lvzhi.core.notifications import Message
from lvzhi.core.visibility import scope_for
from lvzhi.core.workflow import Transition, Workflow, required

from .. import forms
from ..choices import MatchAction, MatchStatus
from ..models import FinancingMatch, MatchTransition

M = MatchStatus
OFFICE, BANK = "office", "bank"


class MatchWorkflow(Workflow):
    model = FinancingMatch
    state_field = "status"
    states = MatchStatus
    actions = MatchAction
    log_model = MatchTransition
    log_field = "match"
    verb_prefix = "investment.match"
    record_arg = "match"

    transitions = {
        MatchAction.GRANT: Transition(
            sources={M.MATCHING},
            targets={M.GRANTED},
            roles={BANK, OFFICE},
            form=forms.MatchGrantForm,
            primary={M.MATCHING},
            not_now=lambda: _("Credit is recorded for a match still being matched."),
        ),
        MatchAction.DISBURSE: Transition(
            sources={M.GRANTED},
            targets={M.DISBURSED},
            roles={BANK, OFFICE},
            form=forms.MatchDisburseForm,
            primary={M.GRANTED},
            not_now=lambda: _("A loan is recorded once the credit is granted."),
        ),
        MatchAction.DECLINE: Transition(
            sources={M.MATCHING, M.GRANTED},
            targets={M.FAILED},
            roles={BANK, OFFICE},
            form=forms.MatchDeclineForm,
        ),
    }

    def roles_of(self, user, record) -> set[str]:
        """The office of the match's committee; the bank it was matched to (never another)."""
        if user is None or not user.is_authenticated:
            return set()
        roles = set()
        if permissions.is_manager(user, record):
            roles.add(OFFICE)
        if record.bank_id in scope_for(user).departments:
            roles.add(BANK)
        return roles


WORKFLOW = MatchWorkflow()


def _day(ctx, day, field, not_before, before_label):
    day = day or ctx.today
    if day > ctx.today:
        raise ValidationError({field: _("The date cannot be in the future.")})
    if not_before and day < not_before:
        raise ValidationError(
            {
                field: _("The date cannot be before %(what)s (%(date)s).")
                % {"what": before_label, "date": not_before}
            }
        )
    return day


def _told(ctx, text, amount=None):
    ctx.tell(
        recipients.office_users(ctx.record.committee),
        Message(text, match=str(ctx.record), amount=amount),
    )


@WORKFLOW.step(MatchAction.GRANT)
def grant(ctx, *, amount_granted, granted_on=None, comment=""):
    """授信 — no more than the enterprise asked for."""
    match = ctx.record
    if amount_granted is None or amount_granted <= 0:
        raise ValidationError({"amount_granted": _("Give an amount above zero.")})
    asked = match.need.amount
    if amount_granted > asked:
        raise ValidationError(
            {
                "amount_granted": _(
                    "The credit cannot be more than the amount asked (%(asked)s 10k yuan)."
                )
                % {"asked": asked}
            }
        )
    day = _day(ctx, granted_on, "granted_on", match.matched_on, _("the match"))
    ctx.set(amount_granted=amount_granted, granted_on=day)
    ctx.comment = comment or ""
    ctx.payload = {"amount_granted": str(amount_granted), "granted_on": day.isoformat()}
    _told(ctx, gettext_noop("%(match)s: credit of %(amount)s (10k yuan) granted"), amount_granted)


@WORKFLOW.step(MatchAction.DISBURSE)
def disburse(ctx, *, amount_disbursed, disbursed_on=None, comment=""):
    """放款 — no more than the credit granted."""
    match = ctx.record
    if amount_disbursed is None or amount_disbursed <= 0:
        raise ValidationError({"amount_disbursed": _("Give an amount above zero.")})
    if amount_disbursed > match.amount_granted:
        raise ValidationError(
            {
                "amount_disbursed": _(
                    "The loan cannot be more than the credit granted (%(granted)s 10k yuan)."
                )
                % {"granted": match.amount_granted}
            }
        )
    day = _day(ctx, disbursed_on, "disbursed_on", match.granted_on, _("the credit"))
    ctx.set(amount_disbursed=amount_disbursed, disbursed_on=day)
    ctx.comment = comment or ""
    ctx.payload = {"amount_disbursed": str(amount_disbursed), "disbursed_on": day.isoformat()}
    _told(ctx, gettext_noop("%(match)s: loan of %(amount)s (10k yuan) disbursed"), amount_disbursed)


@WORKFLOW.step(MatchAction.DECLINE)
def decline(ctx, *, failure_reason):
    """未成功 — with the reason (the bank's, or the enterprise's)."""
    reason = required(failure_reason, "failure_reason", _("Say why the match did not succeed."))
    ctx.set(failure_reason=reason)
    ctx.comment = reason
    _told(ctx, gettext_noop("%(match)s: did not succeed"))


match_grant = WORKFLOW.service(MatchAction.GRANT)
match_disburse = WORKFLOW.service(MatchAction.DISBURSE)
match_decline = WORKFLOW.service(MatchAction.DECLINE)
