"""The database fallback: Thai-aware search, facets, highlights and suggestions without an
engine (the test settings configure none), kept equal to the pages by the editorial signals."""

import datetime
import itertools

import pytest

from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction

from learning_centres.models import CaseStudyPage, CentreType, Province
from search import fallback
from search.documents import document_id
from search.indexing import batch, enqueue, expected_documents
from search.mapping import FACET_FIELDS
from search.models import FallbackDocument, SearchSynonym
from search.query import SearchQuery
from search.text import WORD_MARK
from tests.learning_centres.factories import CaseStudyPageFactory, LAOFactory, LearningCentrePageFactory

pytestmark = pytest.mark.django_db


def publish_case(centre, title, text="", *, summary="สรุป", published=None, **kwargs):
    page = CaseStudyPageFactory(parent=centre, title=title, summary=summary, context_and_problem=f"<p>{text}</p>", **kwargs)
    if published:
        page.first_published_at = published
    page.save_revision().publish()
    return page


def plain(text: str) -> str:
    return text.replace(WORD_MARK, "")


def titles(text, **kwargs) -> set[str]:
    return {plain(hit.source["title"]) for hit in fallback.search(SearchQuery(text=text, **kwargs)).hits}


def ordered_titles(text="", **kwargs) -> list[str]:
    return [plain(hit.source["title"]) for hit in fallback.search(SearchQuery(text=text, **kwargs)).hits]


_numbers = itertools.count(1)


def make_centre(centre_index, province="50", lao_type="subdistrict_municipality", **kwargs):
    name = f"เทศบาลตำบลทดลอง{next(_numbers)}"
    lao = LAOFactory(province=Province.objects.get(code=province), lao_type=lao_type, name_th=name)
    return LearningCentrePageFactory(parent=centre_index, lao=lao, **kwargs)


@pytest.fixture
def town_centre(centre_index):
    # A municipality: its place names do not contain อบต. or องค์การบริหารส่วนตำบล, so only
    # synonyms can connect those to its case studies.
    return make_centre(centre_index, lao_type="subdistrict_municipality")


@pytest.fixture
def corpus(town_centre):
    publish_case(town_centre, "เยี่ยมบ้าน", "อาสาสมัครเยี่ยมบ้านผู้สูงอายุที่ติดเตียงทุกสัปดาห์")
    publish_case(town_centre, "ซ้อมอพยพ", "ชุมชนซ้อมรับมือภัยพิบัติน้ำป่าไหลหลากก่อนฤดูฝน")
    publish_case(town_centre, "สภาองค์กร", "บทบาทขององค์กรปกครองส่วนท้องถิ่นในการวางแผนร่วมกับประชาชน")
    publish_case(town_centre, "พยาบาลชุมชน", "พยาบาลวิชาชีพออกตรวจนาฬิกาชีวิตของผู้ป่วยเบาหวาน")
    publish_case(town_centre, "ปีงบประมาณ", "เริ่มดำเนินการในปีงบประมาณ ๒๕๖๗ ด้วยงบของตำบล")
    publish_case(town_centre, "ตำบลต้นแบบ", "องค์การบริหารส่วนตำบลจัดตั้งศูนย์พัฒนาเด็กเล็กแห่งใหม่")
    publish_case(town_centre, "ช่องว่างซ่อน", "ผู้ดูแล\u200bผู้สูงวัย\u200bในชุมชน")
    publish_case(town_centre, "ย่อชื่อ", "อบต.หนองบัวร่วมกับ รพ.สต. จัดอบรม")
    return town_centre


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
    result = fallback.search(SearchQuery(text=text))
    assert result.total == len(result.hits)  # answered, without an error
    assert FallbackDocument.objects.count() == 8


def test_a_query_with_nothing_searchable_finds_nothing(corpus):
    assert fallback.search(SearchQuery(text="!!!")).total == 0
    assert fallback.search(SearchQuery(text="")).total == 8


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
    pages = [fallback.search(SearchQuery(text="ผู้สูงอายุ", sort="newest", page=page, page_size=2)) for page in (1, 2, 3)]
    assert [result.total for result in pages] == [5, 5, 5]
    assert [[plain(hit.source["title"]) for hit in result.hits] for result in pages] == [newest[:2], newest[2:4], newest[4:]]
    relevance = [fallback.search(SearchQuery(text="ผู้สูงอายุ", page=page, page_size=2)) for page in (1, 2, 3)]
    assert sorted(plain(hit.source["title"]) for result in relevance for hit in result.hits) == sorted(newest)
    assert fallback.search(SearchQuery(text="ผู้สูงอายุ", page=4, page_size=2)).hits == []


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
    result = fallback.search(SearchQuery(text="ชุมชน"))
    assert set(result.facets) == set(FACET_FIELDS) - {"kind"}
    assert result.total == 4
    assert result.facets["focus_areas"] == [("community-health-care", 2), ("disaster-management", 2), ("child-youth-learning", 1)]
    assert result.facets["year_be"] == [("2566", 3), ("2565", 1)]
    assert facet(result, "province") == {"50": 2, "90": 2}
    assert facet(result, "region") == {"north": 2, "south": 2}
    assert facet(result, "centre_type") == {"elderly_care": 2, "child_development": 2}


