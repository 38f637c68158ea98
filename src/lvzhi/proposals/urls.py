from django.urls import path

from lvzhi.core.records import record_urls
from lvzhi.core.views.generic import ObjectEditView

from .views import opinion, outcome, proposal_documents, proposal_figures
from .views.proposal_records import ProposalDraftViews

app_name = "proposals"

urlpatterns = [
    path(
        "opinions/submit/",
        ObjectEditView.as_view(config=opinion.OpinionSubmitViews),
        name="opinion_submit",
    ),
    path("bulletins/<int:pk>/word/", opinion.bulletin_word, name="bulletin_word"),
    path("bulletins/<int:pk>/compile/", opinion.bulletin_compile, name="bulletin_compile"),
    path("outcomes/<int:pk>/sources/", outcome.source_add, name="outcome_source_add"),
    path(
        "outcomes/<int:pk>/sources/<int:link_pk>/remove/",
        outcome.source_remove,
        name="outcome_source_remove",
    ),
    path("draft/", ObjectEditView.as_view(config=ProposalDraftViews), name="proposal_draft"),
    path("figures/", proposal_figures.figures, name="figures"),
    path("compilation/", proposal_documents.compilation, name="compilation"),
    path("unit-report/", proposal_documents.unit_report, name="unit_report"),
    path("<int:pk>/print/", proposal_documents.printable, name="proposal_print"),
    *record_urls("proposals"),
]
