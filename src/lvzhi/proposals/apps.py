from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    """提案、社情民意、成果转化 — proposals, social-conditions reports and their outcomes."""

    name = "lvzhi.proposals"
    label = "proposals"
    verbose_name = _("Proposals")

    def ready(self):
        from lvzhi.core import navigation, permissions
        from lvzhi.core.demo.loader import register_pillar

        from .demo import load, reset
        from .indicators import proposal as proposal_indicators
        from .models import Proposal
        from .scoring import proposal as proposal_scoring
        from .views import proposal_records  # noqa: F401 - declaring registers the types

        reads, office = navigation.reads_committee_records, navigation.office_or_leader
        navigation.register_group("proposals", _("Proposals"), 35)
        navigation.register(
            "proposals", _("Proposals"), "proposals:proposal_list", "journal-text", lambda u: True
        )
        navigation.register(
            "proposals",
            _("Draft a proposal"),
            "proposals:proposal_draft",
            "pencil-square",
            lambda u: permissions.can_report(u, Proposal),
        )
        navigation.register(
            "proposals", _("Proposal figures"), "proposals:figures", "bar-chart", office
        )
        navigation.register(
            "proposals", _("Proposal sessions"), "proposals:session_list", "calendar3", reads
        )
        proposal_scoring.register()
        proposal_indicators.register_all()
        register_pillar(load, reset)
