"""The duty-performance score (履职积分), computed from the records and explained line by line.

One pass for any number of members: the rule sets that apply are compiled into dictionaries
once, the year's participations are read in one query (values only, no model instances),
and each member's lines are matched, multiplied, capped and summed in Python.

Other apps feed their events (proposals filed, problems resolved …) through
`lvzhi.core.points.register_source(event, fn, models)`; fn(member_ids, year) yields
`ExternalEvent`s, read from `models`' rows. This app never imports them.
"""

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lvzhi.activities.choices import Attendance, ScoreEvent, ScoreUnit
from lvzhi.activities.models import Activity, GradeBand, Participation, Rule, RuleSet, ScoreCap
from lvzhi.core.models import Committee, Member
from lvzhi.core.points import WHOLE, events_for, weighted
from lvzhi.core.visibility import committee_tree

ZERO = Decimal("0")
NOT_YET = gettext_noop("Invited: attendance not yet recorded, no points yet")

#: The models a score is computed from here: a write to any of them retires the cached
#: scores (core.derived, topic SCORES; see ranking.py). Score sources add theirs.
SCORE_INPUTS = (Participation, Activity, Member, Committee, RuleSet, Rule, ScoreCap, GradeBand)


@dataclass
class Line:
    date: datetime.date
    source: str
    url: str
    rule: str
    units: int
    base: Decimal
    points: Decimal
    note: str = ""
    #: the member's part of a shared event (core.points.ExternalEvent.weight)
    weight: Decimal = WHOLE

    @property
    def units_shown(self):
        """The units as the duty record and its exports show them: "1 × 60%" for a part."""
        if self.weight == WHOLE:
            return self.units
        return f"{self.units} × {(self.weight * 100).normalize():f}%"


@dataclass
class Score:
    member_id: int
    ruleset: RuleSet | None
    total: Decimal = ZERO
    grade: str = ""
    lines: list[Line] = field(default_factory=list)


class CompiledRuleSet:
    """A rule set as lookup tables: the most specific rule wins (kind and role beat "any")."""

    def __init__(self, ruleset, rules, caps, bands):
        self.ruleset = ruleset
        self.caps = {c.pk: c for c in caps}
        self.bands = sorted(bands, key=lambda b: b.min_score, reverse=True)
        self.activity: dict[tuple, Rule] = {}
        self.attendance: dict[tuple, Rule] = {}
        self.other: dict[str, Rule] = {}
        for rule in sorted(rules, key=lambda r: r.pk, reverse=True):  # first defined wins
            if rule.event == ScoreEvent.ACTIVITY:
                self.activity[(rule.activity_kind_id, rule.role)] = rule
            elif rule.event == ScoreEvent.ATTENDANCE:
                self.attendance[(rule.activity_kind_id, rule.attendance)] = rule
            else:
                self.other[rule.event] = rule

    def match(self, kind_id, role, attendance):
        if attendance == Attendance.ATTENDED:
            table = self.activity
            for key in ((kind_id, role), (kind_id, ""), (None, role), (None, "")):
                if key in table:
                    return table[key]
            return None
        if attendance == Attendance.INVITED:
            return None  # attendance not yet taken: neither points nor deduction
        table = self.attendance
        return table.get((kind_id, attendance)) or table.get((None, attendance))

    def grade(self, total):
        for band in self.bands:
            if total >= band.min_score and (band.max_score is None or total <= band.max_score):
                return band.name
        return ""


def rulesets_for(committee_ids, year) -> dict[int, CompiledRuleSet | None]:
    """The compiled rule set that applies to each committee for `year`.

    A committee's own rule set of the latest year ≤ `year`; without one, its parent's.
    """
    parents, _children = committee_tree()
    sets = list(RuleSet.objects.filter(year__lte=year).order_by("committee_id", "-year"))
    latest: dict[int, RuleSet] = {}
    for rs in sets:
        latest.setdefault(rs.committee_id, rs)
    ids = [rs.pk for rs in latest.values()]
    rules, caps, bands = defaultdict(list), defaultdict(list), defaultdict(list)
    for r in Rule.objects.filter(ruleset_id__in=ids):
        rules[r.ruleset_id].append(r)
    for c in ScoreCap.objects.filter(ruleset_id__in=ids):
        caps[c.ruleset_id].append(c)
    for b in GradeBand.objects.filter(ruleset_id__in=ids):
        bands[b.ruleset_id].append(b)
    compiled = {
        rs.committee_id: CompiledRuleSet(rs, rules[rs.pk], caps[rs.pk], bands[rs.pk])
        for rs in latest.values()
    }
    out = {}
    for cid in set(committee_ids):
        node = cid
        while node is not None and node not in compiled:
            node = parents.get(node)
        out[cid] = compiled.get(node)
    return out


