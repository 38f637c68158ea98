from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportsConfig(AppConfig):
    """数据见证担当 — the year's figures, dashboard and reports, read from the pillar apps."""

    name = "lvzhi.reports"
    label = "reports"
    verbose_name = _("Figures and reports")

    def ready(self):
        from lvzhi.core import home, navigation, tallies

        from .home import figures_section

        navigation.register_group("reports", pgettext_lazy("menu", "Figures"), 70)
        navigation.register(
            "reports",
            _("Dashboard"),
            "reports:dashboard",
            "speedometer2",
            navigation.office_or_leader,
        )
        home.register_section(figures_section, order=10)
        # every pillar app has registered its indicators by now (they come before this app)
        tallies.watch_indicators()
