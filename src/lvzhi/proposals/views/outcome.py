"""成果转化 pages: the outcomes (record type) and naming or removing their sources."""

from lvzhi.core.records import RecordType
from lvzhi.core.views.links import LinkAddView, LinkRemoveView, link_form_for

from ..filters.outcome import OutcomeFilterSet
from ..forms.outcome import OutcomeForm, SourceForm
from ..models import Outcome
from ..services import outcome as services
from ..tables.outcome import OutcomeTable


class OutcomeViews(RecordType):
    model = Outcome
    prefix = "outcomes"
    api_prefix = "outcomes"
    filterset = OutcomeFilterSet
    table = OutcomeTable
    form = OutcomeForm
    select_related = ("committee",)
    prefetch_related = ("industries",)
    detail_template = "proposals/outcome_detail.html"
    detail_fields = (
        "title",
        "kind",
        "issuer",
        "number",
        "issued_on",
        "committee",
        "industries",
        "summary",
        "published",
    )

    @classmethod
    def detail_context(cls, request, obj):
        return {
            "chain": services.source_chain(obj, request.user),
            "source_form": link_form_for(request, SourceForm, obj),
        }


def _add_source(*, actor, record, source, note=""):
    services.outcome_add_source(actor=actor, outcome=record, source=source, note=note)


source_add = LinkAddView.as_view(config=OutcomeViews, form_class=SourceForm, add=_add_source)
source_remove = LinkRemoveView.as_view(
    config=OutcomeViews, related="sources", remove=services.outcome_remove_source
)
