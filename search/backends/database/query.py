"""Search from the database when there is no engine, or it does not answer.

Same input and output as the engine path (search.query.SearchQuery → SearchResult with
Hit objects shaped like the engine's), the same normaliser and segmenter (search.text),
and the same query semantics: the visitor's text is split by parse_terms() into required
and excluded chunks; each chunk is segmented and must match as a phrase (its words
adjacent and in order); a chunk equal to a term of an editor's synonym group matches any
term of the group. Filters combine with OR within a facet and AND across facets, and
each facet is counted with the other facets' filters only (multi-select facets).

Storage (search.models.FallbackDocument, one row per index document):
- `words`: every searched field (title, summary, body, keywords, places) as normalised
  words joined by spaces, read off the index document's marked text, so the words and the
  highlights are cut exactly where the index cuts them. `title_words` repeats the title
  so that it can weigh more in ranking.
- `fine_words`: the same words cut finer. PyThaiNLP keeps compounds whole
  (องค์กรปกครองส่วนท้องถิ่น is one word), so a search for ท้องถิ่น would miss them. Each Thai
  word of six or more code points is split into the fewest dictionary words (two letters or
  more each) that spell it exactly, recursively: องค์กรปกครองส่วนท้องถิ่น → องค์ กร ปก ครอง
  ส่วน ท้อง ถิ่น, and ท้องถิ่น → ท้อง ถิ่น. Queries are cut by the same function, so a chunk
  matches if its fine words are a phrase of the document's fine words. Words with no exact
  dictionary cover stay whole, which is why ยา does not find พยาบาล nor นา นาฬิกา (a cut
  into syllables, e.g. subword_tokenize(engine="dict"), would: นา|ฬิ|กา). Short words are
  never cut, so นา does not find นาที. This plays the role of the engine's `.icu`
  sub-fields, and like them a fine-only match ranks below a whole-word match.
- Matching: SQLite uses an FTS5 table (migration 0004, rowid = page id) written here in
  the same transaction as the rows; PostgreSQL uses generated tsvector columns
  (to_tsvector('simple', …)) with GIN indexes, phraseto_tsquery and ts_rank_cd. Visitor
  text never reaches SQL: FTS5 expressions are built from normalised word tokens only,
  each double-quoted, and PostgreSQL gets them as parameters.
- Limits: a phrase may run from the end of one field into the next; PostgreSQL records word
  positions only up to 16,383, so beyond that many words into a document a phrase of
  several words is no longer found there (single words still are).

Sync: update_fallback() is called by search.indexing.enqueue(), the single point every
editorial signal goes through, in the editor's transaction; rebuild_fallback() (the
`rebuild_fallback_index` command) refills everything; after `migrate`, a table that does
not hold exactly the searchable documents (e.g. a database older than this table) is
rebuilt.
"""

from __future__ import annotations

import datetime
import html
import json
import logging
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models.functions import Length
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.utils.http import urlencode

from . import text as text_module
from .documents import all_documents, documents_for_pages
from .mapping import FACET_FIELDS
from .models import FallbackDocument, SearchSynonym
from .query import MAX_RESULT_WINDOW, Hit, SearchQuery, SearchResult, parse_terms
from .synonyms import synonym_rules
from .text import WORD_MARK, mark_words, normalise, segment

logger = logging.getLogger(__name__)

FTS_TABLE = "portal_search_fallbackfts"  # SQLite only; created by migration 0004
BATCH_SIZE = 200
FACET_SIZE = 80  # as many buckets as the engine's terms aggregations return
FRAGMENT_SIZE = 160
SUGGEST_WORDS = 12  # title tails from the first 12 words, as the engine's completion inputs
SUGGEST_KEY_LENGTH = 100
# Ranking weights of title_words, words and fine_words (bm25 on SQLite; PostgreSQL's
# ts_rank_cd uses the first two).
TITLE_WEIGHT, WORDS_WEIGHT, FINE_WEIGHT = 4.0, 1.0, 0.5
# Fine splitting: only Thai words this long are split, into pieces at least this long.
FINE_MIN_WORD, FINE_MIN_PIECE = 6, 2
# The fields a hit's `source` carries, as in the engine's documents.
SOURCE_FIELDS = (
    "kind",
    "page_id",
    "url",
    "title",
    "summary",
    "centre_title",
    "centre_id",
    "province",
    "region",
    "district",
    "lao_type",
    "year_be",
    "focus_areas",
    "keywords",
    "target_groups",
    "centre_type",
    "published_at",
    "updated_at",
)
FACETS = tuple(name for name in FACET_FIELDS if name != "kind")
_LIST_FIELDS = {"focus_areas", "keywords", "target_groups"}
_ROW_COLUMNS = ("doc_id", "published_at", *FACET_FIELDS)


