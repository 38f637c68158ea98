"""Scale data of the activities app (`lvzhi demo --scale N`, core.demo.scale): each
committee's activities over five years, each with members of that committee taking part."""

import datetime

from lvzhi.activities import models as m
from lvzhi.activities.choices import Attendance, ParticipationRole

#: Rows per committee at fraction 1.
ROWS = {"activities": 4_300, "participations": 43_000}

ROLES = [ParticipationRole.PARTICIPANT] * 6 + [ParticipationRole.LEAD, ParticipationRole.SPEAKER]
ATTENDANCE = (
    [Attendance.ATTENDED] * 17 + [Attendance.EXCUSED, Attendance.ABSENT] + [Attendance.INVITED]
)


def build(ctx):
    kinds = list(m.ActivityKind.objects.filter(is_active=True))
    rng, years = ctx.rng, ctx.years
    per = ctx.quota("activities")

    def activities():
        for c in ctx.committees:
            for i in range(per):
                year = years[i % len(years)]
                day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
                kind = kinds[i % len(kinds)]
                yield m.Activity(
                    committee=c,
                    kind=kind,
                    title=f"{c.short_name}{kind.name}{year}-{i:05d}",
                    start_date=min(day, ctx.today),
                    half_days=rng.randint(1, 4),
                )

    made = ctx.create(activities())
    each = max(1, ctx.quota("participations") // per)

    def participations():
        for a in made:
            pool = ctx.members[a.committee_id]
            for member in rng.sample(pool, min(each, len(pool))):
                yield m.Participation(
                    activity=a,
                    committee=a.committee,
                    member_id=member,
                    role=rng.choice(ROLES),
                    attendance=rng.choice(ATTENDANCE),
                )

    ctx.create(participations(), keep=False)
