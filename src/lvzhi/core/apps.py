from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lvzhi.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # Declaring a record type registers it (core.records): pages, API, tests.
        from lvzhi.core.views import records  # noqa: F401