def test_one_facets_values_combine_with_or_and_its_counts_ignore_its_own_filter(faceted):
    result = fallback.search(SearchQuery(text="ชุมชน", filters={"focus_areas": ("community-health-care",)}))
    assert {plain(hit.source["title"]) for hit in result.hits} == {"เหนือสุขภาพ", "ใต้สองด้าน"}
    # Multi-select: the area facet still offers the other areas with their full counts …
    assert facet(result, "focus_areas") == {"community-health-care": 2, "disaster-management": 2, "child-youth-learning": 1}
    # … while the other facets count only what the area filter lets through.
    assert facet(result, "province") == {"50": 1, "90": 1}
    both = fallback.search(SearchQuery(text="ชุมชน", filters={"focus_areas": ("community-health-care", "disaster-management")}))
    assert both.total == 3


def test_different_facets_combine_with_and(faceted):
    result = fallback.search(SearchQuery(filters={"focus_areas": ("community-health-care",), "province": ("90",)}))
    assert [plain(hit.source["title"]) for hit in result.hits] == ["ใต้สองด้าน"]
    assert result.total == 1
    assert facet(result, "province") == {"50": 1, "90": 1}  # with the area filter only
    assert facet(result, "focus_areas") == {"community-health-care": 1, "disaster-management": 1, "child-youth-learning": 1}
    assert facet(result, "year_be") == {"2566": 1}
    years = fallback.search(SearchQuery(filters={"year_be": ("2566",), "centre_type": ("elderly_care",)}))
    assert [plain(hit.source["title"]) for hit in years.hits] == ["เหนือสุขภาพ"]
    assert fallback.search(SearchQuery(filters={"province": ("10",)})).total == 0


# --- hits and highlights ---------------------------------------------------------------------


def test_hits_have_the_engines_shape(corpus):
    result = fallback.search(SearchQuery(text="ภัยพิบัติ"))
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
    hit = fallback.search(SearchQuery(text="ภัยพิบัติ")).hits[0]
    assert "<mark>ภัยพิบัติ</mark>" in plain(" ".join(hit.highlight["body"]))
    assert "title" not in hit.highlight
    compound = fallback.search(SearchQuery(text="ท้องถิ่น")).hits[0]
    assert "องค์กรปกครองส่วน<mark>ท้องถิ่น</mark>ใน" in plain(compound.highlight["body"][0])
    title = fallback.search(SearchQuery(text="ซ้อม อพยพ")).hits[0]
    assert plain(title.highlight["title"][0]) == "<mark>ซ้อม</mark><mark>อพยพ</mark>"
    synonym = fallback.search(SearchQuery(text="elderly")).hits
    assert any("<mark>ผู้สูงอายุ</mark>" in plain(" ".join(hit.highlight.get("body", []))) for hit in synonym)
    assert fallback.search(SearchQuery(text="")).hits[0].highlight == {}


def test_highlights_escape_html_from_content(town_centre):
    publish_case(town_centre, "สคริปต์ <b>ตัวหนา</b>", "ผู้สูงอายุ &lt;script&gt;alert(1)&lt;/script&gt; & ผู้ดูแล")
    hit = fallback.search(SearchQuery(text="ผู้สูงอายุ")).hits[0]
    snippet = plain(" ".join(hit.highlight["body"]))
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet
    assert "&amp; ผู้ดูแล" in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    bold = fallback.search(SearchQuery(text="ตัวหนา")).hits[0]
    assert "<b>" not in bold.highlight["title"][0]
    assert "&lt;b&gt;<mark>ตัวหนา</mark>&lt;/b&gt;" in plain(bold.highlight["title"][0])


def test_a_long_body_gives_a_short_fragment_around_the_match(town_centre):
    filler = "ชุมชนร่วมกันวางแผนและติดตามผลการดำเนินงานทุกเดือน " * 40
    publish_case(town_centre, "ยาวมาก", f"{filler}จุดสำคัญคือภัยพิบัติ {filler}")
    snippet = fallback.search(SearchQuery(text="ภัยพิบัติ")).hits[0].highlight["body"][0]
    text = plain(snippet).replace("<mark>", "").replace("</mark>", "")
    assert "<mark>ภัยพิบัติ</mark>" in plain(snippet)
    assert 60 <= len(text) <= 170
    assert not text.startswith(" ") and not text.endswith(" ")


