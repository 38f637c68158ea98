from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentConfig(AppConfig):
    """招商、政银企、百企扶百村 — investment projects, financing needs and village pairings."""

    name = "lvzhi.investment"
    label = "investment"
    verbose_name = _("Investment promotion")
