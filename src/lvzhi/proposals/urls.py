from django.urls import path

from lvzhi.core.records import record_urls
from lvzhi.core.views.generic import ObjectEditView

from .views import proposal_documents, proposal_figures
from .views.proposal_records import ProposalDraftViews

app_name = "proposals"

urlpatterns = [
    path("draft/", ObjectEditView.as_view(config=ProposalDraftViews), name="proposal_draft"),
    path("figures/", proposal_figures.figures, name="figures"),
    path("compilation/", proposal_documents.compilation, name="compilation"),
    path("unit-report/", proposal_documents.unit_report, name="unit_report"),
    path("<int:pk>/print/", proposal_documents.printable, name="proposal_print"),
    *record_urls("proposals"),
]
