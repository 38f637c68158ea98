from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    """提案、社情民意、成果转化 — proposals, social-conditions reports and their outcomes."""

    name = "lvzhi.proposals"
    label = "proposals"
    verbose_name = _("Proposals")

    def ready(self):
        from lvzhi.core import duty, home, navigation, outcomes, permissions, points
        from lvzhi.core.demo.loader import register_pillar

        from .demo import load, reset
        from .indicators import opinion as opinion_indicators
        from .indicators import proposal as proposal_indicators
        from .indicators import proposal_year as year_indicators
        from .models import Opinion, OpinionUptake, Proposal
        from .scoring import proposal as proposal_scoring
        from .selectors import opinion as opinion_selectors
        from .selectors import proposal as proposal_selectors
        from .services import outcome as outcome_services
        from .todos import proposal_todos
        from .views import opinion, outcome, proposal_records  # noqa: F401 - declaring registers

        home.register_todos(proposal_todos)

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
        navigation.register(
            "proposals",
            _("Grounds for not accepting"),
            "proposals:ground_list",
            "tags",
            permissions.is_system_admin,
        )
        proposal_scoring.register()
        proposal_indicators.register_all()
        year_indicators.register_all()
        duty.register_section(
            duty.DutySection(
                key="proposals",
                title=_("Proposals"),
                entries=proposal_selectors.duty_entries,
                order=30,
            )
        )
        reads = navigation.member_or_office
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

        from lvzhi.core.demo.scale import register_part

        from . import scale

        register_part("proposals", scale.build, scale.ROWS)
