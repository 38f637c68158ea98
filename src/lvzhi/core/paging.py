"""Pages of a long list that is built in Python (a ranking, a league table): the same 25
rows a page as the record lists, and the links between pages."""

from django.core.paginator import Paginator

PER_PAGE = 25


def page_of(request, items, per_page=PER_PAGE) -> dict:
    """Context for `core/includes/pager.html`: `page` (its `object_list` is the rows to
    show) and `page_query`, the request's other parameters for the page links."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    return {"page": page, "page_query": f"{query}&" if query else ""}
