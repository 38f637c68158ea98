"""SearchDocument.content_tokens: the words 查重 compares (text.content).

Added with a plain ALTER TABLE ... ADD COLUMN: Django's SQLite schema editor would rebuild
the table, dropping the triggers that keep the FTS5 index in sync (migration 0002). Existing
rows get '' and are compared from their text until `lvzhi text reindex` refills them.
"""

from django.db import migrations, models

FIELD = models.TextField(blank=True, editable=False, default="")


def add_column(apps, schema_editor):
    if schema_editor.connection.vendor in {"sqlite", "postgresql"}:
        schema_editor.execute(
            "ALTER TABLE text_searchdocument ADD COLUMN content_tokens text NOT NULL DEFAULT ''"
        )
    else:
        model = apps.get_model("text", "SearchDocument")
        schema_editor.add_field(model, model._meta.get_field("content_tokens"))


def drop_column(apps, schema_editor):
    schema_editor.execute("ALTER TABLE text_searchdocument DROP COLUMN content_tokens")


class Migration(migrations.Migration):
    dependencies = [("text", "0003_searchvector_filters")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument", name="content_tokens", field=FIELD
                )
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        )
    ]
