"""Thai and English queries find what they should, and only that."""

import pytest

from django.core.management import call_command

from search.backends.engine.query import run
from search.contract import SearchQuery
from search.models import SearchSynonym
from tests.search.conftest import index_now
from tests.search.corpus import publish_case, publish_thai_texts

pytestmark = pytest.mark.django_db


def titles(engine, text, **kwargs) -> set[str]:
    return {hit.source["title"].replace("\u200b", "") for hit in run(engine, SearchQuery(text=text, **kwargs)).hits}


@pytest.fixture
def corpus(search_engine, centre):
    publish_thai_texts(centre)
    index_now(search_engine)
    return search_engine


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ผู้สูงอายุ", "เยี่ยมบ้าน"),
        ("ภัยพิบัติ", "ซ้อมอพยพ"),
        ("ท้องถิ่น", "สภาองค์กร"),  # a word inside the compound องค์กรปกครองส่วนท้องถิ่น
    ],
)
def test_one_thai_word_inside_unspaced_text_is_found(corpus, query, expected):
    assert expected in titles(corpus, query)


@pytest.mark.parametrize(("query", "word"), [("ยา", "พยาบาล"), ("นา", "นาฬิกา"), ("ชีว", "ชีวิต")])
def test_letters_inside_another_word_do_not_match(corpus, query, word):
    # พยาบาล contains ยา, นาฬิกา contains นา, ชีวิต contains ชีว: none is that word, while
    # the whole word finds the case (so an empty answer cannot pass).
    assert "พยาบาลชุมชน" in titles(corpus, word)
    assert "พยาบาลชุมชน" not in titles(corpus, query)


def test_thai_digits_match_arabic_digits_both_ways(corpus):
    assert "ปีงบประมาณ" in titles(corpus, "2567")
    assert "ปีงบประมาณ" in titles(corpus, "๒๕๖๗")


def test_a_phrase_query_matches_in_order(corpus):
    assert titles(corpus, "ซ้อมรับมือภัยพิบัติ") == {"ซ้อมอพยพ"}
    assert titles(corpus, '"ซ้อมรับมือ ภัยพิบัติ"') == {"ซ้อมอพยพ"}  # quoted, with a space between the words
    # Quoted, the same words in the other order are not that phrase. (Unquoted, the engine
    # also finds the words in any order, ranked below the phrase.)
    assert titles(corpus, '"ภัยพิบัติ ซ้อมรับมือ"') == set()
    assert titles(corpus, '"ภัยพิบัติซ้อมรับมือ"') == set()


def test_every_chunk_of_the_query_must_match(corpus):
    assert titles(corpus, "ผู้สูงอายุ ภัยพิบัติ") == set()
    assert titles(corpus, "ชุมชน -ภัยพิบัติ") >= {"ช่องว่างซ่อน"}
    assert "ซ้อมอพยพ" not in titles(corpus, "ชุมชน -ภัยพิบัติ")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("อบต.", "ตำบลต้นแบบ"),
        ("อบต", "ตำบลต้นแบบ"),
        ("ศพด.", "ตำบลต้นแบบ"),
        ("elderly", "เยี่ยมบ้าน"),
        ("ผู้สูงวัย", "เยี่ยมบ้าน"),
    ],
)
def test_abbreviations_and_synonyms_find_the_long_form(corpus, query, expected):
    assert expected in titles(corpus, query)


def test_zero_width_spaces_in_text_do_not_hide_words(corpus):
    assert "ช่องว่างซ่อน" in titles(corpus, "ผู้ดูแล")


def test_editors_synonyms_apply_after_a_rebuild(corpus):
    assert "พยาบาลชุมชน" not in titles(corpus, "โรคหวาน")
    SearchSynonym.objects.create(terms="โรคหวาน, เบาหวาน")
    call_command("rebuild_search_index", verbosity=0)
    assert "พยาบาลชุมชน" in titles(corpus, "โรคหวาน")


def test_highlights_mark_the_matched_words(corpus):
    result = run(corpus, SearchQuery(text="ภัยพิบัติ"))
    snippet = " ".join(result.hits[0].highlight["body"])
    assert "<mark>ภัยพิบัติ</mark>" in snippet.replace("\u200b", "")


def test_highlights_escape_html_from_content(search_engine, centre):
    publish_case(centre, "สคริปต์", "ผู้สูงอายุ &lt;script&gt;alert(1)&lt;/script&gt;")
    index_now(search_engine)
    snippet = " ".join(run(search_engine, SearchQuery(text="ผู้สูงอายุ")).hits[0].highlight["body"])
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet


def test_a_request_body_is_built_once_per_query_and_handed_out_fresh():
    from search.backends.engine import query as engine_query

    engine_query._body_json.cache_clear()
    filters = {"area": ("community-welfare",), "centre_type": ("elderly_care",)}
    first = engine_query.build_body(SearchQuery(text="ผู้สูงอายุ", filters=filters))
    first["query"] = "changed by its caller"
    again = engine_query.build_body(SearchQuery(text="ผู้สูงอายุ", filters=dict(reversed(filters.items()))))
    assert again["query"] != "changed by its caller"
    assert engine_query._body_json.cache_info().hits == 1  # the same query, whatever the filters' order
    assert engine_query.build_body(SearchQuery(text="ผู้สูงอายุ", filters=filters, page=2))["from"] == 10
    assert engine_query.build_body(SearchQuery(text="ผู้สูงอายุ", filters={**filters, "province": ("50",)})) != again


def test_a_ranking_only_query_asks_for_no_counts_no_highlights_and_only_which_page():
    from search.backends.engine.query import build_body

    full = build_body(SearchQuery(text="ผู้สูงอายุ", page_size=500))
    lean = build_body(SearchQuery(text="ผู้สูงอายุ", page_size=500, ranking_only=True))
    assert "aggs" in full and "highlight" in full
    assert "aggs" not in lean and "highlight" not in lean
    assert lean["_source"] == {"includes": ["page_id", "kind", "has_documents"]}
    assert lean["query"] == full["query"] and lean["size"] == full["size"] == 500


def test_a_ranking_only_search_ranks_as_the_full_one(corpus):
    full = run(corpus, SearchQuery(text="ผู้สูงอายุ", kinds=("case_study", "centre"), page_size=50))
    lean = run(corpus, SearchQuery(text="ผู้สูงอายุ", kinds=("case_study", "centre"), page_size=50, ranking_only=True))
    assert [hit.page_id for hit in lean.hits] == [hit.page_id for hit in full.hits] != []
    assert lean.total == full.total and lean.facets == {}


def phrase_fields(node) -> set[str]:
    """The fields a request body asks a match_phrase of, anywhere in it."""
    if isinstance(node, dict):
        found = set(node["match_phrase"]) if "match_phrase" in node else set()
        return found.union(*(phrase_fields(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(phrase_fields(value) for value in node))
    return set()


def test_a_one_word_query_asks_no_phrase_of_the_word_fields():
    # With synonyms, a phrase query of one word becomes span queries over every document that
    # has any of them: the costliest clause at 100,000 case studies, for the same matches.
    from search.backends.engine.query import build_body

    one_word = phrase_fields(build_body(SearchQuery(text="ผู้สูงอายุ")))
    assert "title" not in one_word and "body" not in one_word
    assert {"title.icu", "body.icu", "english"} <= one_word  # the finer net and English still match as phrases
    assert {"title", "body"} <= phrase_fields(build_body(SearchQuery(text="การดูแลผู้สูงอายุ")))  # several words: in order ranks first
