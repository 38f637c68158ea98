"""Vendor-specific full-text indexes over SearchDocument (see text.models and text.search).

SQLite: an external-content FTS5 table over the jieba tokens, kept in sync by triggers.
PostgreSQL: a tsvector per document ('simple' configuration over the jieba tokens, the title
weighted A) in a narrow table `text_searchvector` with a GIN index, kept in sync by triggers.

No pg_trgm index: measured at 200,000 proposals (bench/results/text.md) a trigram GIN index
on the body took 442 MB — three times the tsvector index — and cut the index load rate to a
quarter, while the word index with two-character pieces of long words already finds ≥ 95 %
of what a LIKE scan finds (tests/text/test_similarity_quality.py).
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE text_searchdocument_fts USING fts5(
        title_tokens, body_tokens,
        content='text_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0'
    )""",
    # rank = BM25 with the title weighing four times the body; ORDER BY rank lets FTS5 sort
    # inside the virtual table, faster than ORDER BY bm25(...).
    "INSERT INTO text_searchdocument_fts(text_searchdocument_fts, rank) VALUES('rank', 'bm25(4.0, 1.0)')",
    """CREATE TRIGGER text_searchdocument_ai AFTER INSERT ON text_searchdocument BEGIN
        INSERT INTO text_searchdocument_fts(rowid, title_tokens, body_tokens)
        VALUES (new.id, new.title_tokens, new.body_tokens);
    END""",
    """CREATE TRIGGER text_searchdocument_ad AFTER DELETE ON text_searchdocument BEGIN
        INSERT INTO text_searchdocument_fts(text_searchdocument_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
    END""",
    """CREATE TRIGGER text_searchdocument_au AFTER UPDATE ON text_searchdocument BEGIN
        INSERT INTO text_searchdocument_fts(text_searchdocument_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
        INSERT INTO text_searchdocument_fts(rowid, title_tokens, body_tokens)
        VALUES (new.id, new.title_tokens, new.body_tokens);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS text_searchdocument_au",
    "DROP TRIGGER IF EXISTS text_searchdocument_ad",
    "DROP TRIGGER IF EXISTS text_searchdocument_ai",
    "DROP TABLE IF EXISTS text_searchdocument_fts",
]

POSTGRES_FORWARD = [
    # The vectors live in a narrow table of their own: a common word matches one record in
    # ten, and checking 20,000 matches against the wide document rows (text and tokens)
    # read 15,000 heap pages — 100 ms at 200,000 records; the narrow table needs a tenth.
    """CREATE TABLE text_searchvector (
        document_id bigint PRIMARY KEY,
        search_vector tsvector NOT NULL
    ) WITH (toast_tuple_target = 128)""",
    "CREATE INDEX text_searchvector_gin ON text_searchvector USING gin (search_vector)",
    """CREATE FUNCTION text_searchvector_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM text_searchvector WHERE document_id = OLD.id;
            RETURN NULL;
        END IF;
        INSERT INTO text_searchvector (document_id, search_vector)
        VALUES (
            NEW.id,
            setweight(to_tsvector('simple'::regconfig, NEW.title_tokens), 'A')
            || setweight(to_tsvector('simple'::regconfig, NEW.body_tokens), 'B')
        )
        ON CONFLICT (document_id) DO UPDATE SET search_vector = EXCLUDED.search_vector;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION text_searchvector_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE text_searchvector;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER text_searchdocument_vector
        AFTER INSERT OR UPDATE OF title_tokens, body_tokens OR DELETE ON text_searchdocument
        FOR EACH ROW EXECUTE FUNCTION text_searchvector_sync()""",
    """CREATE TRIGGER text_searchdocument_vector_truncate
        AFTER TRUNCATE ON text_searchdocument
        FOR EACH STATEMENT EXECUTE FUNCTION text_searchvector_truncate()""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS text_searchdocument_vector_truncate ON text_searchdocument",
    "DROP TRIGGER IF EXISTS text_searchdocument_vector ON text_searchdocument",
    "DROP FUNCTION IF EXISTS text_searchvector_truncate()",
    "DROP FUNCTION IF EXISTS text_searchvector_sync()",
    "DROP TABLE IF EXISTS text_searchvector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        with schema_editor.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("text", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