# --- words ---------------------------------------------------------------------------------


def _word_character_class() -> str:
    """Letters, digits, marks and private-use characters: what FTS5's tokenizer (categories
    'L* N* Co M*') keeps inside a token. Everything else, WORD_MARK included, separates."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        category = unicodedata.category(chr(code))
        if category[0] in "LNM" or category == "Co":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


_WORD_CLASS = _word_character_class()
# Beyond the BMP, \w's letters and digits are close enough for search.
_WORD_RUN = re.compile(f"(?:[{_WORD_CLASS}]|[^\\W_])+")
_THAI = re.compile("[\u0e00-\u0e7f]")


def words_of(text: str) -> list[str]:
    """The lowercased word tokens of normalised or marked text (separators dropped)."""
    return [run.lower() for run in _WORD_RUN.findall(text or "")]


@lru_cache(maxsize=1)
def _dictionary():
    # The segmenter's own dictionary (PyThaiNLP words, place and programme names), so that
    # a fine split never uses a word the segmenter would not know.
    from pythainlp.util import Trie

    return Trie(text_module._dictionary_words())


@lru_cache(maxsize=200_000)
def _split_once(word: str) -> tuple[str, ...] | None:
    """The fewest dictionary words (of two or more code points, not `word` itself) that
    spell `word` exactly; ties go to the longest first word. None if there is no cover."""
    trie = _dictionary()
    size = len(word)
    best: list[tuple[str, ...] | None] = [None] * (size + 1)
    best[size] = ()
    for start in range(size - 1, -1, -1):
        for prefix in sorted(trie.prefixes(word[start:]), key=len, reverse=True):
            end = start + len(prefix)
            rest = best[end]
            if len(prefix) < FINE_MIN_PIECE or rest is None or (start == 0 and end == size):
                continue
            if best[start] is None or len(rest) + 1 < len(best[start]):
                best[start] = (prefix, *rest)
    return best[0]


@lru_cache(maxsize=200_000)
def fine_split(word: str) -> tuple[str, ...]:
    """`word` as the finer words matched by the `fine_words` column (see the docstring)."""
    if len(word) < FINE_MIN_WORD or not _THAI.match(word):
        return (word,)
    parts = _split_once(word)
    if not parts:
        return (word,)
    return tuple(piece for part in parts for piece in fine_split(part))


def fine_words_of(words: Iterable[str]) -> list[str]:
    return [piece for word in words for piece in fine_split(word)]


# --- sync ----------------------------------------------------------------------------------


def _suggest_key(text: str) -> str:
    # Only letters, digits and marks count, so "ผู้สูงอายุ: แผน" and "ผู้สูงอายุแผน" are alike.
    return "".join(words_of(normalise(text)))[:SUGGEST_KEY_LENGTH]


def _suggest_keys(marked: str) -> list[str]:
    """Normalised tails of `marked` (text cut by mark_words) from each word start on, and
    from each start of a finer word inside a compound (โครง|การเยี่ยม|บ้าน also starts at
    เยี่ยม), spaces removed, so that a prefix typed with or without spaces finds them."""
    parts = [part for part in re.split(f"[{WORD_MARK}\\s]+", marked) if part]
    keys = []
    for index, part in enumerate(parts[:SUGGEST_WORDS]):
        if not _WORD_RUN.match(part):
            continue  # punctuation starts no word
        offsets = [0]
        if _WORD_RUN.fullmatch(part):
            for piece in fine_split(part.lower())[:-1]:
                offsets.append(offsets[-1] + len(piece))
        rest = "".join(parts[index + 1 :])
        for offset in offsets:
            key = _suggest_key(part[offset:] + rest)
            if key:
                keys.append(key)
    return list(dict.fromkeys(keys))


def _timestamp(value) -> datetime.datetime | None:
    if value is None or isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.fromisoformat(str(value))


def _row(doc_id: str, doc: dict) -> FallbackDocument:
    words = words_of(" ".join(doc.get(name) or "" for name in ("title", "summary", "body", "keywords_text", "places")))
    keys = _suggest_keys(doc["title"])
    if doc.get("kind") == "centre" and doc.get("lao"):
        keys += _suggest_keys(mark_words(doc["lao"]))
    return FallbackDocument(
        doc_id=doc_id,
        kind=doc["kind"],
        page_id=doc["page_id"],
        url=doc.get("url") or "",
        title=doc.get("title") or "",
        summary=doc.get("summary") or "",
        body=doc.get("body") or "",
        title_words=" ".join(words_of(doc.get("title") or "")),
        words=" ".join(words),
        fine_words=" ".join(fine_words_of(words)),
        suggest_text="".join(f"\n{key}" for key in dict.fromkeys(keys)),
        centre_type=doc.get("centre_type"),
        region=doc.get("region"),
        province=doc.get("province"),
        district=doc.get("district"),
        lao_type=doc.get("lao_type"),
        year_be=doc.get("year_be"),
        focus_areas=list(doc.get("focus_areas") or []),
        keywords=list(doc.get("keywords") or []),
        target_groups=list(doc.get("target_groups") or []),
        centre_id=doc.get("centre_id"),
        centre_title=doc.get("centre_title") or "",
        published_at=_timestamp(doc.get("published_at")),
        updated_at=_timestamp(doc.get("updated_at")),
    )


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def _chunks(items: Sequence, size: int = 500) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# The SQL below is assembled from constant identifiers and %s placeholders only, which is
# why its S608 warnings are silenced; every value, visitor text included, is a parameter.


# SQL in this module is assembled only from constant table and column names and %s
# placeholders; every value is a bound parameter (hence the S608/B608 exemptions).
def _placeholders(count: int) -> str:
    return ", ".join(["%s"] * count)


def _delete(page_ids: Sequence[int] | None) -> None:
    """Remove the rows (and SQLite full-text rows) of these pages, or all of them. In SQL,
    not QuerySet.delete(): the app's catch-all post_delete receiver would make Django load
    every row, long texts included, before deleting it."""
    table = connection.ops.quote_name(FallbackDocument._meta.db_table)
    tables = [table, FTS_TABLE] if _is_sqlite() else [table]
    with connection.cursor() as cursor:
        for name in tables:
            key = "rowid" if name == FTS_TABLE else "page_id"
            if page_ids is None:
                cursor.execute(f"DELETE FROM {name}")  # noqa: S608  # nosec B608
                continue
            for chunk in _chunks(page_ids):
                cursor.execute(f"DELETE FROM {name} WHERE {key} IN ({_placeholders(len(chunk))})", list(chunk))  # noqa: S608  # nosec B608


def _write(rows: list[FallbackDocument]) -> None:
    FallbackDocument.objects.bulk_create(rows)
    if _is_sqlite() and rows:
        with connection.cursor() as cursor:
            # Rows left by a database flush (which does not know this table) go first.
            for chunk in _chunks([row.page_id for row in rows]):
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({_placeholders(len(chunk))})", list(chunk))  # noqa: S608  # nosec B608
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title_words, words, fine_words) VALUES (%s, %s, %s, %s)",  # noqa: S608  # nosec B608
                [(row.page_id, row.title_words, row.words, row.fine_words) for row in rows],
            )


def update_fallback(page_ids: Iterable[int]) -> None:
    """Make the fallback's rows for these pages equal to what is searchable now: rows of
    pages that are no longer searchable go, the others are rewritten."""
    page_ids = sorted(set(page_ids))
    if not page_ids:
        return
    to_index, _to_delete = documents_for_pages(page_ids)
    rows = [_row(doc_id, doc) for doc_id, doc in to_index.items()]
    with transaction.atomic():
        # A page is at most one document, so the page ids cover both kinds and _to_delete.
        _delete(page_ids)
        _write(rows)


def rebuild_fallback(workers: int = 1) -> int:
    """Empty the fallback and refill it from every searchable page, a batch at a time.
    One transaction: searches see the old rows until the new ones are complete. Documents
    are built by `workers` processes (see all_documents)."""
    count = 0
    with transaction.atomic():
        _delete(None)
        batch: list[FallbackDocument] = []
        for doc_id, doc in all_documents(workers=workers):
            batch.append(_row(doc_id, doc))
            if len(batch) >= BATCH_SIZE:
                _write(batch)
                count += len(batch)
                batch = []
        _write(batch)
        count += len(batch)
    return count


@receiver(post_migrate)
def _fill_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """A database that had pages before this table existed (or was changed by code that
    skipped the signals) gets its fallback filled by the next `migrate`."""
    if getattr(sender, "label", None) != "portal_search" or using != DEFAULT_DB_ALIAS:
        return
    if FallbackDocument._meta.db_table not in connection.introspection.table_names():
        return  # migrated backwards
    from .indexing import expected_documents

    if set(FallbackDocument.objects.values_list("doc_id", flat=True)) != set(expected_documents()):
        count = rebuild_fallback()
        logger.info("Rebuilt the fallback search table: %s documents", count)


# --- the query -----------------------------------------------------------------------------


@dataclass
class _Chunk:
    """One chunk of the visitor's text: the word sequences that satisfy it (its own and
    its synonyms'), whole and finely cut."""

    phrases: list[tuple[str, ...]]
    fine: list[tuple[str, ...]]


