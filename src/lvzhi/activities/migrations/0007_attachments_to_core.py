"""Activity attachments become core attachments: stored file, title, kind, size, uploader, time.

The uploader and time come from the attachment's first history entry. Ids are kept where no
core attachment has taken them yet, so links of the old form
/activities/attachments/<id>/file/ still lead to their file
(core.views.attachments.moved_attachment); the type is read from the stored file's first
bytes where it is still there, else from its name.
"""

import mimetypes
import os

import filetype
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import migrations

PHOTOS = {"image/png", "image/jpeg", "image/gif", "image/webp"}
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def _mime(path):
    mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
    try:
        with default_storage.open(path, "rb") as handle:
            head = handle.read(8192)
    except OSError:
        return mime
    if head.startswith(OLE_MAGIC):
        return "application/x-ole-storage"
    guess = filetype.guess(head)
    return guess.mime if guess else mime


def forwards(apps, schema_editor):
    Old = apps.get_model("activities", "Attachment")
    OldHistory = apps.get_model("activities", "HistoricalAttachment")
    Attachment = apps.get_model("core", "Attachment")
    HistoricalAttachment = apps.get_model("core", "HistoricalAttachment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    activity_type, _created = ContentType.objects.get_or_create(
        app_label="activities", model="activity"
    )
    taken = set(Attachment.objects.values_list("pk", flat=True))
    created = {
        row["id"]: row
        for row in OldHistory.objects.filter(history_type="+").values(
            "id", "history_user_id", "history_date"
        )
    }
    copied = []
    for old in Old.objects.order_by("pk").iterator():
        first = created.get(old.pk, {})
        mime = _mime(old.file.name)
        row = dict(
            content_type_id=activity_type.pk,
            object_id=old.activity_id,
            name=old.title or os.path.basename(old.file.name)[:200],
            file=old.file.name,
            mime_type=mime,
            size=old.size,
            kind=old.kind or ("photo" if mime in PHOTOS else "document"),
            uploaded_by_id=first.get("history_user_id"),
            uploaded_at=first.get("history_date") or old.created_at,
        )
        if old.pk not in taken:
            row["id"] = old.pk
        copied.append(row)
    # Rows that keep their ids go first; the sequence then moves past them (PostgreSQL), so
    # the rows that need a new id cannot take one that a later row keeps.
    copied.sort(key=lambda row: "id" not in row)
    connection = schema_editor.connection
    sequence_moved = False
    for row in copied:
        if "id" not in row and not sequence_moved:
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [Attachment]):
                    cursor.execute(sql)
            sequence_moved = True
        attachment = Attachment.objects.create(**row)
        # Its history starts with the upload, by its uploader.
        HistoricalAttachment.objects.create(
            **{**row, "id": attachment.pk},
            history_date=row["uploaded_at"],
            history_type="+",
            history_user_id=row["uploaded_by_id"],
        )
    if copied:
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Attachment]):
                cursor.execute(sql)


def backwards(apps, schema_editor):
    Old = apps.get_model("activities", "Attachment")
    Attachment = apps.get_model("core", "Attachment")
    Activity = apps.get_model("activities", "Activity")
    ContentType = apps.get_model("contenttypes", "ContentType")
    activity_type = ContentType.objects.filter(app_label="activities", model="activity").first()
    if activity_type is None:
        return
    rows = Attachment.objects.filter(content_type_id=activity_type.pk)
    activities = Activity.objects.in_bulk({a.object_id for a in rows})
    for a in rows:
        activity = activities.get(a.object_id)
        if activity is not None:
            Old.objects.create(
                pk=a.pk,
                activity=activity,
                committee_id=activity.committee_id,
                published=activity.published,
                title=a.name,
                file=a.file.name,
                kind=a.kind,
                size=a.size,
            )
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0009_notification_message_source"),
        ("activities", "0006_operation_guide_output"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
