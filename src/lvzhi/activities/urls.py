from django.urls import path

from lvzhi.activities.views import pages
from lvzhi.core.records import record_urls

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
    *record_urls("activities"),
]
