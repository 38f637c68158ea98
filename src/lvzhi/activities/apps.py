from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    """履职活动 — duty activities, duty records, the duty-performance score, roadmap, cases."""

    name = "lvzhi.activities"
    label = "activities"
    verbose_name = _("Duty activities")

    def ready(self):
        from lvzhi.activities import indicators, navigation, scale, selectors, todos
        from lvzhi.activities.demo import load, reset
        from lvzhi.activities.scoring import SCORE_INPUTS
        from lvzhi.activities.views import records  # noqa: F401 - declaring registers
        from lvzhi.core import derived, home
        from lvzhi.core.connections import register_visited_enterprises
        from lvzhi.core.demo.loader import register_pillar
        from lvzhi.core.demo.scale import register_part
        from lvzhi.core.points import SCORES

        navigation.register_menu()
        indicators.register_indicators()
        home.register_todos(todos.activity_todos)
        derived.watch(SCORES, *SCORE_INPUTS)
        register_pillar(load, reset)
        register_part("activities", scale.build, scale.ROWS)
        register_visited_enterprises(selectors.visited_enterprise_ids)