@dataclass
class _Plan:
    required: list[_Chunk] = field(default_factory=list)
    excluded: list[_Chunk] = field(default_factory=list)
    impossible: bool = False  # a required chunk without a single word matches nothing


def _synonym_groups() -> list[list[tuple[str, ...]]]:
    # Editors' changes apply to the next search (no rebuild needed here); segmenting every
    # rule costs more than the query itself, so it is redone only when the rows change.
    return _groups_for(tuple(SearchSynonym.objects.order_by("pk").values_list("pk", "terms")))


@lru_cache(maxsize=4)
def _groups_for(rows: tuple) -> list[list[tuple[str, ...]]]:
    return [[tuple(words_of(term)) for term in rule.split(",")] for rule in synonym_rules()]


def _chunk(chunk: str, groups: list[list[tuple[str, ...]]]) -> _Chunk:
    own = tuple(words_of(segment(chunk)))
    phrases = [own] if own else []
    for group in groups:
        if own and own in group:
            phrases += group
    phrases = [phrase for phrase in dict.fromkeys(phrases) if phrase]
    fine = list(dict.fromkeys(tuple(fine_words_of(phrase)) for phrase in phrases))
    return _Chunk(phrases=phrases, fine=fine)


def _plan(text: str) -> _Plan:
    required, excluded = parse_terms(text or "")
    plan = _Plan()
    if not required and not excluded:
        return plan
    groups = _synonym_groups()
    plan.required = [_chunk(chunk, groups) for chunk in required]
    plan.excluded = [chunk for chunk in (_chunk(chunk, groups) for chunk in excluded) if chunk.phrases]
    plan.impossible = any(not chunk.phrases for chunk in plan.required)
    return plan


