"""Full-text structures of the database fallback (search.backends.database), per database.

SQLite: an FTS5 table over the segmented words. Its tokenizer keeps Thai vowel and tone
marks inside tokens (the default splits ผู้ at its marks) and leaves accents alone (the
engine does not fold them either); the rowid is the page id. search.backends.database.sqlite writes it in
the same transaction as the document rows.

PostgreSQL: stored generated tsvector columns ('simple': no stemming, no stop words; the
text is already segmented) with GIN indexes on the two that queries match on.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE IF NOT EXISTS portal_search_fallbackfts USING fts5(
        title_words, words, fine_words,
        tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
    )
    """,
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS portal_search_fallbackfts"]

POSTGRES_FORWARD = [
    """
    ALTER TABLE portal_search_fallbackdocument
        ADD COLUMN title_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title_words)) STORED,
        ADD COLUMN words_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, words)) STORED,
        ADD COLUMN fine_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, fine_words)) STORED
    """,
    # fastupdate off: rows change a few at a time, and a pending list would make searches
    # after a rebuild scan every row until (auto)vacuum merges it.
    "CREATE INDEX portal_search_fallback_words_gin ON portal_search_fallbackdocument USING gin (words_tsv) WITH (fastupdate = off)",
    "CREATE INDEX portal_search_fallback_fine_gin ON portal_search_fallbackdocument USING gin (fine_tsv) WITH (fastupdate = off)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS portal_search_fallback_fine_gin",
    "DROP INDEX IF EXISTS portal_search_fallback_words_gin",
    """
    ALTER TABLE portal_search_fallbackdocument
        DROP COLUMN IF EXISTS fine_tsv, DROP COLUMN IF EXISTS words_tsv, DROP COLUMN IF EXISTS title_tsv
    """,
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0004_fallback_documents")]
    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
