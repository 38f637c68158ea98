from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("workbook/", views.workbook, name="workbook"),
    path("annual-report/", views.annual_report, name="annual_report"),
]