def _fts_phrase(words: tuple[str, ...]) -> str:
    return " + ".join('"{}"'.format(word.replace('"', "")) for word in words)


def _fts_chunk(chunk: _Chunk) -> str:
    alternatives = list(dict.fromkeys(chunk.phrases + chunk.fine))
    return "(" + " OR ".join(f"({_fts_phrase(phrase)})" for phrase in alternatives) + ")"


def _pg_tsquery(phrases: list[tuple[str, ...]]) -> tuple[str, list[str]]:
    sql = " || ".join(["phraseto_tsquery('simple', %s)"] * len(phrases))
    return f"({sql})", [" ".join(phrase) for phrase in phrases]


def _pg_chunk(chunk: _Chunk) -> tuple[str, list[str]]:
    words_sql, words_params = _pg_tsquery(chunk.phrases)
    fine_sql, fine_params = _pg_tsquery(chunk.fine)
    return f"(d.words_tsv @@ {words_sql} OR d.fine_tsv @@ {fine_sql})", words_params + fine_params


def _select_columns() -> str:
    return ", ".join(f"d.{connection.ops.quote_name(name)}" for name in _ROW_COLUMNS)


def _fetch_sqlite(plan: _Plan, kinds: tuple[str, ...]) -> list[tuple]:
    table = connection.ops.quote_name(FallbackDocument._meta.db_table)
    columns, kind_sql = _select_columns(), _placeholders(len(kinds))
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


