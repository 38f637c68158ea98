"""Existing activity attachments are copied into core.Attachment, then the old table goes."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests import factories as f
from tests.conftest import reseed_data_migrations

pytestmark = [pytest.mark.flushes, pytest.mark.django_db(transaction=True)]

BEFORE = [
    ("activities", "0006_operation_guide_output"),
    ("core", "0009_notification_message_source"),
]
AFTER = [("activities", "0008_remove_activity_attachment")]
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_activity_attachments_become_core_attachments(system, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    reseed_data_migrations()  # an earlier committing test's flush took the activity kinds
    activity = f.ActivityFactory(committee=system.county)
    try:
        old_apps = migrate(BEFORE)
        Old = old_apps.get_model("activities", "Attachment")
        OldHistory = old_apps.get_model("activities", "HistoricalAttachment")
        Core = old_apps.get_model("core", "Attachment")
        ContentType = old_apps.get_model("contenttypes", "ContentType")
        stored = Old.file.field.storage.save("activities/2024/05/纪要.pdf", ContentFile(PDF))
        # a core attachment (of another record) already holds id 1
        taken = Core.objects.create(
            content_type=ContentType.objects.get(app_label="core", model="committee"),
            object_id=system.county.pk,
            name="x",
            file="x.pdf",
            mime_type="application/pdf",
            kind="document",
        )
        minutes = Old.objects.create(
            pk=taken.pk + 1,
            activity_id=activity.pk,
            committee_id=system.county.pk,
            title="会议纪要",
            file=stored,
            kind="document",
            size=len(PDF),
        )
        when = timezone.make_aware(datetime.datetime(2024, 5, 6, 9, 30))
        OldHistory.objects.create(
            id=minutes.pk,
            activity_id=activity.pk,
            committee_id=system.county.pk,
            title="会议纪要",
            file=stored,
            kind="document",
            size=len(PDF),
            published=False,
            version=1,
            created_at=when,
            updated_at=when,
            history_date=when,
            history_type="+",
            history_user_id=system.bob.pk,
        )
        clash = Old.objects.create(
            pk=taken.pk,
            activity_id=activity.pk,
            committee_id=system.county.pk,
            title="",
            file="activities/2024/05/现场.jpg",
            kind="photo",
            size=0,
        )
        new_apps = migrate(AFTER)
        Attachment = new_apps.get_model("core", "Attachment")
        rows = {a.name: a for a in Attachment.objects.filter(content_type__model="activity")}
        assert set(rows) == {"会议纪要", "现场.jpg"}
        copied = rows["会议纪要"]
        assert copied.pk == minutes.pk  # the id was free: kept, so old links still work
        assert (copied.object_id, copied.file.name, copied.uploaded_by_id) == (
            activity.pk,
            stored,
            system.bob.pk,
        )
        assert copied.uploaded_at == when
        assert (copied.mime_type, copied.kind, copied.size) == (
            "application/pdf",
            "document",
            len(PDF),
        )
        # the id was taken by another record's file: a new one, and the other file stays
        assert rows["现场.jpg"].pk not in (clash.pk, minutes.pk)
        assert Attachment.objects.get(pk=taken.pk).name == "x"
        assert "activities_attachment" not in connection.introspection.table_names()
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        reseed_data_migrations()
