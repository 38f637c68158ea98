from django.urls import path

from lvzhi.activities.models import Activity
from lvzhi.activities.views import cases, check_in, pages
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
    path("check-in/", check_in.check_in, name="check_in"),
    path("<int:pk>/check-in-code/", check_in.check_in_code, name="check_in_code"),
    path("<int:pk>/arrivals/", check_in.arrivals, name="arrivals"),
    path("<int:pk>/sign-in-sheet/", check_in.sign_in_sheet, name="sign_in_sheet"),
    path("rulesets/<int:pk>/copy/", pages.ruleset_copy, name="ruleset_copy"),
    path("cases/<int:pk>/subjects/add/", cases.subject_add, name="case_subject_add"),
    path(
        "cases/<int:pk>/subjects/<int:link_pk>/remove/",
        cases.subject_remove,
        name="case_subject_remove",
    ),
    # links from before activity files moved to core attachments
    path(
        "attachments/<int:attachment_pk>/file/<str:field>/",
        moved_attachment,
        {"model": Activity},
        name="attachment_moved",
    ),
    *record_urls("activities"),
]
