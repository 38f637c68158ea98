"""Options of a large picker by search: the records the user may see whose searchable
fields hold every typed word, a few at a time (see core.pickers and lvzhi.js)."""

import re

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from lvzhi.core import permissions
from lvzhi.core.pickers import AUTOCOMPLETE_LIMIT
from lvzhi.core.records import record_type
from lvzhi.core.visibility import is_committee_owned


def pinyin_initials_q(model, words):
    """Letters typed into a picker of people also find names by their pinyin's initials
    ("lsg" finds 黎胜国): the model names the stored pinyin (`pinyin_lookup`)."""
    letters = words.lower()
    lookup = getattr(model, "pinyin_lookup", None)
    if lookup is None or not re.fullmatch(r"[a-z]{1,12}", letters):
        return None
    pattern = "^" + " ".join(f"{letter}[a-z]*" for letter in letters)
    return Q(**{f"{lookup}__regex": pattern})


def _scoped(model, scope, user):
    """The `model` records the record named by `scope` ("problems.problem:7") may take, for
    a user who manages that record (core.pickers, `picker_scope`)."""
    label, _sep, pk = scope.partition(":")
    try:
        record_model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    config = record_type(record_model)
    if (
        model.picker_scope is None
        or config is None
        or not is_committee_owned(record_model)
        or not (pk.isdigit() and len(pk) < 19)
    ):
        raise Http404
    record = config.queryset(user).filter(pk=pk).first()
    if record is None:
        raise Http404
    if not permissions.is_manager(user, record):
        raise PermissionDenied
    return model.picker_scope(record)


@login_required
@require_GET
def autocomplete(request, label):
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    config = record_type(model)
    if config is None or not getattr(model, "picked_by_search", False):
        raise Http404
    scope = request.GET.get("for")
    queryset = (
        config.queryset(request.user) if scope is None else _scoped(model, scope, request.user)
    )
    related = getattr(model, "label_related", ())
    if related:
        queryset = queryset.select_related(*related)
    words = request.GET.get("q", "").strip()[:100]
    if words:
        filterset = config.filterset({"q": words}, queryset=queryset, request=request)
        found = filterset.qs if filterset.is_valid() else queryset.none()
        initials = pinyin_initials_q(model, words)
        queryset = (
            found if initials is None else queryset.filter(initials | Q(pk__in=found.values("pk")))
        )
    results = [{"id": obj.pk, "text": str(obj)} for obj in queryset[:AUTOCOMPLETE_LIMIT]]
    return JsonResponse({"results": results})


def _link_point_search(request, point):
    words = request.GET.get("q", "").strip()[:100]
    return JsonResponse({"results": point.search(words, request)})


@login_required
@require_GET
def outcome_sources(request):
    """The outcome source picker: records of every source type (core.outcomes)."""
    from lvzhi.core import outcomes

    return _link_point_search(request, outcomes.SOURCES)


@login_required
@require_GET
def case_subjects(request):
    """The member case's subject picker: projects, pairings, matches … (core.cases)."""
    from lvzhi.core import cases

    return _link_point_search(request, cases.SUBJECTS)
