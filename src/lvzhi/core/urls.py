from django.urls import path

from lvzhi.core.records import record_urls
from lvzhi.core.views import attachments, autocomplete, jobs, notifications, shell

app_name = "core"

urlpatterns = [
    path("", shell.home, name="home"),
    path("scope/", shell.select_scope, name="select_scope"),
    path("notifications/", notifications.inbox, name="notifications"),
    path("notifications/read/", notifications.read_all, name="notifications_read"),
    path("notifications/<int:pk>/", notifications.open_notification, name="notification"),
    path("attachments/<int:pk>/", attachments.attachment_download, name="attachment"),
    path("attachments/<int:pk>/remove/", attachments.attachment_remove, name="attachment_remove"),
    path(
        "attachments/add/<str:record_type>/<int:pk>/",
        attachments.attachment_add,
        name="attachment_add",
    ),
    path(
        "autocomplete/outcome-sources/",
        autocomplete.outcome_sources,
        name="autocomplete_outcome_sources",
    ),
    path(
        "autocomplete/case-subjects/",
        autocomplete.case_subjects,
        name="autocomplete_case_subjects",
    ),
    path("autocomplete/<str:label>/", autocomplete.autocomplete, name="autocomplete"),
    path("jobs/<int:pk>/", jobs.job_detail, name="job"),
    path("jobs/<int:pk>/download/", jobs.job_download, name="job_download"),
    *record_urls("core"),
]