def _year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)


def compute_scores(members, year: int, explain: bool = True) -> dict[int, Score]:
    """Scores of `members` ([(member id, committee id)] or Member objects) for `year`."""
    pairs = [(m.pk, m.committee_id) if hasattr(m, "pk") else tuple(m) for m in members]
    if not pairs:
        return {}
    committee_of = dict(pairs)
    compiled = rulesets_for(committee_of.values(), year)
    scores = {mid: Score(mid, getattr(compiled[cid], "ruleset", None)) for mid, cid in pairs}
    start, end = _year_bounds(year)
    events = defaultdict(list)  # member id -> [(date, order, rule, units, source, url, weight)]
    rows = Participation.objects.filter(
        activity__start_date__gte=start, activity__start_date__lt=end
    )
    if len(pairs) <= 500:
        rows = rows.filter(member_id__in=list(committee_of))
    # Otherwise read the whole year and drop other members here: a join on the member to
    # filter by committee makes SQLite's planner walk every participation of every year.
    fields = [
        "member_id",
        "activity_id",
        "activity__kind_id",
        "role",
        "attendance",
        "activity__half_days",
        "activity__start_date",
    ]
    rows = rows.values_list(*fields, *(["activity__title"] if explain else [])).order_by()
    for row in rows:
        member_id, activity_id, kind_id, role, attendance, half_days, date = row[:7]
        cid = committee_of.get(member_id)
        rs = compiled.get(cid) if cid is not None else None
        if rs is None:
            continue
        rule = rs.match(kind_id, role, attendance)
        if rule is None:
            if explain and attendance == Attendance.INVITED:
                # shown, so a member sees why a listed activity earned nothing yet
                events[member_id].append((date, activity_id, None, 0, row[7], activity_id, WHOLE))
            continue
        units = half_days if rule.unit == ScoreUnit.HALF_DAY else 1
        title = row[7] if explain else ""
        events[member_id].append((date, activity_id, rule, units, title, activity_id, WHOLE))
    for event, ext in events_for(list(committee_of), year):
        rs = compiled.get(committee_of.get(ext.member_id))
        rule = rs.other.get(event) if rs else None
        if rule is not None:
            events[ext.member_id].append(
                (ext.date, 0, rule, ext.units, ext.label, ext.url, ext.weight)
            )
    for member_id, items in events.items():
        score = scores[member_id]
        rs = compiled[committee_of[member_id]]
        _apply(score, rs, sorted(items, key=lambda e: (e[0], e[1])), explain)
    for mid, score in scores.items():
        rs = compiled[committee_of[mid]]
        score.grade = rs.grade(score.total) if rs else ""
    return scores


def _apply(score, rs, items, explain):
    """Sum the lines in date order; caps cut the lines that come after the ceiling."""
    per_rule: dict[int, Decimal] = defaultdict(lambda: ZERO)
    per_cap: dict[int, Decimal] = defaultdict(lambda: ZERO)
    total = ZERO
    url_pattern = _activity_url_pattern() if explain else ""
    for date, _order, rule, units, source, ref, weight in items:
        if rule is None:  # on the roll as invited: attendance not recorded yet
            score.lines.append(
                Line(date, source, url_pattern.format(ref), _(NOT_YET), 0, ZERO, ZERO)
            )
            continue
        base = weighted(rule.points * units if units != 1 else rule.points, weight)
        points, capped_by = base, None
        if base > 0:
            if rule.cap_per_year is not None:
                room = max(ZERO, rule.cap_per_year - per_rule[rule.pk])
                if points > room:
                    points, capped_by = room, rule
            cap = rs.caps.get(rule.cap_id) if rule.cap_id else None
            if cap is not None:
                room = max(ZERO, cap.limit - per_cap[cap.pk])
                if points > room:
                    points, capped_by = room, cap
                per_cap[cap.pk] += points
            per_rule[rule.pk] += points
        total += points
        if explain:
            url = ref if isinstance(ref, str) else url_pattern.format(ref)
            note = _cap_note(capped_by)
            score.lines.append(
                Line(date, source, url, rule.label, units, base, points, note, weight)
            )
    score.total = total


def _cap_note(capped_by):
    if capped_by is None:
        return ""
    if isinstance(capped_by, Rule):
        return _("yearly cap of %(rule)s: %(cap)s") % {
            "rule": capped_by.label,
            "cap": capped_by.cap_per_year,
        }
    return _("shared cap %(cap)s: %(limit)s") % {"cap": capped_by.name, "limit": capped_by.limit}


@functools.cache
def _activity_url_pattern():
    marker = 987654321
    return reverse("activities:activity", args=[marker]).replace(str(marker), "{}")
