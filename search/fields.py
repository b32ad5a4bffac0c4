"""The one declaration of a search document's fields.

Everything that knows the document's shape is derived from FIELDS: the engine's mapping
(search.backends.engine.mapping), the document builder's segmented fields
(search.documents.MARKED_FIELDS), the database backend's columns and hit sources
(search.models.FallbackDocument's facet columns, search.backends.database). Adding a facet is
one entry here plus a migration for its database column; tests/search/test_fields.py checks
that the three agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FieldType(StrEnum):
    KEYWORD = "keyword"  # an exact value (a slug, a code), or a list of them
    TEXT = "text"  # text cut into words by thai.text.mark_words, searched
    INTEGER = "integer"
    DATE = "date"
    COMPLETION = "completion"  # search-as-you-type inputs (the engine's only)


@dataclass(frozen=True)
class IndexedField:
    name: str
    type: FieldType
    facet: bool = False  # filterable, and counted unless counted=False
    counted: bool = True  # a facet whose values are counted (not `kind`: every query names it)
    many: bool = False  # a list of values
    in_hit: bool = True  # carried in a hit's source (so the database stores a column for it)
    boost: float | None = None  # a text field a query searches, with its relative weight
    highlighted: bool = False  # highlights are taken from it (the engine stores term vectors)
    searchable: bool = True  # False: stored for display only, never matched
    language: str = "th"  # "en": English text, analysed in English (stemming) by the engine


KEYWORD, TEXT, INTEGER, DATE = FieldType.KEYWORD, FieldType.TEXT, FieldType.INTEGER, FieldType.DATE

FIELDS: tuple[IndexedField, ...] = (
    IndexedField("kind", KEYWORD, facet=True, counted=False),
    IndexedField("page_id", INTEGER),
    IndexedField("url", KEYWORD, searchable=False),
    IndexedField("title", TEXT, boost=4.0, highlighted=True),
    IndexedField("summary", TEXT, boost=2.0, highlighted=True),
    IndexedField("body", TEXT, boost=1.0, highlighted=True, in_hit=False),
    IndexedField("keywords_text", TEXT, boost=2.0, in_hit=False),
    IndexedField("places", TEXT, boost=1.5, in_hit=False),
    # The names (Thai and English) of a case's focus areas, target groups, funding sources
    # (and ศพด. for a child development centre's cases; a centre's own type names for a
    # centre): heavy, so a query naming a case's area ranks that case first.
    IndexedField("topics", TEXT, boost=3.0, in_hit=False),
    IndexedField("centre_type", KEYWORD, facet=True),
    IndexedField("focus_areas", KEYWORD, facet=True, many=True),
    IndexedField("region", KEYWORD, facet=True),
    IndexedField("province", KEYWORD, facet=True),
    IndexedField("district", KEYWORD, facet=True),
    IndexedField("lao_type", KEYWORD, facet=True),
    IndexedField("lao", KEYWORD, in_hit=False),  # the LAO's Thai name: suggestions only
    IndexedField("centre_id", INTEGER),
    IndexedField("centre_title", KEYWORD, searchable=False),
    IndexedField("year_be", INTEGER, facet=True),
    IndexedField("keywords", KEYWORD, facet=True, many=True),
    IndexedField("target_groups", KEYWORD, facet=True, many=True),
    IndexedField("evidence_level", INTEGER, facet=True),  # 1–5, learning_centres.models.evidence
    IndexedField("published_at", DATE),
    IndexedField("updated_at", DATE),
    # When anything the document carries last changed: the page's publication, the reading of
    # its attachments, its English translation's publication. Reconcile compares it.
    IndexedField("content_at", DATE, in_hit=False),
    # Text read from the documents a case study attaches (attachments.DocumentText), already
    # cut into words by the worker: searched, but lighter than anything the page says itself.
    IndexedField("attachments", TEXT, boost=0.5, in_hit=False),
    IndexedField("has_documents", KEYWORD, facet=True),  # "yes": the case attaches a document
    # The text of the page's English translation, where an editor wrote one (the English tree's
    # aliases of Thai pages add nothing): found from /en/search/ and the API alike.
    IndexedField("english", TEXT, boost=1.0, in_hit=False, language="en"),
    IndexedField("suggest", FieldType.COMPLETION, in_hit=False),
)

BY_NAME = {field.name: field for field in FIELDS}
# Filterable fields, in declaration order; the counted ones are the facets a result shows.
FACET_FIELDS = tuple(field.name for field in FIELDS if field.facet)
COUNTED_FACETS = tuple(field.name for field in FIELDS if field.facet and field.counted)
LIST_FIELDS = frozenset(field.name for field in FIELDS if field.many)
# The fields a hit's `source` carries, whichever backend answers.
HIT_FIELDS = tuple(field.name for field in FIELDS if field.in_hit)
# The text fields a query searches, heaviest first, with their weights.
SEARCH_FIELDS = {field.name: field.boost for field in sorted(FIELDS, key=lambda f: -(f.boost or 0)) if field.boost}
TEXT_FIELDS = tuple(field.name for field in FIELDS if field.type == FieldType.TEXT)
# Text fields whose words weigh less than the page's own: the database backend matches them
# among its finer words only (search.backends.database.sync), ranked below a whole-word match.
LIGHT_TEXT_FIELDS = ("attachments",)
ENGLISH_TEXT_FIELDS = tuple(field.name for field in FIELDS if field.type == FieldType.TEXT and field.language == "en")
HIGHLIGHTED_FIELDS = tuple(field.name for field in FIELDS if field.highlighted)
