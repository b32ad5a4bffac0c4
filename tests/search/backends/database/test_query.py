"""The database backend's search: Thai-aware matching, synonyms, ranking, pagination,
multi-select facets, the engine's hit shape and highlights, without an engine."""

import datetime

import pytest

from learning_centres.models import CaseStudyPage, CentreType
from search.backends.database import query as database
from search.contract import SearchQuery
from search.documents import document_id
from search.fields import FACET_FIELDS
from search.models import FallbackDocument, SearchSynonym
from tests.search.corpus import publish_case

from .conftest import make_centre, ordered_titles, plain, titles

pytestmark = pytest.mark.django_db


# --- Thai matching ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ผู้สูงอายุ", "เยี่ยมบ้าน"),
        ("ภัยพิบัติ", "ซ้อมอพยพ"),
        ("ท้องถิ่น", "สภาองค์กร"),  # inside องค์กรปกครองส่วนท้องถิ่น, one word to the segmenter
        ("ส่วนท้องถิ่น", "สภาองค์กร"),
        ("ผู้ดูแล", "ช่องว่างซ่อน"),  # zero-width spaces in the text
    ],
)
def test_one_thai_word_inside_unspaced_text_is_found(corpus, query, expected):
    assert expected in titles(query)


@pytest.mark.parametrize(("query", "word"), [("ยา", "พยาบาล"), ("นา", "นาฬิกา"), ("ชีว", "ชีวิต")])
def test_letters_inside_another_word_do_not_match(corpus, query, word):
    assert "พยาบาลชุมชน" in titles(word)
    assert "พยาบาลชุมชน" not in titles(query)


def test_thai_digits_match_arabic_digits_both_ways(corpus):
    assert titles("2567") == {"ปีงบประมาณ"}
    assert titles("๒๕๖๗") == {"ปีงบประมาณ"}


@pytest.mark.parametrize(
    ("query", "expected", "not_expected"),
    [
        ("อบต.", "ตำบลต้นแบบ", "เยี่ยมบ้าน"),
        ("อบต", "ตำบลต้นแบบ", "เยี่ยมบ้าน"),
        ("องค์การบริหารส่วนตำบล", "ย่อชื่อ", "เยี่ยมบ้าน"),  # the long form finds the abbreviation
        ("ศพด.", "ตำบลต้นแบบ", "ซ้อมอพยพ"),
        ("elderly", "เยี่ยมบ้าน", "ซ้อมอพยพ"),
        ("ผู้สูงวัย", "เยี่ยมบ้าน", "ซ้อมอพยพ"),
        ("คนชรา", "ช่องว่างซ่อน", "ซ้อมอพยพ"),
    ],
)
def test_abbreviations_and_synonyms_find_each_other(corpus, query, expected, not_expected):
    found = titles(query)
    assert expected in found
    assert not_expected not in found


def test_an_editors_new_synonym_applies_to_the_next_search(corpus):
    assert "พยาบาลชุมชน" not in titles("โรคหวาน")
    SearchSynonym.objects.create(terms="โรคหวาน, เบาหวาน")
    assert "พยาบาลชุมชน" in titles("โรคหวาน")


def test_a_phrase_must_match_in_order(corpus):
    assert titles('"ซ้อมรับมือภัยพิบัติ"') == {"ซ้อมอพยพ"}
    assert titles("ซ้อมรับมือภัยพิบัติ") == {"ซ้อมอพยพ"}
    assert titles('"ภัยพิบัติซ้อมรับมือ"') == set()
    assert titles('"วางแผน บทบาท"') == set()  # both words are in สภาองค์กร, not in that order


def test_every_chunk_must_match_and_excluded_chunks_must_not(corpus):
    assert titles("ผู้สูงอายุ ภัยพิบัติ") == set()
    assert titles("ชุมชน ภัยพิบัติ") == {"ซ้อมอพยพ"}
    assert "ช่องว่างซ่อน" in titles("ชุมชน -ภัยพิบัติ")
    assert "ซ้อมอพยพ" not in titles("ชุมชน -ภัยพิบัติ")
    everything = titles("")
    assert titles("-ภัยพิบัติ") == everything - {"ซ้อมอพยพ"}
    assert "เยี่ยมบ้าน" not in titles('-"ผู้สูงอายุที่ติดเตียง"')


@pytest.mark.parametrize(
    "text", ['"', '""', "-", '" OR *', "NEAR(ผู้ ดูแล)", "ผู้ AND", "'; DROP TABLE x; --", "(((", "*", 'ผู้สูงอายุ"', "^title", "!!!", "%_\\"]
)
def test_query_syntax_from_visitors_is_just_text(corpus, text):
    result = database.search(SearchQuery(text=text))
    assert result.total == len(result.hits)  # answered, without an error
    assert FallbackDocument.objects.count() == 8


