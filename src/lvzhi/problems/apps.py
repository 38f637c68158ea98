from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProblemsConfig(AppConfig):
    """难题 / 企业诉求 — enterprise problems followed to a confirmed solution."""

    name = "lvzhi.problems"
    label = "problems"
    verbose_name = _("Enterprise problems")

    def ready(self):
        from lvzhi.core import home, navigation, permissions
        from lvzhi.core.demo.loader import register_pillar
        from lvzhi.core.demo.scale import register_part

        from . import indicators, scale, todos
        from .demo import load, reset
        from .models import Problem
        from .views import records  # noqa: F401 - declaring a record type registers it

        reads, office = navigation.reads_committee_records, navigation.office_or_leader
        navigation.register_group("problems", _("Problems"), 30)
        navigation.register(
            "problems",
            _("Enterprise problems"),
            "problems:problem_list",
            "clipboard-check",
            navigation.with_records("problems.Problem", reads),
        )
        navigation.register(
            "problems",
            _("Report a problem"),
            "problems:problem_report",
            "megaphone",
            lambda u: permissions.can_report(u, Problem),
        )
        navigation.register("problems", _("League tables"), "problems:league", "bar-chart", office)
        navigation.register(
            "problems", _("Escalated to leaders"), "problems:escalated", "flag", office
        )
        navigation.register(
            "problems", _("Problem categories"), "problems:category_list", "tags", lambda u: True
        )
        register_pillar(load, reset)

        from lvzhi.core import duty, points

        from . import selectors

        points.register_source("problem_resolved", selectors.resolved_events, models=(Problem,))
        duty.register_section(
            duty.DutySection(
                key="problems",
                title=_("Problems raised"),
                entries=selectors.duty_entries,
                order=20,
            )
        )
        indicators.register_indicators()
        home.register_todos(todos.problem_todos)
        register_part("problems", scale.build, scale.ROWS)
