"""What the database backend stores and reads, derived from search.fields, and the small SQL
helpers both dialects share.

Storage (search.models.FallbackDocument, one row per index document):
- `words`: every searched field (title, summary, body, keywords, places, topics) as normalised
  words joined by spaces, read off the index document's marked text, so the words and the
  highlights are cut exactly where the index cuts them. `title_words` repeats the title
  and the topics (area, target group, funding and centre type names) so that they weigh
  more in ranking.
- `fine_words`: the same words cut finer (thai.compounds.fine_split), so that ท้องถิ่น finds
  องค์กรปกครองส่วนท้องถิ่น. Queries are cut by the same function, so a chunk matches if its
  fine words are a phrase of the document's fine words. This plays the role of the
  engine's `.icu` sub-fields, and like them a fine-only match ranks below a whole-word match.
- Matching: SQLite uses an FTS5 table (search.backends.database.sqlite); PostgreSQL uses
  generated tsvector columns with GIN indexes (search.backends.database.postgres).
- Limits: a phrase may run from the end of one field into the next (the fields' words are
  stored one after the other).

SQL in this package is assembled only from constant table and column names and %s
placeholders; every value, visitor text included, is a bound parameter (hence the
S608/B608 exemptions where it is assembled).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.db import connection

from search.fields import COUNTED_FACETS, FACET_FIELDS, HIT_FIELDS
from search.models import FallbackDocument

# The fields a hit's `source` carries, as in the engine's documents.
SOURCE_FIELDS = HIT_FIELDS
FACETS = COUNTED_FACETS
# What a search reads of every matching row: its id, its date and its facet values.
ROW_COLUMNS = ("doc_id", "published_at", *FACET_FIELDS)
# Ranking weights of title_words, words and fine_words (bm25 on SQLite; PostgreSQL's
# ts_rank_cd uses the first two).
TITLE_WEIGHT, WORDS_WEIGHT, FINE_WEIGHT = 4.0, 1.0, 0.5


def is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def table() -> str:
    return connection.ops.quote_name(FallbackDocument._meta.db_table)


def placeholders(count: int) -> str:
    return ", ".join(["%s"] * count)


def chunks(items: Sequence, size: int = 500) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def select_columns() -> str:
    return ", ".join(f"d.{connection.ops.quote_name(name)}" for name in ROW_COLUMNS)
