from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """数据见证担当 — the year's figures, dashboard and reports, read from the pillar apps."""

    name = "lvzhi.reports"
    label = "reports"
    verbose_name = _("Figures and reports")
