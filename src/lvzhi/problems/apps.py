from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProblemsConfig(AppConfig):
    """难题 / 企业诉求 — enterprise problems followed to a confirmed solution."""

    name = "lvzhi.problems"
    label = "problems"
    verbose_name = _("Enterprise problems")
