from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TextConfig(AppConfig):
    name = "lvzhi.text"
    label = "text"
    verbose_name = _("Chinese text")

    def ready(self):
        from lvzhi.core.demo.loader import register_pillar
        from lvzhi.core.records import on_declare
        from lvzhi.core.services import register_write_hook
        from lvzhi.text import registry, services

        # A record type that declares `search` is indexed (core.records.RecordType.search).
        # Only those checked while typed (`similar_field`) keep their 查重 content words.
        on_declare(
            lambda t: (
                t.search and registry.register(t.model, **t.search, compares=bool(t.similar_field))
            )
        )
        # Every record written through core's record_save / record_delete (the write path
        # of all pillar apps) updates the index in the same transaction.
        register_write_hook(
            saved=services.record_saved,
            deleted=services.record_deleted,
            saved_many=services.records_saved_many,
            bulk_context=services.bulk_indexing,
        )
        # `lvzhi demo --reset` deletes records in bulk, past the write hooks: clear the index
        # with them. (Loading needs nothing: the demo writes through the services.)
        register_pillar(load=lambda loader: None, reset=services.clear_index)
