"""Search page, and the two helpers long text fields use: clean pasted text, similar records."""

from types import SimpleNamespace

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import View

from lvzhi.text import registry
from lvzhi.text.cleaning import clean_text
from lvzhi.text.forms import MAX_SIMILAR_CHARS, CleanForm, SearchForm, SimilarForm
from lvzhi.text.selectors import parse_query, search, similar_to

PER_PAGE = 20


def committee_filter(user, value):
    """Committee ids for a scope value (本级 / a county / 全系统), via the core scope selector."""
    from lvzhi.core.scope import committee_ids_for

    return committee_ids_for(user, value)


def run_search(user, data):
    """(form, parsed query, hits, has_more) for the page and the API alike."""
    form = SearchForm(data, kinds=registry.registrations())
    if not form.is_valid():
        return form, parse_query(""), [], False
    cd = form.cleaned_data
    parsed = parse_query(cd["q"])
    committee_ids = committee_filter(user, cd.get("scope"))
    if committee_ids is not None and not committee_ids:
        return form, parsed, [], False
    offset = (cd.get("page") or 1) * PER_PAGE - PER_PAGE
    hits = search(
        user,
        cd["q"],
        kinds=cd.get("kind") or None,
        committee_ids=committee_ids,
        year=cd.get("year"),
        limit=PER_PAGE + 1,
        offset=offset,
    )
    return form, parsed, hits[:PER_PAGE], len(hits) > PER_PAGE


class SearchView(LoginRequiredMixin, View):
    template_name = "text/search.html"

    def get(self, request):
        from lvzhi.core.scope import selected_scope

        data = request.GET.copy()
        if "scope" not in data:
            data["scope"] = selected_scope(request)
        form, parsed, hits, has_more = run_search(request.user, data)
        page = form.cleaned_data.get("page", 1) if form.is_valid() else 1
        context = {
            "form": form,
            "query": parsed,
            "hits": hits,
            "page": page or 1,
            "has_more": has_more,
            "searched": bool(request.GET.get("q", "").strip()),
        }
        template = "text/search_results.html" if request.htmx else self.template_name
        return render(request, template, context)


class CleanView(LoginRequiredMixin, View):
    """POST text → cleaned text and the list of changes (the "clean pasted text" button)."""

    def post(self, request):
        form = CleanForm(request.POST)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        result = clean_text(form.cleaned_data["text"], style=form.cleaned_data["style"] or "seed")
        return JsonResponse(clean_payload(result))


def clean_payload(result):
    return {
        "text": result.text,
        "counts": result.counts(),
        "flags": [
            {
                "offset": c.offset,
                "line": result.position(c.offset)[0],
                "column": result.position(c.offset)[1],
                "before": c.before,
                "after": c.after,
                "message": str(_("A character was lost by the source page; restore it by hand.")),
            }
            for c in result.flags
        ],
        "changes": [
            {"kind": c.kind, "offset": c.offset, "before": c.before, "after": c.after}
            for c in result.changes
        ],
    }


def posted_sections(kind, data) -> tuple[str, str] | None:
    """(title and case, suggestions) of a record being written, from the form fields its
    record type's sections name (registry `sections`); None when it names none, or no
    suggestions were written yet (the text is then compared whole)."""
    reg = registry.get(kind)
    if reg is None or reg.sections is None or not reg.reads_fields_only:
        return None
    names = {
        name
        for getter in (reg.title, *reg.sections)
        for name in ((getter,) if isinstance(getter, str) else getter)
    }
    record = SimpleNamespace(
        **{name: str(data.get(name, ""))[:MAX_SIMILAR_CHARS] for name in names}
    )
    case, suggestions = reg.sections_of(record)
    if not suggestions:
        return None
    return f"{reg.title_of(record)}\n{case}".strip(), suggestions


class SimilarView(LoginRequiredMixin, View):
    """POST kind + text → the "相似记录" panel shown before a record is saved (htmx partial)."""

    def post(self, request):
        form = SimilarForm(request.POST, kinds=registry.registrations())
        records = []
        if form.is_valid():
            cd = form.cleaned_data
            records = similar_to(
                cd["text"],
                cd["kind"],
                exclude=cd.get("exclude"),
                user=request.user,
                sections=posted_sections(cd["kind"], request.POST),
            )
        # "nothing similar" is an answer too, once there was a text to compare
        checked = form.is_valid()
        return render(
            request, "text/similar.html", {"records": records, "form": form, "checked": checked}
        )
