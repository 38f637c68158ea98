from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentConfig(AppConfig):
    """招商、政银企、百企扶百村 — investment projects, financing needs and village pairings."""

    name = "lvzhi.investment"
    label = "investment"
    verbose_name = _("Investment promotion")

    def ready(self):
        from lvzhi.core import home, navigation, permissions
        from lvzhi.core.demo.loader import register_pillar
        from lvzhi.core.points import register_source
        from lvzhi.core.records import register_related

        from . import indicators, scoring
        from .demo import load, reset
        from .models import InvestmentProject, ProjectCredit
        from .todos import investment_todos
        from .views import panels, records  # noqa: F401 - declaring a record type registers it

        home.register_todos(investment_todos)

        reads, office = navigation.reads_committee_records, navigation.office_or_leader
        navigation.register_group("investment", _("Investment"), 40)
        navigation.register(
            "investment", _("Investment projects"), "investment:project_list", "building-up", reads
        )
        navigation.register(
            "investment",
            _("Register an investment lead"),
            "investment:project_lead",
            "lightbulb",
            lambda u: permissions.can_report(u, InvestmentProject),
        )
        navigation.register(
            "investment", _("Investment funnel"), "investment:funnel", "funnel", office
        )
        navigation.register(
            "investment", _("Financing needs"), "investment:need_list", "bank", reads
        )
        navigation.register(
            "investment", _("Bank matches"), "investment:match_list", "link-45deg", reads
        )
        navigation.register(
            "investment", _("Village pairings"), "investment:pairing_list", "people", reads
        )
        navigation.register(
            "investment", _("Support records"), "investment:support_list", "heart", reads
        )
        navigation.register(
            "investment",
            _("Villages without support"),
            "investment:villages_without_support",
            "exclamation-diamond",
            office,
        )
        register_related("core.village", panels.village_pairings)
        register_related("core.enterprise", panels.enterprise_investment)
        register_source(
            "project_landed",
            scoring.landed_projects,
            models=(InvestmentProject, ProjectCredit),
        )
        indicators.register_all()
        register_pillar(load, reset)

        from lvzhi.core.demo.scale import register_part

        from . import scale

        register_part("investment", scale.build, scale.ROWS)
