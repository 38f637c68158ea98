from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lvzhi.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from lvzhi.core import derived, pickers
        from lvzhi.core.services import register_write_hook
        from lvzhi.core.views import records  # noqa: F401 - declaring a record type registers it

        # Cached derived data (core.derived) also learns of the bulk service's writes.
        register_write_hook(saved_many=derived.saved_many)
        pickers.watch_kept_models()
