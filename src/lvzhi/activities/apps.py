from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    """履职活动 — duty activities, duty records, the duty-performance score, roadmap, cases."""

    name = "lvzhi.activities"
    label = "activities"
    verbose_name = _("Duty activities")
