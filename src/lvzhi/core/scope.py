"""The committee scope selector: 本级 (own committee) / one county / 全系统 (whole system).

The choice is kept in the session and applied by every list page and export as the
`scope` filter; the API takes the same `scope` query parameter.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from lvzhi.core.visibility import committee_tree, descendants, scope_for

SESSION_KEY = "committee_scope"
ALL = "all"
OWN = "own"


def scope_choices(request):
    """[(value, label)] for the selector; empty when the user reaches only one committee."""
    from lvzhi.core.models import Committee

    scope = scope_for(request.user)
    readable = Committee.objects.filter(pk__in=scope.readable).order_by("sort_order", "id")
    if len(readable) < 2:
        return []
    choices = [(ALL, _("Whole system")), (OWN, _("Own committee"))]
    choices += [(str(c.pk), c.label) for c in readable if c.pk != scope.home_committee_id]
    return choices


def selected_scope(request) -> str:
    return request.session.get(SESSION_KEY, ALL)


def committee_ids_for(user, value: str | None) -> set[int] | None:
    """The committees a scope value stands for; None = no restriction beyond visibility."""
    if not value or value == ALL:
        return None
    scope = scope_for(user)
    if value == OWN:
        return {scope.home_committee_id} if scope.home_committee_id else set()
    try:
        committee_id = int(value)
    except (TypeError, ValueError):
        return None
    _parents, children = committee_tree()
    return descendants([committee_id], children)


def requested_year(request) -> int:
    """The year a report page asks for (?year=), this year by default, kept within reason."""
    from django.utils import timezone

    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


def year_with_records(request, records, date_field: str) -> tuple[int, bool]:
    """The year a page of figures opens on: the one asked for (?year=); else this year, or,
    when `records` (what the page counts) has none this year yet, the latest year before it
    that has some. Returns (year, fell_back); a page that fell back says so
    (`core/includes/year_fallback.html`)."""
    import datetime

    from django.db.models import Max
    from django.utils import timezone

    if request.GET.get("year"):
        return requested_year(request), False
    this = timezone.localdate().year
    if records.filter(**{f"{date_field}__year": this}).exists():
        return this, False
    latest = (
        records.filter(**{f"{date_field}__lt": datetime.date(this, 1, 1)})
        .order_by()
        .aggregate(latest=Max(date_field))["latest"]
    )
    return (latest.year, True) if latest else (this, False)


def recent_years(n: int = 6) -> range:
    """The years a report page offers, this year first."""
    from django.utils import timezone

    this = timezone.localdate().year
    return range(this, this - n, -1)


@dataclass(frozen=True)
class FiguresAsked:
    """What a figures page of the offices and leaders is asked for: the year (and whether it
    fell back to the latest year with records) and the committees of the chosen scope."""

    year: int
    committee_ids: set[int] | None
    fell_back: bool = False

    def context(self) -> dict:
        """The year selector's and the fallback notice's template context."""
        from django.utils import timezone

        return {
            "year": self.year,
            "years": recent_years(),
            "fell_back": self.fell_back,
            "this_year": timezone.localdate().year,
        }


def figures_asked(request, refusal, records=None, date_field: str = "") -> FiguresAsked:
    """The year and scope of a figures page (league tables, funnels, proposal figures); a
    reader who reads no committee whole is refused with `refusal`. Without ?year= the page
    opens on the latest year `records` (what it counts, by `date_field`) has."""
    from django.core.exceptions import PermissionDenied

    if not scope_for(request.user).readable:
        raise PermissionDenied(refusal)
    if records is not None:
        year, fell_back = year_with_records(request, records, date_field)
    else:
        year, fell_back = requested_year(request), False
    scope = request.GET.get("scope") or selected_scope(request)
    return FiguresAsked(year, committee_ids_for(request.user, scope), fell_back)
