from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    """提案、社情民意、成果转化 — proposals, social-conditions reports and their outcomes."""

    name = "lvzhi.proposals"
    label = "proposals"
    verbose_name = _("Proposals")

    def ready(self):
        from lvzhi.core import duty, navigation, outcomes, permissions, points
        from lvzhi.core.demo.loader import register_pillar

        from .demo import load, reset
        from .indicators import opinion as opinion_indicators
        from .models import Opinion, OpinionUptake
        from .selectors import opinion as opinion_selectors
        from .services import outcome as outcome_services
        from .views import opinion, outcome  # noqa: F401 - declaring registers the record types

        reads = navigation.member_or_office
        navigation.register_group("proposals", _("Proposals"), 35)
        navigation.register(
            "proposals",
            _("Social-conditions reports"),
            "proposals:opinion_list",
            "chat-quote",
            reads,
        )
        navigation.register(
            "proposals",
            _("Submit a social-conditions report"),
            "proposals:opinion_submit",
            "send",
            lambda u: permissions.can_report(u, Opinion),
        )
        navigation.register(
            "proposals",
            _("Bulletin issues"),
            "proposals:bulletin_list",
            "journal-text",
            reads,
        )
        navigation.register("proposals", _("Outcomes"), "proposals:outcome_list", "award", reads)
        points.register_source(
            "social_report_adopted",
            opinion_selectors.adoption_events,
            models=(Opinion, OpinionUptake),
        )
        duty.register_section(
            duty.DutySection(
                key="opinions",
                title=_("Social-conditions reports"),
                entries=opinion_selectors.duty_entries,
                order=40,
            )
        )
        outcomes.register(outcome_services.outcomes_of)
        opinion_indicators.register_all()
        register_pillar(load, reset)
