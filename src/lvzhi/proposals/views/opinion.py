"""社情民意 pages, declared on the generic record views of core: the reports (with their
workflow and the ladder), a member's own submission page, and the bulletin issues with
their Word export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lvzhi.core import permissions
from lvzhi.core.errors import DomainError
from lvzhi.core.records import RecordType

from ..api.opinion import OpinionActions, OpinionSerializer
from ..exports.opinion import bulletin_docx
from ..filters import opinion as filters
from ..forms import opinion as forms
from ..models import Opinion, OpinionBulletin, OpinionState
from ..selectors.opinion import ladder
from ..services import opinion as services
from ..tables import opinion as tables


class OpinionViews(RecordType):
    model = Opinion
    prefix = "opinions"
    api_prefix = "opinions"
    serializer = OpinionSerializer
    api_actions = OpinionActions
    workflow = services.WORKFLOW
    outcome_source = True
    search = {"title": "title", "body": ("text", "edited_text"), "year": "submitted_on"}
    filterset = filters.OpinionFilterSet
    table = tables.OpinionTable
    form = forms.OpinionForm
    select_related = ("committee", "bulletin")
    detail_template = "proposals/opinion_detail.html"
    detail_fields = (
        "committee",
        "submitter_kind",
        "organisation",
        "authors",
        "industries",
        "submitted_on",
        "state",
        "bulletin",
        "source_label",
        "published",
    )

    @classmethod
    def detail_context(cls, request, obj):
        return {"opinion": obj, "ladder": ladder(obj)}

    #: how a new report is filed (the office names its authors; a member files their own)
    file_new = staticmethod(services.opinion_submit)

    @classmethod
    def save(cls, *, actor, instance, m2m=None, expected_version=None, fields=None, inputs=None):
        if instance.pk:
            return super().save(
                actor=actor,
                instance=instance,
                m2m=m2m,
                expected_version=expected_version,
                fields=fields,
            )
        return cls.file_new(actor=actor, opinion=instance, m2m=m2m)


class OpinionSubmitViews(OpinionViews):
    """报送社情民意 — a member submits a report of their own (/proposals/opinions/submit/)."""

    prefix = None  # a variant page of OpinionViews, not a record type of its own
    form = forms.OpinionSubmitForm
    add_title = gettext_lazy("Submit a social-conditions report")


class OpinionBulletinViews(RecordType):
    model = OpinionBulletin
    prefix = "bulletins"
    api_prefix = "opinion-bulletins"
    filterset = filters.OpinionBulletinFilterSet
    table = tables.OpinionBulletinTable
    form = forms.OpinionBulletinForm
    select_related = ("committee",)
    detail_template = "proposals/bulletin_detail.html"
    detail_fields = ("committee", "year", "number", "issued_on", "title", "editor", "published")

    @classmethod
    def detail_context(cls, request, obj):
        waiting = []
        if permissions.can_change(request.user, obj):
            waiting = Opinion.objects.visible_to(request.user).filter(
                committee_id=obj.committee_id, state=OpinionState.ACCEPTED
            )
        return {"items": _items(obj, request.user), "waiting": list(waiting)}


def _items(bulletin, user):
    return list(
        Opinion.objects.visible_to(user)
        .filter(bulletin=bulletin)
        .prefetch_related("authors__person")
        .order_by("id")
    )


@login_required
@require_POST
def bulletin_compile(request, pk):
    """编发: put the chosen accepted reports in this issue, all or none."""
    bulletin = get_object_or_404(OpinionBulletin.objects.visible_to(request.user), pk=pk)
    ids = [int(v) for v in request.POST.getlist("opinion") if v.isdigit()]
    chosen = Opinion.objects.visible_to(request.user).filter(pk__in=ids).order_by("pk")
    try:
        with transaction.atomic():
            for opinion in chosen:
                services.opinion_compile(actor=request.user, opinion=opinion, bulletin=bulletin)
    except (DomainError, ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("Saved %(record)s.") % {"record": bulletin})
    return redirect(bulletin.get_absolute_url())


@login_required
def bulletin_word(request, pk):
    """The issue as the bulletin is printed (A4, Word)."""
    bulletin = get_object_or_404(OpinionBulletin.objects.visible_to(request.user), pk=pk)
    return bulletin_docx(bulletin, _items(bulletin, request.user))
