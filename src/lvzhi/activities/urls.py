from django.urls import path

from lvzhi.activities.models import Activity
from lvzhi.activities.views import pages
from lvzhi.core.records import record_urls
from lvzhi.core.views.attachments import moved_attachment

app_name = "activities"

urlpatterns = [
    path("calendar/", pages.month_calendar, name="calendar"),
    path("record/", pages.my_record, name="my_record"),
    path("record/<int:pk>/", pages.duty_record, name="duty_record"),
    path("scores/", pages.ranking, name="ranking"),
    path("<int:pk>/attendance/", pages.attendance, name="attendance"),
    path("<int:pk>/attendance/import/", pages.attendance_import, name="attendance_import"),
    path("<int:pk>/invite/", pages.invite, name="invite"),
    path("<int:pk>/outputs/add/", pages.outputs_add, name="outputs_add"),
    path("rulesets/<int:pk>/copy/", pages.ruleset_copy, name="ruleset_copy"),
    # links from before activity files moved to core attachments
    path(
        "attachments/<int:attachment_pk>/file/<str:field>/",
        moved_attachment,
        {"model": Activity},
        name="attachment_moved",
    ),
    *record_urls("activities"),
]
