"""The database backend's SQL on PostgreSQL: generated tsvector columns
(to_tsvector('simple', …), migration 0005) with GIN indexes, phraseto_tsquery and
ts_rank_cd. Visitor words reach it as parameters only.

PostgreSQL records word positions only up to 16,383, so beyond that many words into a
document a phrase of several words is no longer found there (single words still are).
"""

from __future__ import annotations

from django.db import connection

from .plan import Chunk, Plan
from .schema import TITLE_WEIGHT, WORDS_WEIGHT, placeholders, select_columns
from .schema import table as schema_table


def _pg_tsquery(phrases: list[tuple[str, ...]]) -> tuple[str, list[str]]:
    sql = " || ".join(["phraseto_tsquery('simple', %s)"] * len(phrases))
    return f"({sql})", [" ".join(phrase) for phrase in phrases]


def _pg_chunk(chunk: Chunk) -> tuple[str, list[str]]:
    words_sql, words_params = _pg_tsquery(chunk.phrases)
    fine_sql, fine_params = _pg_tsquery(chunk.fine)
    return f"(d.words_tsv @@ {words_sql} OR d.fine_tsv @@ {fine_sql})", words_params + fine_params


def fetch(plan: Plan, kinds: tuple[str, ...]) -> list[tuple]:
    table = schema_table()
    where = [f"d.kind IN ({placeholders(len(kinds))})"]
    where_params: list = list(kinds)
    for chunk in plan.required:
        sql, chunk_params = _pg_chunk(chunk)
        where.append(sql)
        where_params += chunk_params
    for chunk in plan.excluded:
        sql, chunk_params = _pg_chunk(chunk)
        where.append(f"NOT {sql}")
        where_params += chunk_params
    rank_params: list = []
    if plan.required:
        # Ranked on whole-word phrases only: a match found only among the finer words ranks
        # below them (like the engine's .icu fields, newest first among themselves), and
        # leaving fine_tsv out saves reading one more large tsvector per match.
        words_sql, words_params = _pg_tsquery([phrase for chunk in plan.required for phrase in chunk.phrases])
        rank = f"{TITLE_WEIGHT} * ts_rank_cd(d.title_tsv, {words_sql}) + {WORDS_WEIGHT} * ts_rank_cd(d.words_tsv, {words_sql})"
        rank_params = words_params + words_params
    else:
        rank = "0.0"
    sql = f"SELECT {select_columns()}, {rank} FROM {table} d WHERE {' AND '.join(where)}"  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(sql, rank_params + where_params)
        return cursor.fetchall()
