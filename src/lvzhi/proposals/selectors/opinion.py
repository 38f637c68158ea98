"""Reads of 社情民意: the ladder a member sees on a report, points events, duty-record rows."""

import datetime

from django.utils.translation import gettext as _

from lvzhi.core.duty import DutyEntry
from lvzhi.core.points import ExternalEvent

from ..models import (
    Opinion,
    OpinionAction,
    OpinionState,
    OpinionUptake,
    UptakeKind,
    UptakeLevel,
)


def ladder(opinion) -> list[dict]:
    """The report's way up as rungs: submitted, accepted (or not), in the bulletin, then per
    level sent and adopted, then the leaders' instructions. `done` False: not reached yet."""
    steps = {t.action: t for t in opinion.transitions.all()}
    uptakes = list(opinion.uptakes.all())
    rungs = [_rung(_("Submitted"), opinion.submitted_on, "", True)]
    if opinion.state == OpinionState.REJECTED:
        step = steps.get(OpinionAction.REJECT)
        rungs.append(_rung(_("Not accepted"), _day(step), step.comment if step else "", True))
        return rungs
    accepted = steps.get(OpinionAction.ACCEPT)
    rungs.append(_rung(_("Accepted"), _day(accepted), "", accepted is not None))
    bulletin = opinion.bulletin
    rungs.append(
        _rung(
            _("In the bulletin"),
            bulletin.issued_on if bulletin else None,
            str(bulletin) if bulletin else "",
            bulletin is not None,
        )
    )
    for level, label in UptakeLevel.choices:
        sent = _find(uptakes, UptakeKind.FORWARDED, level)
        adopted = _find(uptakes, UptakeKind.ADOPTED, level)
        if sent is None and adopted is None and level != UptakeLevel.CITY:
            continue  # a level never aimed at is not a missing step
        rungs.append(
            _rung(_("Sent to %(level)s") % {"level": label}, _date(sent), "", sent is not None)
        )
        rungs.append(
            _rung(
                _("Adopted by %(level)s") % {"level": label},
                _date(adopted),
                adopted.get_mode_display() if adopted else "",
                adopted is not None,
            )
        )
    for u in uptakes:
        if u.kind == UptakeKind.INSTRUCTED:
            who = f"{u.instructed_by}（{u.get_instruction_level_display()}）"
            rungs.append(_rung(_("Instruction by %(who)s") % {"who": who}, u.date, u.text, True))
    return rungs


def _rung(label, date, detail, done):
    return {"label": label, "date": date, "detail": detail, "done": done}


def _find(uptakes, kind, level):
    return next((u for u in uptakes if u.kind == kind and u.level == level), None)


def _date(uptake):
    return uptake.date if uptake else None


def _day(step):
    return step.at.date() if step else None


# -- points and the duty record -----------------------------------------------------------


def _year(year):
    return datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)


def adoption_events(member_ids, year):
    """社情民意被采用: one event per adoption and level, for each author (core.points)."""
    start, end = _year(year)
    rows = (
        OpinionUptake.objects.filter(
            kind=UptakeKind.ADOPTED,
            date__gte=start,
            date__lt=end,
            opinion__authors__in=member_ids,
        )
        .values_list("opinion__authors", "date", "level", "opinion_id", "opinion__title")
        .order_by("date", "id")
    )
    levels = dict(UptakeLevel.choices)
    pattern = _url_pattern()
    for member_id, date, level, opinion_id, title in rows:
        yield ExternalEvent(
            member_id=member_id,
            date=date,
            label=f"{title}（{levels.get(level, level)}）",
            url=pattern.format(opinion_id),
        )


def duty_entries(member, year):
    """The member's reports of `year` with how far each went (core.duty section)."""
    start, end = _year(year)
    opinions = list(
        Opinion.objects.filter(authors=member, submitted_on__gte=start, submitted_on__lt=end)
        .prefetch_related("uptakes")
        .order_by("submitted_on", "id")
    )
    kinds = dict(UptakeKind.choices)
    levels = dict(UptakeLevel.choices)
    out = []
    for o in opinions:
        upward = [
            f"{levels.get(u.level, '')}{kinds[u.kind]}" if u.level else str(kinds[u.kind])
            for u in o.uptakes.all()
            if u.kind != UptakeKind.FORWARDED
        ]
        status = "；".join([str(o.get_state_display()), *upward])
        out.append(DutyEntry(o.submitted_on, o.title, o.get_absolute_url(), _("Report"), status))
    return out


def _url_pattern():
    from django.urls import reverse

    marker = 987654321
    return reverse("proposals:opinion", args=[marker]).replace(str(marker), "{}")
