"""What visitors search for, and what they do not find, for the editors' reports.

One counter row per normalised query per day (`SearchQueryDay`), so a busy day costs rows by
distinct query, not by search; written by one upsert statement (INSERT … ON CONFLICT DO
UPDATE, which PostgreSQL and SQLite both speak), so a search adds one short statement and
nothing else.

What counts (decided in docs/decisions.md, "Search analytics"):
- Only a search the visitor started: the search page's query box sends `searched=1` (its
  button's name), which filter, sort and page changes do not send. The JSON API, the
  exports, the suggestions and the listings never count.
- Only queries worth reading: normalised (thai.text.normalise, spaces collapsed), at most
  MAX_QUERY_LENGTH characters, with at least one letter, without control characters.
  Anything else is not recorded at all.
- Not what bots send: addresses and paths (http://, www., /wp-admin, .php), markup and SQL
  probes (<script, union select, or 1=1), and one character hammered (aaaaaaa). The
  reports leave such rows out too (is_junk), whenever they were recorded.
- "Found nothing" means the query alone found nothing: with filters chosen, an empty result
  is checked again without them.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import connection
from django.utils import timezone

from thai.text import normalise

from .models import SearchQueryDay

MAX_QUERY_LENGTH = 100  # SearchQueryDay.query_string's length
# What scanners and scrapers type into search boxes, not what people look for.
_BOT_LIKE = re.compile(
    r"^(?:https?:|ftp:|www\.)|://|\.(?:php|aspx?|jsp|env|cgi)\b|wp-(?:admin|login|content)|\.\./"
    r"|<\s*/?\s*(?:script|iframe|img|svg)|\bunion\s+(?:all\s+)?select\b|\b(?:or|and)\s+\d+\s*=\s*\d+|;\s*drop\s+table"
    r"|([^\W\d])\1{5,}",  # one letter hammered; a long number is a real query (1000000)
    re.IGNORECASE,
)
SEARCH_FLAG = "searched"  # the query box's submit button: name="searched" value="1"


def is_junk(query: str) -> bool:
    """Whether a (normalised) query is not worth an editor's reading: empty, over-long,
    without a letter (digits, punctuation, symbols alone), with control characters, or
    bot-like."""
    if not query or len(query) > MAX_QUERY_LENGTH:
        return True
    if not any(char.isalpha() for char in query):
        return True
    if any(unicodedata.category(char) in ("Cc", "Cf", "Co", "Cn") for char in query):
        return True
    return bool(_BOT_LIKE.search(query))


def reportable_query(text: str) -> str | None:
    """The query as the reports show it, or None when it is not worth recording."""
    query = " ".join(normalise(text).split())
    return None if is_junk(query) else query


def record_search(query: str, *, found_nothing: bool) -> None:
    """Count one search of `query` (already reportable_query's) today, in one statement."""
    table = connection.ops.quote_name(SearchQueryDay._meta.db_table)
    # The only name in the statement is our model's table, quoted; the values are parameters.
    upsert = (
        f"INSERT INTO {table} (query_string, day, searches, found_nothing) VALUES (%s, %s, 1, %s) "  # noqa: S608  # nosec B608
        f"ON CONFLICT (query_string, day) DO UPDATE SET searches = {table}.searches + 1, "
        f"found_nothing = {table}.found_nothing + excluded.found_nothing"
    )
    with connection.cursor() as cursor:
        cursor.execute(upsert, [query, timezone.localdate(), int(found_nothing)])
