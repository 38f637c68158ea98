from django.urls import path
from django.views.generic import RedirectView

from lvzhi.core.views.generic import ObjectEditView

from .views import actions, league
from .views.records import ProblemCategoryViews, ProblemReportViews, ProblemViews

app_name = "problems"

urlpatterns = [
    path("league/", league.league, name="league"),
    path(
        "escalated/",
        RedirectView.as_view(url="/problems/?escalated=true&state=assigned&state=in_progress"),
        name="escalated",
    ),
    path("report/", ObjectEditView.as_view(config=ProblemReportViews), name="problem_report"),
    path("<int:pk>/step/<str:action>/", actions.ProblemStepView.as_view(), name="problem_step"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        actions.old_attachment_link,
        name="problem_attachment",
    ),
    *ProblemCategoryViews.urls("categories"),
    # The problems live at the app's root: /problems/, /problems/<pk>/ …
    *ProblemViews.urls(""),
]
