"""履职积分 from investment: a project landed (开工) credits its 牵线 members
(the `project_landed` scoring event; core.points)."""

import datetime
from decimal import Decimal

from lvzhi.core.points import ExternalEvent

from .choices import LANDED_STAGES
from .models import ProjectCredit


def landed_projects(member_ids, year):
    """One event per credited member of each project whose construction started in `year`,
    weighted by the member's share: members credited 60/40 get 60 % and 40 % of the rule's
    points (the share is in the label too, so the office sees who brought how much)."""
    rows = (
        ProjectCredit.objects.filter(
            member_id__in=member_ids,
            share__gt=0,
            project__state__in=LANDED_STAGES,
            project__started_on__gte=datetime.date(year, 1, 1),
            project__started_on__lt=datetime.date(year + 1, 1, 1),
        )
        .values_list("member_id", "project_id", "project__name", "project__started_on", "share")
        .order_by("project__started_on", "project_id")
    )
    for member_id, project_id, name, started_on, share in rows:
        yield ExternalEvent(
            member_id=member_id,
            date=started_on,
            label=f"{name}（{share.normalize():f}%）",
            url=f"/investment/{project_id}/",
            weight=share / Decimal(100),
        )
