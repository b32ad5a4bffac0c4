"""The search index: analysis chain and field mapping, written once with the
elasticsearch-dsl API and sent as plain JSON to OpenSearch or Elasticsearch.

Thai text reaches the index already cut into words by search.text.mark_words() (an
invisible zero-width space between words), so the engine splits exactly where PyThaiNLP
did, with our dictionary of place and programme names. A `.icu` sub-field re-segments the
same text with the engine's own `thai` tokenizer: a second, finer cut that finds a word
inside a compound (ท้องถิ่น inside องค์กรปกครองส่วนท้องถิ่น).
"""

from elasticsearch import dsl

from .text import WORD_MARK

# Zero-width characters (our word mark included) become spaces before tokenizing.
word_breaks = dsl.char_filter(
    "word_breaks",
    type="mapping",
    mappings=[f"\\u{ord(c):04x}=>\\u0020" for c in (WORD_MARK, "\u200c", "\u200d", "\u2060", "\ufeff")],
)
# Punctuation stuck to a word ("ผู้สูงอายุ," or "(อบต") is not part of it.
edge_punctuation = dsl.token_filter("edge_punctuation", type="pattern_replace", pattern=r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$", replacement="")
drop_empty = dsl.token_filter("drop_empty", type="length", min=1)


def synonym_filter(rules: list[str]):
    # Applied at query time only, so editors' synonyms need no reindexing of documents,
    # just new index settings (a rebuild).
    return dsl.token_filter("portal_synonyms", type="synonym_graph", synonyms=rules or ["อบต, องค์การ บริหาร ส่วน ตำบล"])


thai_words = dsl.analyzer(
    "thai_words",
    char_filter=[word_breaks],
    tokenizer="whitespace",
    filter=["lowercase", "decimal_digit", edge_punctuation, drop_empty],
)
thai_icu = dsl.analyzer(
    "thai_icu",
    char_filter=[word_breaks],
    tokenizer="thai",
    filter=["lowercase", "decimal_digit"],
)
# Completion inputs are whole phrases; keyword keeps a Thai prefix intact (the default
# `simple` analyzer would cut Thai at every vowel mark).
suggest_analyzer = dsl.analyzer("suggest_keyword", char_filter=[word_breaks], tokenizer="keyword", filter=["lowercase", "decimal_digit"])


def thai_words_search(rules: list[str]):
    return dsl.analyzer(
        "thai_words_search",
        char_filter=[word_breaks],
        tokenizer="whitespace",
        filter=["lowercase", "decimal_digit", edge_punctuation, drop_empty, synonym_filter(rules)],
    )


def text_field(rules: list[str], **kwargs) -> dsl.Text:
    return dsl.Text(
        analyzer=thai_words,
        search_analyzer=thai_words_search(rules),
        fields={"icu": dsl.Text(analyzer=thai_icu)},
        **kwargs,
    )


# The text fields a query searches, with their relative weight.
SEARCH_FIELDS = {"title": 4.0, "summary": 2.0, "keywords_text": 2.0, "places": 1.5, "body": 1.0}
FACET_FIELDS = ("kind", "centre_type", "focus_areas", "region", "province", "district", "lao_type", "year_be", "keywords", "target_groups")


def index_body(synonym_rules: list[str]) -> dict:
    """Settings and mappings for a new index, as JSON both engines accept."""
    mapping = dsl.Mapping()
    mapping.meta("dynamic", "strict")
    fields = {
        "kind": dsl.Keyword(),
        "page_id": dsl.Integer(),
        "url": dsl.Keyword(index=False),
        "title": text_field(synonym_rules, term_vector="with_positions_offsets"),
        "summary": text_field(synonym_rules, term_vector="with_positions_offsets"),
        "body": text_field(synonym_rules, term_vector="with_positions_offsets"),
        "keywords_text": text_field(synonym_rules),
        "places": text_field(synonym_rules),
        "centre_type": dsl.Keyword(),
        "focus_areas": dsl.Keyword(),
        "region": dsl.Keyword(),
        "province": dsl.Keyword(),
        "district": dsl.Keyword(),
        "lao_type": dsl.Keyword(),
        "lao": dsl.Keyword(),
        "centre_id": dsl.Integer(),
        "centre_title": dsl.Keyword(index=False),
        "year_be": dsl.Integer(),
        "keywords": dsl.Keyword(),
        "target_groups": dsl.Keyword(),
        "published_at": dsl.Date(),
        "updated_at": dsl.Date(),
        "suggest": dsl.Completion(analyzer=suggest_analyzer, search_analyzer=suggest_analyzer, max_input_length=100),
    }
    for name, field in fields.items():
        mapping.field(name, field)
    index = dsl.Index("template")
    index.settings(number_of_shards=1, number_of_replicas=0, max_result_window=10_000)
    index.mapping(mapping)
    body = index.to_dict()
    return {"settings": body["settings"], "mappings": body["mappings"]}