def _fetch_postgresql(plan: _Plan, kinds: tuple[str, ...]) -> list[tuple]:
    table = connection.ops.quote_name(FallbackDocument._meta.db_table)
    where = [f"d.kind IN ({_placeholders(len(kinds))})"]
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
    sql = f"SELECT {_select_columns()}, {rank} FROM {table} d WHERE {' AND '.join(where)}"  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(sql, rank_params + where_params)
        return cursor.fetchall()


@dataclass(slots=True)
class _Match:
    doc_id: str
    score: float
    # As the database returns it (text on SQLite, datetime on PostgreSQL): comparable
    # within one database, and unpublished (None) sorts last.
    published: tuple
    values: dict[str, tuple[str, ...]]


def _match(row: tuple) -> _Match:
    # Runs once per matching row, so kept plain: list facets arrive as JSON text (or
    # already decoded), their items are strings by construction.
    doc_id, published, *facets, score = row
    values = {}
    for name, raw in zip(FACET_FIELDS, facets, strict=True):
        if raw is None:
            values[name] = ()
        elif name in _LIST_FIELDS:
            values[name] = tuple(json.loads(raw) if isinstance(raw, str) else raw)
        else:
            values[name] = (raw if isinstance(raw, str) else str(raw),)
    return _Match(doc_id=doc_id, score=float(score or 0.0), published=(published is not None, published), values=values)


def search(query: SearchQuery) -> SearchResult:
    """Answer `query` from the database, shaped exactly like search.query.run()."""
    started = time.perf_counter()
    plan = _plan(query.text)
    kinds = tuple(dict.fromkeys(query.kinds))
    if plan.impossible or not kinds:
        rows = []
    elif _is_sqlite():
        rows = _fetch_sqlite(plan, kinds)
    else:
        rows = _fetch_postgresql(plan, kinds)
    filters = {name: frozenset(map(str, values)) for name, values in query.filters.items() if values and name in FACET_FIELDS}
    # One pass for hits and facets: a match that passes every filter counts in every
    # facet; one that fails a single facet's filter still counts in that facet (each facet
    # is counted with the other facets' filters only); more failures count nowhere.
    selected: list[_Match] = []
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    for match in map(_match, rows):
        failed = [name for name, wanted in filters.items() if wanted.isdisjoint(match.values[name])]
        if not failed:
            selected.append(match)
            for name, counter in counts.items():
                counter.update(match.values[name])
        elif len(failed) == 1 and failed[0] in counts:
            counts[failed[0]].update(match.values[failed[0]])
    # Stable sorts: ties keep the doc_id order, so pages never overlap.
    selected.sort(key=lambda match: match.doc_id)
    if query.sort == "newest":
        selected.sort(key=lambda match: (match.published, match.score), reverse=True)
    else:
        selected.sort(key=lambda match: (match.score, match.published), reverse=True)
    start = max(query.offset, 0)
    page = selected[start : min(start + max(query.page_size, 0), MAX_RESULT_WINDOW)]
    documents = FallbackDocument.objects.in_bulk([match.doc_id for match in page])
    sequences = [phrase for chunk in plan.required for phrase in chunk.fine]
    hits = [_hit(documents[match.doc_id], match.score, sequences) for match in page if match.doc_id in documents]
    facets = {name: sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:FACET_SIZE] for name, counter in counts.items()}
    return SearchResult(total=len(selected), hits=hits, facets=facets, took_ms=round((time.perf_counter() - started) * 1000))


