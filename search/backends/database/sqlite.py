"""The database backend's SQL on SQLite: an FTS5 table (migration 0005, rowid = page id)
mirrors the *_words columns, written in the same transaction as the rows, and ranks with
bm25. FTS5 expressions are built from normalised word tokens only, each double-quoted, so
visitor syntax never reaches them."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

from search.models import FallbackDocument

from .plan import Chunk, Plan
from .schema import FINE_WEIGHT, TITLE_WEIGHT, WORDS_WEIGHT, chunks, placeholders, select_columns
from .schema import table as schema_table

FTS_TABLE = "portal_search_fallbackfts"


def _fts_phrase(words: tuple[str, ...]) -> str:
    return " + ".join('"{}"'.format(word.replace('"', "")) for word in words)


def _fts_chunk(chunk: Chunk) -> str:
    alternatives = list(dict.fromkeys(chunk.phrases + chunk.fine))
    return "(" + " OR ".join(f"({_fts_phrase(phrase)})" for phrase in alternatives) + ")"


def fetch(plan: Plan, kinds: tuple[str, ...]) -> list[tuple]:
    table = schema_table()
    columns, kind_sql = select_columns(), placeholders(len(kinds))
    params: list = []
    if plan.required:
        rank = f"-bm25({FTS_TABLE}, {TITLE_WEIGHT}, {WORDS_WEIGHT}, {FINE_WEIGHT})"
        join = f"{FTS_TABLE} JOIN {table} d ON d.page_id = {FTS_TABLE}.rowid"
        sql = f"SELECT {columns}, {rank} FROM {join} WHERE {FTS_TABLE} MATCH %s AND d.kind IN ({kind_sql})"  # noqa: S608  # nosec B608
        params += [" AND ".join(_fts_chunk(chunk) for chunk in plan.required), *kinds]
    else:
        sql = f"SELECT {columns}, 0.0 FROM {table} d WHERE d.kind IN ({kind_sql})"  # noqa: S608  # nosec B608
        params += list(kinds)
    if plan.excluded:
        sql += f" AND d.page_id NOT IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"  # noqa: S608  # nosec B608
        params.append(" OR ".join(_fts_chunk(chunk) for chunk in plan.excluded))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def delete_full_text(page_ids: Sequence[int] | None) -> None:
    """Remove the full-text rows of these pages, or all of them."""
    with connection.cursor() as cursor:
        if page_ids is None:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608  # nosec B608
            return
        for chunk in chunks(page_ids):
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders(len(chunk))})", list(chunk))  # noqa: S608  # nosec B608


def write_full_text(rows: list[FallbackDocument]) -> None:
    # Rows left by a database flush (which does not know this table) go first.
    delete_full_text([row.page_id for row in rows])
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title_words, words, fine_words) VALUES (%s, %s, %s, %s)",  # noqa: S608  # nosec B608
            [(row.page_id, row.title_words, row.words, row.fine_words) for row in rows],
        )
