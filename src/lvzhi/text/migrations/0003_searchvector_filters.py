"""PostgreSQL: the filter columns of a document copied into its narrow vector row.

Search and 查重 first narrow the matches of a word to the documents a user may see (kind,
committee, published, own records) and the filters asked for (year, committee). With those
columns only on the wide document rows, a county user's search joined every match of a
common word to them: at 200,000 documents that read 12,000 pages and took 80–170 ms
(bench/results/text.md). In the narrow row the same check is read together with the match.
SQLite keeps the join: FTS5 hands out rowids in order, and the lookups stay cheap.
"""

from importlib import import_module

from django.db import migrations

SYNC = """CREATE OR REPLACE FUNCTION text_searchvector_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM text_searchvector WHERE document_id = OLD.id;
            RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.title_tokens IS NOT DISTINCT FROM OLD.title_tokens
                AND NEW.body_tokens IS NOT DISTINCT FROM OLD.body_tokens THEN
            UPDATE text_searchvector SET kind = NEW.kind, object_id = NEW.object_id,
                committee_id = NEW.committee_id, published = NEW.published, year = NEW.year
            WHERE document_id = NEW.id;
            RETURN NULL;
        END IF;
        INSERT INTO text_searchvector
            (document_id, kind, object_id, committee_id, published, year, search_vector)
        VALUES (
            NEW.id, NEW.kind, NEW.object_id, NEW.committee_id, NEW.published, NEW.year,
            setweight(to_tsvector('simple'::regconfig, NEW.title_tokens), 'A')
            || setweight(to_tsvector('simple'::regconfig, NEW.body_tokens), 'B')
        )
        ON CONFLICT (document_id) DO UPDATE SET
            kind = EXCLUDED.kind, object_id = EXCLUDED.object_id,
            committee_id = EXCLUDED.committee_id, published = EXCLUDED.published,
            year = EXCLUDED.year, search_vector = EXCLUDED.search_vector;
        RETURN NULL;
    END $$"""

# Backwards: the function and trigger of 0002, as they were.
_0002 = import_module("lvzhi.text.migrations.0002_fulltext").POSTGRES_FORWARD
OLD_SYNC = _0002[2].replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)
OLD_TRIGGER = _0002[4]

FORWARD = [
    """ALTER TABLE text_searchvector
        ADD COLUMN kind varchar(100) NOT NULL DEFAULT '',
        ADD COLUMN object_id bigint NOT NULL DEFAULT 0,
        ADD COLUMN committee_id bigint,
        ADD COLUMN published boolean NOT NULL DEFAULT false,
        ADD COLUMN year smallint""",
    """UPDATE text_searchvector v SET kind = d.kind, object_id = d.object_id,
        committee_id = d.committee_id, published = d.published, year = d.year
        FROM text_searchdocument d WHERE d.id = v.document_id""",
    SYNC,
    # Every change of a document now reaches its vector row, not only a change of words.
    "DROP TRIGGER text_searchdocument_vector ON text_searchdocument",
    """CREATE TRIGGER text_searchdocument_vector
        AFTER INSERT OR UPDATE OR DELETE ON text_searchdocument
        FOR EACH ROW EXECUTE FUNCTION text_searchvector_sync()""",
]
BACKWARD = [
    "DROP TRIGGER text_searchdocument_vector ON text_searchdocument",
    OLD_TRIGGER,
    OLD_SYNC,
    """ALTER TABLE text_searchvector DROP COLUMN kind, DROP COLUMN object_id,
        DROP COLUMN committee_id, DROP COLUMN published, DROP COLUMN year""",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("text", "0002_fulltext")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
