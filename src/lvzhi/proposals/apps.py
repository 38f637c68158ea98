from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    """提案、社情民意、成果转化 — proposals, social-conditions reports and their outcomes."""

    name = "lvzhi.proposals"
    label = "proposals"
    verbose_name = _("Proposals")
