from django.urls import path
from django.views.generic import RedirectView

from lvzhi.core.records import record_urls
from lvzhi.core.views.attachments import moved_attachment
from lvzhi.core.views.generic import ObjectEditView

from .models import Problem
from .views import league
from .views.records import ProblemReportViews

app_name = "problems"

urlpatterns = [
    path("league/", league.league, name="league"),
    path(
        "escalated/",
        RedirectView.as_view(url="/problems/?escalated=true&state=assigned&state=in_progress"),
        name="escalated",
    ),
    path("report/", ObjectEditView.as_view(config=ProblemReportViews), name="problem_report"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        moved_attachment,
        {"model": Problem},
        name="problem_attachment",
    ),
    *record_urls("problems"),
]
