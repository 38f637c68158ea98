"""Existing problem attachments are copied into core.Attachment, then the old table goes."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.conftest import reseed_data_migrations

pytestmark = [pytest.mark.flushes, pytest.mark.django_db(transaction=True)]

BEFORE = [("problems", "0003_long_text_limits")]
AFTER = [("problems", "0005_remove_problem_attachment")]
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_problem_attachments_become_core_attachments(pb, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    problem = pb.problem
    try:
        old_apps = migrate(BEFORE)
        ProblemAttachment = old_apps.get_model("problems", "ProblemAttachment")
        stored = ProblemAttachment.file.field.storage.save(
            "problems/2024/05/银行函.pdf", ContentFile(PDF)
        )
        letter = ProblemAttachment.objects.create(
            problem_id=problem.pk, file=stored, name="银行函", uploaded_by_id=pb.s.bob.pk
        )
        gone = ProblemAttachment.objects.create(
            problem_id=problem.pk, file="problems/2024/05/照片.jpg", name="现场照片"
        )
        new_apps = migrate(AFTER)
        Attachment = new_apps.get_model("core", "Attachment")
        rows = {a.pk: a for a in Attachment.objects.all()}
        assert set(rows) == {letter.pk, gone.pk}
        copied = rows[letter.pk]
        assert (copied.object_id, copied.name, copied.file.name, copied.uploaded_by_id) == (
            problem.pk,
            "银行函",
            stored,
            pb.s.bob.pk,
        )
        assert copied.uploaded_at == letter.uploaded_at
        assert (copied.mime_type, copied.kind, copied.size) == (
            "application/pdf",
            "document",
            len(PDF),
        )
        assert copied.content_type.model == "problem"
        # A file no longer on disk is still listed, typed by its name.
        assert (rows[gone.pk].kind, rows[gone.pk].size) == ("photo", 0)
        assert "problems_problemattachment" not in connection.introspection.table_names()
        # The next attachment gets a fresh id (PostgreSQL's sequence moved past the copies).
        fresh = Attachment.objects.create(
            content_type=copied.content_type,
            object_id=problem.pk,
            name="新",
            file="x.pdf",
            mime_type="application/pdf",
            kind="document",
        )
        assert fresh.pk > max(rows)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        reseed_data_migrations()
