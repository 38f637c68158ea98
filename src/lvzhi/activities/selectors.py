"""Reads that span models: an activity's outputs, a member's duty record, the calendar."""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from lvzhi.activities.choices import (
    Attendance,
    KindCategory,
    ParticipationRole,
    ReportItemKind,
)
from lvzhi.activities.models import Activity, MemberCase, Participation, ReportItem
from lvzhi.activities.scoring import Score, _activity_url_pattern, compute_scores
from lvzhi.core import cases, duty
from lvzhi.core.filters import name_ordering
from lvzhi.core.models import Member
from lvzhi.core.records import record_type


def activity_roll(activity, order="", by_role=False):
    """The activity's participants by name: 姓氏笔画 unless `order` is "pinyin" (the
    leaders first with `by_role`)."""
    return activity.participations.select_related(
        "member__person", "member__committee", "member__sector"
    ).order_by(*(["role"] if by_role else []), *name_ordering(Participation, order))


def activity_outputs(activity):
    """{kind label: [items]} in the order 问题清单, 操作指南, 建议, with counts."""
    grouped = defaultdict(list)
    for item in activity.items.all():
        grouped[item.kind].append(item)
    return [
        (label, grouped[value]) for value, label in ReportItemKind.choices if grouped.get(value)
    ]


def visited_enterprise_ids(user):
    """The enterprises `user` visited: listed on a service-team visit (产业服务团走访企业)
    the user attended as a member."""
    visits = Activity.objects.filter(
        kind__category=KindCategory.ENTERPRISE_VISIT,
        participations__member__person__user=user,
        participations__attendance=Attendance.ATTENDED,
    )
    return visits.values("enterprises").exclude(enterprises=None)


def attendance_counts(activity):
    """[(attendance label, participants in that state)], in the states' order."""
    stored = dict(
        activity.participations.values_list("attendance").annotate(n=Count("id")).order_by()
    )
    return [(label, stored.get(value, 0)) for value, label in Attendance.choices]


#: how many of the latest arrivals the attendance page lists
ARRIVALS_SHOWN = 12


def activity_arrivals(activity, since=None):
    """Who checked in by scanning: counts, the latest, and those after `since` (oldest
    first) for a page that polls."""
    rows = activity.participations.select_related("member__person", "member__committee")
    arrived = rows.filter(checked_in_at__isnull=False)
    fresh = []
    if since is not None:
        fresh = list(arrived.filter(checked_in_at__gt=since).order_by("checked_in_at"))
    return {
        "since": timezone.now().isoformat(),
        "arrived_count": arrived.count(),
        "roll_count": rows.count(),
        "latest": list(arrived.order_by("-checked_in_at")[:ARRIVALS_SHOWN]),
        "fresh": fresh,
        "counts": attendance_counts(activity) if fresh else [],
    }


@dataclass
class DutyRecord:
    member: object
    year: int
    participations: list
    outputs: dict  # activity id -> {kind: count}
    cases: list
    score: Score
    totals: dict = field(default_factory=dict)
    #: what other apps declare into the record (core.duty): [(section, entries)]
    sections: list = field(default_factory=list)


def duty_record(member, year: int, user) -> DutyRecord:
    """Everything `member` did in `year`: activities with role and attendance, outputs of those
    activities, cases, and the explained score. The record is the member's own, so every
    activity they took part in shows — to a `user` who may see the member; to anyone else
    (no user, an anonymous one, another committee's office) it is empty."""
    if not Member.objects.visible_to(user).filter(pk=member.pk).exists():
        return DutyRecord(member, year, [], {}, [], Score(member.pk, None), {})
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    participations = list(
        Participation.objects.filter(
            member=member, activity__start_date__gte=start, activity__start_date__lt=end
        )
        .select_related("activity__kind", "activity__committee")
        .order_by("activity__start_date", "activity_id")
    )
    activity_ids = [p.activity_id for p in participations]
    outputs = defaultdict(dict)
    for row in (
        ReportItem.objects.filter(activity_id__in=activity_ids)
        .values("activity_id", "kind")
        .annotate(n=Count("id"))
        .order_by()
    ):
        outputs[row["activity_id"]][row["kind"]] = row["n"]
    labels = dict(ReportItemKind.choices)
    roles, states = dict(ParticipationRole.choices), dict(Attendance.choices)
    url = _activity_url_pattern()
    for p in participations:
        # Labels and links resolved once per page, not once per row in the template.
        p.row = (
            p.activity.start_date.isoformat(),
            url.format(p.activity_id),
            p.activity.title,
            p.activity.kind.name,
            p.activity.committee.label,
            str(roles.get(p.role, p.role)),
            str(states.get(p.attendance, p.attendance)),
        )
        p.outputs = outputs.get(p.activity_id, {})
        # Pre-formatted: a template loop per row and kind is the page's slowest part.
        p.outputs_text = " ".join(f"{labels[k]} {n}" for k, n in sorted(p.outputs.items()))
    cases = list(MemberCase.objects.visible_to(user).filter(member=member, year=year))
    score = compute_scores([member], year)[member.pk]
    totals = defaultdict(int)
    for p in participations:
        totals[p.attendance] += 1
    return DutyRecord(
        member,
        year,
        participations,
        dict(outputs),
        cases,
        score,
        dict(totals),
        duty.entries_for(member, year),
    )


def calendar_weeks(queryset, year: int, month: int):
    """[[(date, [activities]) × 7]] for the month, Monday first; days of other months None."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    by_day = defaultdict(list)
    rows = (
        queryset.filter(start_date__lte=last)
        .exclude(end_date__lt=first)
        .filter(start_date__gte=first - datetime.timedelta(days=62))
        .select_related("kind", "committee")
        .order_by("start_date", "id")
    )
    for a in rows:
        day, stop = max(a.start_date, first), min(a.end_date or a.start_date, last)
        while day <= stop:
            by_day[day].append(a)
            day += datetime.timedelta(days=1)
    weeks = []
    for week in calendar.Calendar().monthdatescalendar(year, month):
        weeks.append([(d, by_day.get(d, [])) if d.month == month else (None, []) for d in week])
    return weeks


def activity_years(queryset):
    years = {d.year for d in queryset.dates("start_date", "year")}
    return sorted(years | {datetime.date.today().year}, reverse=True)


__all__ = ["Activity", "activity_outputs", "activity_years", "calendar_weeks", "duty_record"]


def case_subjects(case, user) -> dict:
    """The records `case` is about that `user` may see, as (link, record, its type's name,
    its figures) (core.cases), the figures' sum, and how many more the user may not see:
    one query per record type."""
    links = list(case.subjects.select_related("subject_type"))
    by_type = {}
    for link in links:
        by_type.setdefault(link.subject_type, []).append(link.subject_id)
    seen = {}
    for content_type, ids in by_type.items():
        config = record_type(content_type.model_class())
        if config is None:
            continue
        for record in config.queryset(user).filter(pk__in=ids):
            seen[(content_type.pk, record.pk)] = record
    rows = [
        (link, record, record._meta.verbose_name, cases.impact(record))
        for link in links
        if (record := seen.get((link.subject_type_id, link.subject_id))) is not None
    ]
    return {
        "rows": rows,
        "total": cases.total(figures for *_link, figures in rows),
        "hidden": len(links) - len(rows),
    }
