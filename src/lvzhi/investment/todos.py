"""What waits for each role among the investment records, for the home page (core.home).

Office: projects without progress for too long (停滞) and progress reports overdue.
Responsible department: its projects whose progress report is due. Bank: the matches it
has not yet recorded an outcome for.
"""

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lvzhi.core.home import ACTION, URGENT, Todo, list_url
from lvzhi.core.visibility import scope_for

from .choices import OPEN_STAGES, MatchStatus
from .filters import stalled_before
from .models import FinancingMatch, InvestmentProject


def investment_todos(user):
    scope = scope_for(user)
    if not scope.is_authenticated or not (scope.managed or scope.departments):
        return []
    today = timezone.localdate()
    projects = InvestmentProject.objects.visible_to(user).filter(state__in=OPEN_STAGES).order_by()
    due = Q(progress_due__lt=today)
    out = []
    if scope.managed:
        c = projects.filter(committee_id__in=scope.managed).aggregate(
            stalled=Count("pk", filter=Q(last_progress_on__lt=stalled_before(today))),
            due=Count("pk", filter=due),
            first_due=Min("progress_due", filter=due),
        )
        out += [
            Todo(
                _("Investment projects stalled"),
                c["stalled"],
                list_url("investment:project_list", stalled="true"),
                URGENT,
                "hourglass-split",
            ),
            Todo(
                _("Investment projects whose progress report is overdue"),
                c["due"],
                list_url("investment:project_list", state=list(OPEN_STAGES)),
                ACTION,
                "clipboard-pulse",
                c["first_due"],
            ),
        ]
    if scope.departments:
        ours = projects.filter(department__in=scope.departments).aggregate(
            due=Count("pk", filter=due), first_due=Min("progress_due", filter=due)
        )
        matches = (
            FinancingMatch.objects.visible_to(user)
            .filter(bank__in=scope.departments, status=MatchStatus.MATCHING)
            .order_by()
            .count()
        )
        out += [
            Todo(
                _("Our investment projects: progress report due"),
                ours["due"],
                list_url("investment:project_list", state=list(OPEN_STAGES)),
                URGENT,
                "clipboard-pulse",
                ours["first_due"],
            ),
            Todo(
                _("Financing needs matched to us, outcome to record"),
                matches,
                list_url("investment:match_list", status=MatchStatus.MATCHING),
                ACTION,
                "bank",
            ),
        ]
    return out
