"""Problem attachments become core attachments: same id, stored file, name, uploader, time.

The ids are kept so that links of the old form /problems/<pk>/attachments/<id>/ still lead
to their file (problems.views.actions.old_attachment_link). The type and kind are read from
the stored file's first bytes where it is still there, else from its name.
"""

import mimetypes

import filetype
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import migrations

PHOTOS = {"image/png", "image/jpeg", "image/gif", "image/webp"}
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def _type_and_size(path):
    mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
    try:
        size = default_storage.size(path)
        with default_storage.open(path, "rb") as handle:
            head = handle.read(8192)
    except OSError:
        return mime, 0
    if head.startswith(OLE_MAGIC):
        return "application/x-ole-storage", size
    guess = filetype.guess(head)
    return (guess.mime if guess else mime), size


def forwards(apps, schema_editor):
    ProblemAttachment = apps.get_model("problems", "ProblemAttachment")
    Attachment = apps.get_model("core", "Attachment")
    HistoricalAttachment = apps.get_model("core", "HistoricalAttachment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    problem_type, _created = ContentType.objects.get_or_create(
        app_label="problems", model="problem"
    )
    copied = []
    for old in ProblemAttachment.objects.order_by("pk").iterator():
        mime, size = _type_and_size(old.file.name)
        copied.append(
            dict(
                id=old.pk,
                content_type_id=problem_type.pk,
                object_id=old.problem_id,
                name=old.name,
                file=old.file.name,
                mime_type=mime,
                size=size,
                kind="photo" if mime in PHOTOS else "document",
                uploaded_by_id=old.uploaded_by_id,
                uploaded_at=old.uploaded_at,
            )
        )
    Attachment.objects.bulk_create([Attachment(**row) for row in copied], batch_size=500)
    # Their history starts with the upload, by its uploader.
    HistoricalAttachment.objects.bulk_create(
        [
            HistoricalAttachment(
                **row,
                history_date=row["uploaded_at"],
                history_type="+",
                history_user_id=row["uploaded_by_id"],
            )
            for row in copied
        ],
        batch_size=500,
    )
    if copied:
        # Rows inserted with their ids: move PostgreSQL's sequence past them.
        connection = schema_editor.connection
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Attachment]):
                cursor.execute(sql)


def backwards(apps, schema_editor):
    ProblemAttachment = apps.get_model("problems", "ProblemAttachment")
    Attachment = apps.get_model("core", "Attachment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    problem_type = ContentType.objects.filter(app_label="problems", model="problem").first()
    if problem_type is None:
        return
    rows = Attachment.objects.filter(content_type_id=problem_type.pk)
    ProblemAttachment.objects.bulk_create(
        [
            ProblemAttachment(
                pk=a.pk,
                problem_id=a.object_id,
                file=a.file.name,
                name=a.name,
                uploaded_by_id=a.uploaded_by_id,
                uploaded_at=a.uploaded_at,
            )
            for a in rows
        ]
    )
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0006_attachments"),
        ("problems", "0003_long_text_limits"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
