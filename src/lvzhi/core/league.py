"""League tables (办理情况排行) of any workflow that assigns records to handling units with a
deadline: per unit (or committee, or industry) — assigned, answered, on time, overdue,
resolved, average working days, on-time and satisfaction rates. One aggregate query.

A workflow names its columns once (`LeagueFields`); problems and proposals both read their
tables from here.
"""

from dataclasses import dataclass

from django.db.models import Avg, Count, Q


@dataclass(frozen=True)
class LeagueFields:
    """Which columns of a model answer the league table's questions."""

    answered_on: str
    on_time: str
    deadline: str
    open_states: tuple
    resolved_states: tuple
    satisfaction: str
    satisfied: tuple
    rated: tuple
    #: working days to answer (None: the model does not keep them)
    days: str | None = None
    state: str = "state"


def league_table(queryset, *, key: str, label: str, fields: LeagueFields, today) -> list[dict]:
    """Rows {key, name, assigned, answered, on_time, overdue, resolved, avg_days,
    on_time_rate, satisfaction_rate} of `queryset` grouped by `key`, best on-time rate first.

    Overdue: open past the deadline now, or answered late."""
    f = fields
    aggregates = {
        "assigned": Count("id"),
        "answered": Count("id", filter=Q(**{f"{f.answered_on}__isnull": False})),
        "on_time_n": Count("id", filter=Q(**{f.on_time: True})),
        "overdue": Count(
            "id",
            filter=Q(**{f"{f.state}__in": f.open_states, f"{f.deadline}__lt": today})
            | Q(**{f.on_time: False}),
        ),
        "resolved": Count("id", filter=Q(**{f"{f.state}__in": f.resolved_states})),
        "rated": Count("id", filter=Q(**{f"{f.satisfaction}__in": f.rated})),
        "satisfied": Count("id", filter=Q(**{f"{f.satisfaction}__in": f.satisfied})),
    }
    if f.days:
        aggregates["avg_days"] = Avg(f.days)
    rows = queryset.order_by().values(key, label).annotate(**aggregates).order_by(label)
    return league_rows((r[key], r[label], {**r, "on_time": r["on_time_n"]}) for r in rows)


def league_rows(counted) -> list[dict]:
    """The league table's rows from each group's counts — `(key, name, {assigned, answered,
    on_time, overdue, resolved, rated, satisfied[, avg_days]})`, however they were counted
    (a GROUP BY above, or summary tables) — best on-time rate first."""
    out = []
    for key, name, r in counted:
        avg = r.get("avg_days")
        out.append(
            {
                "key": key,
                "name": name or "—",
                "assigned": r["assigned"],
                "answered": r["answered"],
                "on_time": r["on_time"],
                "overdue": r["overdue"],
                "resolved": r["resolved"],
                "avg_days": round(avg, 1) if avg is not None else None,
                "on_time_rate": rate(r["on_time"], r["answered"]),
                "satisfaction_rate": rate(r["satisfied"], r["rated"]),
            }
        )
    out.sort(key=lambda r: (-(r["on_time_rate"] or 0), -r["assigned"], r["name"]))
    return out


def rate(part, whole):
    """part / whole in per cent, one decimal; None when there is nothing to divide."""
    return round(100.0 * part / whole, 1) if whole else None
