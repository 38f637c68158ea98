"""What waits for each role among the problems, for the home page (core.home)."""

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lvzhi.core.home import ACTION, URGENT, Todo, list_url
from lvzhi.core.visibility import scope_for

from .choices import OPEN_STATES, State
from .models import Problem


def _url(**params):
    return list_url("problems:problem_list", **params)


OPEN = [str(s) for s in OPEN_STATES]


def problem_todos(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return []
    today = timezone.localdate()
    overdue = Q(state__in=OPEN_STATES, deadline__lt=today)
    out = []
    visible = Problem.objects.visible_to(user).order_by()
    if scope.managed:
        c = visible.filter(committee_id__in=scope.managed).aggregate(
            to_assign=Count("pk", filter=Q(state__in=[State.REGISTERED, State.RETURNED])),
            overdue=Count("pk", filter=overdue),
            to_close=Count("pk", filter=Q(state=State.CONFIRMED)),
            first_overdue=Min("deadline", filter=overdue),
        )
        out += [
            Todo(
                _("Problems overdue at their handling units"),
                c["overdue"],
                _url(due="overdue", state=OPEN),
                URGENT,
                "alarm",
                c["first_overdue"],
            ),
            Todo(
                _("Problems to assign to a handling unit"),
                c["to_assign"],
                _url(state=[State.REGISTERED.value, State.RETURNED.value]),
                ACTION,
                "send",
            ),
            Todo(
                _("Problems confirmed by the enterprise, to close"),
                c["to_close"],
                _url(state=State.CONFIRMED.value),
                ACTION,
                "check2-circle",
            ),
        ]
    elif scope.readable:
        escalated = visible.filter(state__in=OPEN_STATES, escalated_on__isnull=False).count()
        out.append(
            Todo(
                _("Problems escalated to the leaders (督办)"),
                escalated,
                reverse("problems:escalated"),
                URGENT,
                "flag",
            )
        )
    if scope.departments:
        mine = visible.filter(assignments__department__in=scope.departments).distinct()
        c = mine.aggregate(
            to_start=Count("pk", filter=Q(state=State.ASSIGNED)),
            to_answer=Count("pk", filter=Q(state=State.IN_PROGRESS)),
            overdue=Count("pk", filter=overdue),
            next_deadline=Min("deadline", filter=Q(state__in=OPEN_STATES)),
        )
        out += [
            Todo(
                _("Assigned to us and overdue"),
                c["overdue"],
                _url(due="overdue", state=OPEN),
                URGENT,
                "alarm",
            ),
            Todo(
                _("Assigned to us, to accept"),
                c["to_start"],
                _url(state=State.ASSIGNED.value),
                ACTION,
                "inbox",
                c["next_deadline"],
            ),
            Todo(
                _("In hand, to answer"),
                c["to_answer"],
                _url(state=State.IN_PROGRESS.value),
                ACTION,
                "reply",
            ),
        ]
    if scope.member_of:
        answered = (
            visible.filter(state=State.ANSWERED)
            .filter(Q(raised_by__user=user) | Q(enterprise__member__user=user))
            .count()
        )
        out.append(
            Todo(
                _("Answers to your enterprise's problems to confirm"),
                answered,
                _url(state=State.ANSWERED.value),
                ACTION,
                "patch-question",
            )
        )
    return out
