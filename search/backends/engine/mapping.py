"""The search index: analysis chain and field mapping, written once with the
elasticsearch-dsl API and sent as plain JSON to OpenSearch or Elasticsearch.

Thai text reaches the index as its author wrote it, already cut into words by
thai.text.mark_words() (an invisible zero-width space between words), so the engine splits exactly where PyThaiNLP
did, with our dictionary of place and programme names. A `.icu` sub-field re-segments the
same text with the engine's own `thai` tokenizer: a second, finer cut that finds a word
inside a compound (ท้องถิ่น inside องค์กรปกครองส่วนท้องถิ่น).
"""

from elasticsearch import dsl

from search.contract import MAX_RESULT_WINDOW
from search.fields import FIELDS, FieldType, IndexedField
from thai.text import WORD_MARK

# Text is indexed as its author wrote it (thai.text.mark_words) and normalised here, at
# analysis time, the way thai.text.match_form() does for the database fallback: zero-width
# characters (our word mark included) become spaces, and the dot after a Thai consonant
# goes (อบจ.แพร่ and อบจแพร่ are the same words); lowercase and decimal_digit (๕ → 5) are
# token filters below. A mapping char filter rather than pattern_replace: the project's
# Elasticsearch analysis plugin (tools/es-node) has mapping only, and it corrects offsets,
# so highlights come back as the original text.
word_breaks = dsl.char_filter(
    "word_breaks",
    type="mapping",
    mappings=[f"\\u{ord(c):04x}=>\\u0020" for c in (WORD_MARK, "\u200c", "\u200d", "\u2060", "\ufeff")]
    + [f"\\u{code:04x}.=>\\u{code:04x}" for code in range(0x0E01, 0x0E2F)],  # ก to ฮ
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


def _mapped(field: IndexedField, synonym_rules: list[str]) -> dsl.Field:
    """The engine's type for a declared field (search.fields)."""
    if field.type == FieldType.TEXT and field.language == "en":
        return dsl.Text(analyzer="english")  # the engines' built-in: stop words, possessives, Porter stemming
    if field.type == FieldType.TEXT:
        return text_field(synonym_rules, **({"term_vector": "with_positions_offsets"} if field.highlighted else {}))
    if field.type == FieldType.KEYWORD:
        return dsl.Keyword() if field.searchable else dsl.Keyword(index=False)
    if field.type == FieldType.INTEGER:
        return dsl.Integer()
    if field.type == FieldType.DATE:
        return dsl.Date()
    return dsl.Completion(analyzer=suggest_analyzer, search_analyzer=suggest_analyzer, max_input_length=100)


def index_body(synonym_rules: list[str], shards: int = 1, replicas: int = 0) -> dict:
    """Settings and mappings for a new index, as JSON both engines accept."""
    mapping = dsl.Mapping()
    mapping.meta("dynamic", "strict")
    for field in FIELDS:
        mapping.field(field.name, _mapped(field, synonym_rules))
    index = dsl.Index("template")
    index.settings(number_of_shards=shards, number_of_replicas=replicas, max_result_window=MAX_RESULT_WINDOW)
    index.mapping(mapping)
    body = index.to_dict()
    return {"settings": body["settings"], "mappings": body["mappings"]}
