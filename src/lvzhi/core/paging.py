"""Pages of long lists: the record lists' paginator, which counts only so far, and the
pages of a list built in Python (a ranking, a league table), 25 rows a page each."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

PER_PAGE = 25

#: A record list counts its rows up to this many; beyond, it says "more than" and pages
#: through the first COUNT_CAP rows. An exact count of 200,000 problems reads every row the
#: user may see (PostgreSQL has no cheap exact count), the first 10,001 only a few pages.
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """A paginator whose count stops at COUNT_CAP (`capped` tells when it did)."""

    capped = False

    @cached_property
    def count(self):
        queryset = _queryset_of(self.object_list)
        if queryset is None:
            return super().count
        # Only the keys, no ordering or joins: the database stops at the cap.
        n = queryset.order_by().values("pk")[: COUNT_CAP + 1].count()
        self.capped = n > COUNT_CAP
        return min(n, COUNT_CAP)


def _queryset_of(rows):
    """The queryset behind a list, or behind a django-tables2 table's rows."""
    while not isinstance(rows, QuerySet):
        rows = getattr(rows, "data", None)
        if rows is None:
            return None
    return rows


def page_of(request, items, per_page=PER_PAGE) -> dict:
    """Context for `core/includes/pager.html`: `page` (its `object_list` is the rows to
    show) and `page_query`, the request's other parameters for the page links."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    return {"page": page, "page_query": f"{query}&" if query else ""}