# --- staying equal to the pages --------------------------------------------------------------


def rows() -> set[str]:
    return set(FallbackDocument.objects.values_list("doc_id", flat=True))


def full_text_in_sync() -> bool:
    """The engine-specific full-text structures hold exactly the rows."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT rowid FROM {fallback.FTS_TABLE}")  # noqa: S608 - a constant table name
            fts = {row[0] for row in cursor.fetchall()}
            return fts == set(FallbackDocument.objects.values_list("page_id", flat=True))
        cursor.execute("SELECT count(*) FROM portal_search_fallbackdocument WHERE fine_tsv IS NULL OR words_tsv IS NULL")
        return cursor.fetchone()[0] == 0


def test_publishing_adds_a_row_and_unpublishing_removes_it(centre):
    page = CaseStudyPageFactory(parent=centre, live=False, title="ใหม่ล่าสุด")
    assert document_id("case_study", page.pk) not in rows()
    page.save_revision().publish()
    assert document_id("case_study", page.pk) in rows()
    assert titles("ใหม่ล่าสุด") == {"ใหม่ล่าสุด"}
    assert full_text_in_sync()
    page.refresh_from_db()
    page.unpublish()
    assert document_id("case_study", page.pk) not in rows()
    assert titles("ใหม่ล่าสุด") == set()
    assert full_text_in_sync()


def test_an_edit_replaces_the_row(case_study):
    case_study.save_revision().publish()
    case_study.title = "ชื่อใหม่หลังแก้ไข"
    case_study.save_revision().publish()
    assert titles("ชื่อใหม่หลังแก้ไข") == {"ชื่อใหม่หลังแก้ไข"}
    assert FallbackDocument.objects.filter(page_id=case_study.pk).count() == 1
    assert full_text_in_sync()


def test_deleting_removes_the_row(case_study):
    case_study.save_revision().publish()
    doc_id = document_id("case_study", case_study.pk)
    assert doc_id in rows()
    case_study.delete()
    assert doc_id not in rows()
    assert full_text_in_sync()


def test_a_centre_rename_reaches_its_case_studies(centre, case_study):
    case_study.save_revision().publish()
    centre.title = "ศูนย์เรียนรู้บ้านหนองบัวแดง"
    centre.save_revision().publish()
    hits = fallback.search(SearchQuery(text="")).hits
    assert [hit.source["centre_title"] for hit in hits] == ["ศูนย์เรียนรู้บ้านหนองบัวแดง"]


def test_an_lao_rename_reaches_centres_and_case_studies(centre, case_study):
    centre.save_revision().publish()
    case_study.save_revision().publish()
    centre.lao.name_th = "เทศบาลตำบลหนองบัวแดง"
    centre.lao.save()
    result = fallback.search(SearchQuery(text="หนองบัวแดง", kinds=("case_study", "centre")))
    assert {hit.page_id for hit in result.hits} == {centre.pk, case_study.pk}


def test_moving_a_case_study_updates_its_place(centre, centre_index, case_study):
    songkhla = make_centre(centre_index, province="90")
    case_study.save_revision().publish()
    CaseStudyPage.objects.get(pk=case_study.pk).move(songkhla, pos="last-child")
    result = fallback.search(SearchQuery(filters={"province": ("90",)}))
    assert [hit.page_id for hit in result.hits] == [case_study.pk]


def test_a_case_study_under_an_unpublished_centre_is_not_searchable(centre, case_study):
    case_study.save_revision().publish()
    assert rows() == {document_id("case_study", case_study.pk)}
    centre.unpublish()
    assert rows() == set()


def test_enqueue_updates_the_fallback_from_any_iterable(case_study):
    enqueue((page_id for page_id in [case_study.pk]), "test")  # a generator, read once
    assert rows() == {document_id("case_study", case_study.pk)}


def test_a_batch_writes_the_fallback_when_flushed_and_at_its_end(town_centre):
    with batch() as current:
        first = publish_case(town_centre, "ธนาคารเวลา")
        with batch() as inner:  # joins the outer batch
            second = publish_case(town_centre, "โรงเรียนผู้สูงอายุ")
        assert inner is current and rows() == set()  # nothing written yet
        current.flush()
        assert rows() == {document_id("case_study", first.pk), document_id("case_study", second.pk)}
        third = publish_case(town_centre, "กายภาพบำบัด")
        third.save_revision().publish()  # twice in one batch: one row
    assert titles("กายภาพบำบัด") == {"กายภาพบำบัด"}
    assert FallbackDocument.objects.filter(page_id=third.pk).count() == 1


def test_an_error_inside_a_batch_leaves_no_fallback_row(town_centre):
    with pytest.raises(RuntimeError), transaction.atomic(), batch():
        publish_case(town_centre, "กายภาพบำบัด")
        raise RuntimeError("the import failed")
    assert titles("กายภาพบำบัด") == set() and rows() == set()


def test_rebuild_holds_exactly_the_searchable_documents(corpus, centre_index):
    hidden_centre = make_centre(centre_index)
    publish_case(hidden_centre, "ใต้ศูนย์ที่ถอน", "ผู้สูงอายุ")
    hidden_centre.unpublish()
    FallbackDocument.objects.all().delete()
    assert fallback.search(SearchQuery(text="ผู้สูงอายุ")).total == 0

    count = fallback.rebuild_fallback()
    expected = set(expected_documents())
    assert count == len(expected) == len(rows())
    assert rows() == expected
    assert "ใต้ศูนย์ที่ถอน" not in titles("")
    assert "เยี่ยมบ้าน" in titles("ผู้สูงอายุ")
    assert full_text_in_sync()
    assert fallback.rebuild_fallback() == count  # again: no duplicates
    assert full_text_in_sync()


def test_the_command_and_migrate_refill_a_stale_table(corpus):
    FallbackDocument.objects.all().delete()
    call_command("rebuild_fallback_index", verbosity=0)
    assert rows() == set(expected_documents())
    FallbackDocument.objects.filter(doc_id__in=list(rows())[:3]).delete()
    fallback._fill_after_migrate(sender=apps.get_app_config("portal_search"))
    assert rows() == set(expected_documents())


# --- suggestions -----------------------------------------------------------------------------


@pytest.fixture
def titled(town_centre):
    publish_case(town_centre, "โครงการเยี่ยมบ้านผู้สูงอายุติดเตียง")
    publish_case(town_centre, "ตรวจนาฬิกาชีวิตกลุ่มเสี่ยง")
    publish_case(town_centre, "ผู้สูงอายุร่วมปลูกผัก")
    draft = CaseStudyPageFactory(parent=town_centre, live=False, title="ผู้สูงอายุฉบับร่าง")
    draft.save_revision()
    return town_centre


def labels(prefix, **kwargs) -> list[str]:
    return [suggestion.label for suggestion in fallback.suggest(prefix, **kwargs)]


def test_suggestions_complete_a_thai_word_typed_halfway(titled):
    found = labels("ผู้สู")
    # The title that starts with it comes first, then the one where a later word does.
    assert found[:2] == ["ผู้สูงอายุร่วมปลูกผัก", "โครงการเยี่ยมบ้านผู้สูงอายุติดเตียง"]
    assert "ผู้สูงอายุฉบับร่าง" not in found  # never published
    assert "โครงการเยี่ยมบ้านผู้สูงอายุติดเตียง" in labels("เยี่ยมบ")
    assert "โครงการเยี่ยมบ้านผู้สูงอายุติดเตียง" in labels("ผู้สูงอายุ ติด")  # spaces do not matter
    suggestion = next(item for item in fallback.suggest("ตรวจนา") if item.kind == "case_study")
    assert suggestion.url == CaseStudyPage.objects.get(title="ตรวจนาฬิกาชีวิตกลุ่มเสี่ยง").url


def test_suggestions_start_at_words_not_inside_them(titled):
    assert "ตรวจนาฬิกาชีวิตกลุ่มเสี่ยง" in labels("นาฬิ")
    assert "ตรวจนาฬิกาชีวิตกลุ่มเสี่ยง" not in labels("ฬิกา")
    assert "โครงการเยี่ยมบ้านผู้สูงอายุติดเตียง" not in labels("ครงการ")


def test_suggestions_include_focus_areas_and_provinces(titled):
    areas = [(item.label, item.url) for item in fallback.suggest("ภัยพิ") if item.kind == "focus_area"]
    assert areas == [("ด้านการจัดการภัยพิบัติโดยชุมชนท้องถิ่น", "/search/?area=disaster-management")]
    english = [(item.label, item.url) for item in fallback.suggest("sustainable") if item.kind == "focus_area"]
    assert english == [("Sustainable agriculture", "/search/?area=sustainable-agriculture")]
    provinces = [(item.label, item.url) for item in fallback.suggest("เชียงใ") if item.kind == "province"]
    assert provinces == [("เชียงใหม่", "/search/?province=50")]
    assert ("Songkhla", "/search/?province=90") in [(item.label, item.url) for item in fallback.suggest("songk")]


def test_suggestions_respect_the_limit_and_ignore_empty_input(titled):
    assert len(fallback.suggest("ด้าน", limit=3)) == 3
    assert fallback.suggest("   ") == []
    assert all(WORD_MARK not in label for label in labels("ผู้"))