def _iso(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _hit(document: FallbackDocument, score: float, sequences: list[tuple[str, ...]]) -> Hit:
    source = {name: getattr(document, name) for name in SOURCE_FIELDS}
    source["published_at"] = _iso(document.published_at)
    source["updated_at"] = _iso(document.updated_at)
    return Hit(
        id=document.doc_id,
        page_id=document.page_id,
        kind=document.kind,
        score=score,
        source=source,
        highlight=highlights(document, sequences),
    )


# --- highlights ----------------------------------------------------------------------------


def _units(text: str) -> list[tuple[str, int, int]]:
    """The fine words of `text` with their character offsets: the same cut the document's
    fine_words column was made of, so what matched there is found here."""
    units = []
    for run in _WORD_RUN.finditer(text):
        word = run.group().lower()
        pieces = fine_split(word)
        if len(word) != run.end() - run.start() or "".join(pieces) != word:
            units.append((word, run.start(), run.end()))
            continue
        offset = run.start()
        for piece in pieces:
            units.append((piece, offset, offset + len(piece)))
            offset += len(piece)
    return units


def _find(units: list[tuple[str, int, int]], sequence: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    size = len(sequence)
    for index in range(len(units) - size + 1):
        if all(units[index + offset][0] == word for offset, word in enumerate(sequence)):
            yield units[index][1], units[index + size - 1][2]


@lru_cache(maxsize=1024)
def _candidate_pattern(sequence: tuple[str, ...]) -> re.Pattern:
    # The words in order with only separators between them, found anywhere (overlapping):
    # a cheap scan of a long body; each candidate is then checked word by word.
    return re.compile("(?=({}))".format(f"[^{_WORD_CLASS}]*".join(re.escape(word) for word in sequence)))


def _run_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words."""
    while start > 0 and _WORD_RUN.match(text, start - 1):
        start -= 1
    while end < len(text) and _WORD_RUN.match(text, end):
        end += 1
    return start, end


def _ranges(text: str, sequences: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Character ranges of `text` where one of the word sequences occurs as whole fine
    words, merged where they overlap."""
    lowered = text.lower()
    found: set[tuple[int, int]] = set()
    for sequence in sequences:
        if len(lowered) != len(text):  # a rare letter whose lowercase is longer: go slowly
            found.update(_find(_units(text), sequence))
            continue
        for candidate in _candidate_pattern(sequence).finditer(lowered):
            start, end = candidate.start(1), candidate.end(1)
            low, high = _run_bounds(text, start, end)
            local = [(word, low + a, low + b) for word, a, b in _units(text[low:high])]
            found.update(hit for hit in _find(local, sequence) if hit == (start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


_BREAK = re.compile(f"[\\s{WORD_MARK}]")


def _window(text: str, first: tuple[int, int]) -> tuple[int, int]:
    """About FRAGMENT_SIZE characters around the first match, cut at word breaks."""
    if len(text) <= FRAGMENT_SIZE:
        return 0, len(text)
    match_start, match_end = first
    start = max(0, match_start - max(FRAGMENT_SIZE - (match_end - match_start), 0) // 3)
    end = min(len(text), max(start + FRAGMENT_SIZE, match_end))
    start = max(0, min(start, end - FRAGMENT_SIZE))
    if start > 0:
        gap = _BREAK.search(text, start, match_start)
        start = gap.end() if gap else start
    if end < len(text):
        breaks = [gap.start() for gap in _BREAK.finditer(text, match_end, end)]
        end = breaks[-1] if breaks else end
    while start < match_start and _BREAK.match(text, start):
        start += 1
    return start, end


def _marked_html(text: str, ranges: list[tuple[int, int]], start: int, end: int) -> str:
    parts, position = [], start
    for range_start, range_end in ranges:
        range_start, range_end = max(range_start, start), min(range_end, end)
        if range_start >= range_end:
            continue
        parts.append(html.escape(text[position:range_start]))
        parts.append(f"<mark>{html.escape(text[range_start:range_end])}</mark>")
        position = range_end
    parts.append(html.escape(text[position:end]))
    return "".join(parts)


def highlights(document: FallbackDocument, sequences: list[tuple[str, ...]]) -> dict[str, list[str]]:
    """{"title"|"summary"|"body": [html]} for the fields where the query's words occur:
    matches in <mark>, everything else escaped; the title whole, the others a fragment."""
    result: dict[str, list[str]] = {}
    if not sequences:
        return result
    for name in ("title", "summary", "body"):
        text = getattr(document, name) or ""
        ranges = _ranges(text, sequences)
        if not ranges:
            continue
        start, end = (0, len(text)) if name == "title" else _window(text, ranges[0])
        result[name] = [_marked_html(text, ranges, start, end)]
    return result


# --- suggestions ---------------------------------------------------------------------------


@dataclass
class Suggestion:
    label: str
    url: str
    kind: str  # "case_study", "centre", "focus_area" or "province"


_KIND_ORDER = {"focus_area": 0, "province": 1, "centre": 2, "case_study": 3}


@lru_cache(maxsize=4096)
def _name_keys(name: str) -> tuple[str, ...]:
    return tuple(_suggest_keys(mark_words(name)))


def _key_rank(keys: Sequence[str], prefix: str) -> int | None:
    """0: the whole name starts with the prefix; 1: one of its later words does."""
    for index, key in enumerate(keys):
        if key.startswith(prefix):
            return 0 if index == 0 else 1
    return None


def suggest(prefix: str, limit: int = 8, *, documents: bool = True) -> list[Suggestion]:
    """Case studies, centres, focus areas and provinces whose name, or one of its words
    (finer words inside compounds included), starts with `prefix`, normalised: Thai digits,
    spelling, case, spaces and punctuation do not matter. A prefix may end inside a word (ผู้สู →
    ผู้สูงอายุ); whole-name matches come first, then focus areas, provinces, centres, case
    studies, shorter names first. documents=False leaves out case studies and centres (the
    engine suggests those), sparing a scan of the whole table on every keystroke."""
    from learning_centres.models import FocusArea, Province

    key = _suggest_key(prefix)
    if not key or limit <= 0:
        return []
    found: list[tuple[tuple, Suggestion]] = []

    def add(rank: int | None, label: str, url: str, kind: str) -> None:
        if rank is not None:
            found.append(((rank, _KIND_ORDER[kind], len(label), label), Suggestion(label=label, url=url, kind=kind)))

    for area in FocusArea.objects.originals():
        for name in filter(None, (area.name_th, area.name_en)):
            add(_key_rank(_name_keys(name), key), name, "/search/?" + urlencode({"area": area.slug}), "focus_area")
    for province in Province.objects.all():
        for name in filter(None, (province.name_th, province.name_en)):
            add(_key_rank(_name_keys(name), key), name, "/search/?" + urlencode({"province": province.code}), "province")
    if not documents:
        return [suggestion for _rank, suggestion in sorted(found, key=lambda item: item[0])][:limit]
    # Whole-title matches first, then matches from a later word; shortest titles first.
    rows = FallbackDocument.objects.order_by(Length("title"), "doc_id").values_list("kind", "title", "url", "suggest_text")
    starts = list(rows.filter(suggest_text__startswith=f"\n{key}")[:limit])
    later = list(rows.filter(suggest_text__contains=f"\n{key}").exclude(suggest_text__startswith=f"\n{key}")[:limit])
    for kind, title, url, keys in starts + later:
        add(_key_rank(keys.split("\n")[1:], key), title.replace(WORD_MARK, ""), url, kind)

    suggestions, seen = [], set()
    for _rank, suggestion in sorted(found, key=lambda item: item[0]):
        if (suggestion.url, suggestion.kind) not in seen:
            seen.add((suggestion.url, suggestion.kind))
            suggestions.append(suggestion)
    return suggestions[:limit]
