from django.urls import path

from lvzhi.reports.api import views

urlpatterns = [
    path("reports/indicators/", views.IndicatorReportView.as_view(), name="api-report-indicators"),
]
