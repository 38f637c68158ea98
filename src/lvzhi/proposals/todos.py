"""What waits for each role among the proposals, for the home page (core.home).

Member: co-signing invitations, replies to rate, drafts returned for revision. Handling
unit: proposals assigned to it and not yet replied (overdue first, by deadline). Office:
proposals to review, to assign, replies to release, overdue at the units. Leader: the key
proposals they lead (领办).
"""

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lvzhi.core.home import ACTION, URGENT, Todo, list_url
from lvzhi.core.models import Person
from lvzhi.core.visibility import scope_for

from .choices.proposal import SignatureState, State
from .models import Proposal, ProposalAssignment, ProposalSignature

#: handled by the units and not yet replied
IN_HAND = [State.ASSIGNED]


def _url(**params):
    return list_url("proposals:proposal_list", **params)


def proposal_todos(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return []
    today = timezone.localdate()
    overdue = Q(state__in=IN_HAND, deadline__lt=today)
    visible = Proposal.objects.visible_to(user).order_by()
    out = []
    if scope.managed:
        c = visible.filter(committee_id__in=scope.managed).aggregate(
            to_review=Count("pk", filter=Q(state=State.SUBMITTED)),
            to_assign=Count("pk", filter=Q(state=State.ACCEPTED)),
            to_release=Count("pk", filter=Q(state=State.REPLIED)),
            overdue=Count("pk", filter=overdue),
            first_overdue=Min("deadline", filter=overdue),
        )
        out += [
            Todo(
                _("Proposals overdue at their handling units"),
                c["overdue"],
                _url(state=IN_HAND),
                URGENT,
                "alarm",
                c["first_overdue"],
            ),
            Todo(_("Proposals to review"), c["to_review"], _url(state=State.SUBMITTED), ACTION),
            Todo(
                _("Proposals to assign to handling units"),
                c["to_assign"],
                _url(state=State.ACCEPTED),
                ACTION,
                "send",
            ),
            Todo(
                _("Replies to check and send to the proposers"),
                c["to_release"],
                _url(state=State.REPLIED),
                ACTION,
                "envelope-check",
            ),
        ]
    elif scope.readable:
        led = visible.filter(key_leader=user).exclude(state=State.CLOSED).count()
        out.append(
            Todo(
                _("Key proposals you lead (领办)"),
                led,
                _url(mine="true", is_key="true"),
                ACTION,
                "flag",
            )
        )
    if scope.departments:
        mine = visible.filter(
            state__in=IN_HAND,
            pk__in=ProposalAssignment.objects.filter(department__in=scope.departments).values(
                "proposal"
            ),
        )
        c = mine.aggregate(
            overdue=Count("pk", filter=Q(deadline__lt=today)),
            to_reply=Count("pk", filter=~Q(deadline__lt=today) | Q(deadline__isnull=True)),
            next_deadline=Min("deadline", filter=Q(deadline__gte=today)),
        )
        out += [
            Todo(
                _("Proposals assigned to us and overdue"),
                c["overdue"],
                _url(state=IN_HAND),
                URGENT,
                "alarm",
            ),
            Todo(
                _("Proposals assigned to us, to reply"),
                c["to_reply"],
                _url(state=IN_HAND),
                ACTION,
                "reply",
                c["next_deadline"],
            ),
        ]
    person = Person.objects.filter(user=user).first() if scope.member_of else None
    if person is not None:
        invited = ProposalSignature.objects.filter(
            person=person, state=SignatureState.INVITED, sign_by__gte=today
        ).aggregate(n=Count("pk"), due=Min("sign_by"))
        own = visible.filter(lead=person).aggregate(
            to_rate=Count("pk", filter=Q(state=State.RELEASED)),
            rate_by=Min("rate_by", filter=Q(state=State.RELEASED)),
            to_revise=Count("pk", filter=Q(state=State.RETURNED)),
        )
        out += [
            Todo(
                _("Proposals you are invited to co-sign"),
                invited["n"],
                reverse("proposals:proposal_list"),
                ACTION,
                "pen",
                invited["due"],
            ),
            Todo(
                _("Replies to your proposals to rate"),
                own["to_rate"],
                _url(state=State.RELEASED),
                ACTION,
                "star",
                own["rate_by"],
            ),
            Todo(
                _("Proposals returned to you for revision"),
                own["to_revise"],
                _url(state=State.RETURNED),
                ACTION,
                "pencil-square",
            ),
        ]
    return out