def test_a_query_with_nothing_searchable_finds_nothing(corpus):
    assert database.search(SearchQuery(text="!!!")).total == 0
    assert database.search(SearchQuery(text="")).total == 8


def test_centres_are_searchable_when_asked_for(centre_index):
    centre = make_centre(centre_index, title="ศูนย์เรียนรู้บ้านหนองบัวแดง")
    centre.save_revision().publish()
    assert titles("หนองบัวแดง") == set()  # case studies only by default
    assert titles("หนองบัวแดง", kinds=("centre", "case_study")) == {"ศูนย์เรียนรู้บ้านหนองบัวแดง"}


def test_a_title_match_ranks_above_a_body_match(town_centre):
    publish_case(town_centre, "บันทึกประจำปี", "ปีนี้มีการซ้อมรับมือภัยพิบัติหนึ่งครั้ง", published=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    publish_case(town_centre, "ภัยพิบัติในชุมชน", "บันทึก", published=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert ordered_titles("ภัยพิบัติ") == ["ภัยพิบัติในชุมชน", "บันทึกประจำปี"]
    assert ordered_titles("ภัยพิบัติ", sort="newest") == ["บันทึกประจำปี", "ภัยพิบัติในชุมชน"]


def test_a_whole_word_ranks_above_the_same_word_inside_a_compound(town_centre):
    newer = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    publish_case(town_centre, "ในคำประสม", "บทบาทขององค์กรปกครองส่วนท้องถิ่นในการวางแผน", published=newer)
    publish_case(town_centre, "คำเดี่ยว", "บทบาทของผู้นำท้องถิ่นในการวางแผนร่วมกัน", published=newer - datetime.timedelta(days=400))
    assert ordered_titles("ท้องถิ่น") == ["คำเดี่ยว", "ในคำประสม"]


def test_newest_first_and_pagination(town_centre):
    for year in (2019, 2023, 2021, 2024, 2020):
        publish_case(town_centre, f"งานปี {year}", "ผู้สูงอายุ", published=datetime.datetime(year, 5, 1, tzinfo=datetime.UTC))
    newest = ordered_titles("ผู้สูงอายุ", sort="newest")
    assert newest == ["งานปี 2024", "งานปี 2023", "งานปี 2021", "งานปี 2020", "งานปี 2019"]
    pages = [database.search(SearchQuery(text="ผู้สูงอายุ", sort="newest", page=page, page_size=2)) for page in (1, 2, 3)]
    assert [result.total for result in pages] == [5, 5, 5]
    assert [[plain(hit.source["title"]) for hit in result.hits] for result in pages] == [newest[:2], newest[2:4], newest[4:]]
    relevance = [database.search(SearchQuery(text="ผู้สูงอายุ", page=page, page_size=2)) for page in (1, 2, 3)]
    assert sorted(plain(hit.source["title"]) for result in relevance for hit in result.hits) == sorted(newest)
    assert database.search(SearchQuery(text="ผู้สูงอายุ", page=4, page_size=2)).hits == []


# --- facets ----------------------------------------------------------------------------------


@pytest.fixture
def faceted(centre_index):
    north = make_centre(centre_index, province="50", centre_type=CentreType.ELDERLY_CARE)
    south = make_centre(centre_index, province="90", centre_type=CentreType.CHILD_DEVELOPMENT)
    publish_case(north, "เหนือสุขภาพ", "ชุมชน", focus_areas=["community-health-care"], year=2023)
    publish_case(north, "เหนือภัย", "ชุมชน", focus_areas=["disaster-management"], year=2022)
    publish_case(south, "ใต้สองด้าน", "ชุมชน", focus_areas=["community-health-care", "disaster-management"], year=2023)
    publish_case(south, "ใต้เด็ก", "ชุมชน", focus_areas=["child-youth-learning"], year=2023)
    return north, south


def facet(result, name) -> dict[str, int]:
    return dict(result.facets[name])


def test_facets_count_every_value_sorted_by_count(faceted):
    result = database.search(SearchQuery(text="ชุมชน"))
    assert set(result.facets) == set(FACET_FIELDS) - {"kind"}
    assert result.total == 4
    assert result.facets["focus_areas"] == [("community-health-care", 2), ("disaster-management", 2), ("child-youth-learning", 1)]
    assert result.facets["year_be"] == [("2566", 3), ("2565", 1)]
    assert facet(result, "province") == {"50": 2, "90": 2}
    assert facet(result, "region") == {"north": 2, "south": 2}
    assert facet(result, "centre_type") == {"elderly_care": 2, "child_development": 2}


def test_one_facets_values_combine_with_or_and_its_counts_ignore_its_own_filter(faceted):
    result = database.search(SearchQuery(text="ชุมชน", filters={"focus_areas": ("community-health-care",)}))
    assert {plain(hit.source["title"]) for hit in result.hits} == {"เหนือสุขภาพ", "ใต้สองด้าน"}
    # Multi-select: the area facet still offers the other areas with their full counts …
    assert facet(result, "focus_areas") == {"community-health-care": 2, "disaster-management": 2, "child-youth-learning": 1}
    # … while the other facets count only what the area filter lets through.
    assert facet(result, "province") == {"50": 1, "90": 1}
    both = database.search(SearchQuery(text="ชุมชน", filters={"focus_areas": ("community-health-care", "disaster-management")}))
    assert both.total == 3


def test_different_facets_combine_with_and(faceted):
    result = database.search(SearchQuery(filters={"focus_areas": ("community-health-care",), "province": ("90",)}))
    assert [plain(hit.source["title"]) for hit in result.hits] == ["ใต้สองด้าน"]
    assert result.total == 1
    assert facet(result, "province") == {"50": 1, "90": 1}  # with the area filter only
    assert facet(result, "focus_areas") == {"community-health-care": 1, "disaster-management": 1, "child-youth-learning": 1}
    assert facet(result, "year_be") == {"2566": 1}
    years = database.search(SearchQuery(filters={"year_be": ("2566",), "centre_type": ("elderly_care",)}))
    assert [plain(hit.source["title"]) for hit in years.hits] == ["เหนือสุขภาพ"]
    assert database.search(SearchQuery(filters={"province": ("10",)})).total == 0


# --- hits and highlights ---------------------------------------------------------------------


def test_hits_have_the_engines_shape(corpus):
    result = database.search(SearchQuery(text="ภัยพิบัติ"))
    hit = result.hits[0]
    page = CaseStudyPage.objects.get(title="ซ้อมอพยพ")
    assert (hit.id, hit.page_id, hit.kind) == (document_id("case_study", page.pk), page.pk, "case_study")
    expected_keys = {"kind", "page_id", "url", "title", "summary", "centre_title", "centre_id", "province", "region", "district"}
    expected_keys |= {"lao_type", "year_be", "focus_areas", "keywords", "target_groups", "centre_type", "published_at"}
    assert expected_keys <= set(hit.source)
    assert hit.source["url"] == page.url
    assert hit.source["focus_areas"] == ["community-health-care"]
    assert hit.source["year_be"] == 2566
    assert hit.source["province"] == "50"
    assert datetime.datetime.fromisoformat(hit.source["published_at"]) == page.first_published_at
    assert isinstance(result.took_ms, int)


def test_highlights_mark_the_matched_words(corpus):
    hit = database.search(SearchQuery(text="ภัยพิบัติ")).hits[0]
    assert "<mark>ภัยพิบัติ</mark>" in plain(" ".join(hit.highlight["body"]))
    assert "title" not in hit.highlight
    compound = database.search(SearchQuery(text="ท้องถิ่น")).hits[0]
    assert "องค์กรปกครองส่วน<mark>ท้องถิ่น</mark>ใน" in plain(compound.highlight["body"][0])
    title = database.search(SearchQuery(text="ซ้อม อพยพ")).hits[0]
    assert plain(title.highlight["title"][0]) == "<mark>ซ้อม</mark><mark>อพยพ</mark>"
    synonym = database.search(SearchQuery(text="elderly")).hits
    assert any("<mark>ผู้สูงอายุ</mark>" in plain(" ".join(hit.highlight.get("body", []))) for hit in synonym)
    assert database.search(SearchQuery(text="")).hits[0].highlight == {}


def test_highlights_escape_html_from_content(town_centre):
    publish_case(town_centre, "สคริปต์ <b>ตัวหนา</b>", "ผู้สูงอายุ &lt;script&gt;alert(1)&lt;/script&gt; & ผู้ดูแล")
    hit = database.search(SearchQuery(text="ผู้สูงอายุ")).hits[0]
    snippet = plain(" ".join(hit.highlight["body"]))
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet
    assert "&amp; ผู้ดูแล" in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    bold = database.search(SearchQuery(text="ตัวหนา")).hits[0]
    assert "<b>" not in bold.highlight["title"][0]
    assert "&lt;b&gt;<mark>ตัวหนา</mark>&lt;/b&gt;" in plain(bold.highlight["title"][0])


def test_a_long_body_gives_a_short_fragment_around_the_match(town_centre):
    filler = "ชุมชนร่วมกันวางแผนและติดตามผลการดำเนินงานทุกเดือน " * 40
    publish_case(town_centre, "ยาวมาก", f"{filler}จุดสำคัญคือภัยพิบัติ {filler}")
    snippet = database.search(SearchQuery(text="ภัยพิบัติ")).hits[0].highlight["body"][0]
    text = plain(snippet).replace("<mark>", "").replace("</mark>", "")
    assert "<mark>ภัยพิบัติ</mark>" in plain(snippet)
    assert 60 <= len(text) <= 170
    assert not text.startswith(" ") and not text.endswith(" ")
