from django.urls import path

from lvzhi.core.records import record_urls
from lvzhi.core.views.generic import ObjectEditView

from .views import funnel, support
from .views.records import ProjectLeadViews

app_name = "investment"

urlpatterns = [
    path("funnel/", funnel.funnel, name="funnel"),
    path(
        "villages-without-support/",
        support.villages_without_support,
        name="villages_without_support",
    ),
    path("lead/", ObjectEditView.as_view(config=ProjectLeadViews), name="project_lead"),
    *record_urls("investment"),
]
