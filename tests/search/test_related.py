"""Related case studies: ranked by similarity through the search layer, by the engine when
there is one (text likeness plus shared tags) and by the database otherwise (shared focus
areas, keywords, centre type), in a constant number of queries."""

import pytest

from django.utils.translation import override

from learning_centres.models import CentreType
from portal.locales import mirror_page_tree, translate_page, translation_for
from search import listing
from search.backends.database import related as database_related
from search.backends.database.related import ranking as fallback_ranking
from search.backends.engine import related as engine_related
from search.contract import Likeness
from search.listing import related_case_studies
from tests.learning_centres.factories import CaseStudyPageFactory, LearningCentrePageFactory

from .conftest import index_now

pytestmark = pytest.mark.django_db

BEDRIDDEN = (
    "<p>อาสาสมัครดูแลผู้สูงอายุในชุมชนเยี่ยมบ้านผู้สูงอายุติดเตียงทุกสัปดาห์ วัดความดัน ทำกายภาพบำบัด "
    "และสอนญาติพลิกตัวผู้ป่วยเพื่อป้องกันแผลกดทับ ร่วมกับโรงพยาบาลส่งเสริมสุขภาพตำบล</p>"
)
VEGETABLES = "<p>กลุ่มเกษตรกรปลูกผักปลอดสารพิษในแปลงรวม ทำปุ๋ยหมักจากเศษใบไม้ และขายผักที่ตลาดนัดชุมชนทุกวันเสาร์</p>"


def publish(centre, title, *, areas, keywords=(), text=BEDRIDDEN):
    page = CaseStudyPageFactory(parent=centre, title=title, focus_areas=list(areas), context_and_problem=text)
    page.keywords.add(*keywords)
    page.save_revision().publish()
    return page


@pytest.fixture
def child_centre(centre_index):
    return LearningCentrePageFactory(parent=centre_index, centre_type=CentreType.CHILD_DEVELOPMENT)


@pytest.fixture
def cases(centre, child_centre):
    """A case and its neighbours, from most to least alike."""
    return {
        "target": publish(
            centre,
            "เยี่ยมบ้านผู้สูงอายุติดเตียง",
            areas=["community-health-care", "community-welfare"],
            keywords=["ผู้สูงอายุติดเตียง", "อาสาสมัคร"],
        ),
        "twin": publish(centre, "อาสาดูแลผู้สูงอายุติดเตียงที่บ้าน", areas=["community-health-care", "community-welfare"], keywords=["ผู้สูงอายุติดเตียง"]),
        "one_area": publish(child_centre, "ตรวจสุขภาพเด็กเล็ก", areas=["community-health-care"], text="<p>ตรวจพัฒนาการเด็กเล็กทุกภาคเรียน</p>"),
        "keyword_only": publish(
            child_centre, "อาสาสมัครเตือนภัยน้ำท่วม", areas=["disaster-management"], keywords=["อาสาสมัคร"], text="<p>เฝ้าระวังระดับน้ำ</p>"
        ),
        "unrelated": publish(child_centre, "แปลงผักปลอดสาร", areas=["sustainable-agriculture"], keywords=["ผักปลอดสาร"], text=VEGETABLES),
    }


def titles(pages) -> list[str]:
    return [page.title for page in pages]


def likeness(page, centre_type=CentreType.ELDERLY_CARE) -> Likeness:
    return Likeness.of(page, centre_type)


class TestDatabaseRanking:
    def test_shared_areas_weigh_more_than_shared_keywords(self, cases):
        found = related_case_studies(cases["target"], CentreType.ELDERLY_CARE, limit=5)
        assert titles(found) == [cases["twin"].title, cases["one_area"].title, cases["keyword_only"].title]

    def test_never_the_case_itself_nor_a_case_sharing_nothing(self, cases):
        found = titles(related_case_studies(cases["target"], CentreType.ELDERLY_CARE, limit=10))
        assert cases["target"].title not in found
        assert cases["unrelated"].title not in found

    def test_the_same_centre_type_breaks_a_tie(self, centre, child_centre):
        target = publish(centre, "กรณีหลัก", areas=["community-welfare"])
        other_type = publish(child_centre, "ศูนย์เด็กเล็ก สวัสดิการ", areas=["community-welfare"])
        same_type = publish(centre, "ศูนย์ผู้สูงอายุ สวัสดิการ", areas=["community-welfare"])
        ranking = fallback_ranking(likeness(target), limit=5)
        assert ranking == [same_type.pk, other_type.pk]

    def test_limit_caps_the_list(self, cases):
        assert len(related_case_studies(cases["target"], CentreType.ELDERLY_CARE, limit=2)) == 2

    def test_an_unpublished_case_is_not_offered(self, cases):
        cases["twin"].unpublish()
        assert cases["twin"].title not in titles(related_case_studies(cases["target"], CentreType.ELDERLY_CARE, limit=5))

    def test_a_case_without_tags_has_no_related_cases(self, cases):
        untagged = Likeness(page_id=cases["target"].pk, focus_areas=(), keywords=(), centre_type=CentreType.ELDERLY_CARE)
        assert fallback_ranking(untagged, 5) == []

    @pytest.mark.parametrize("extra", [0, 12])
    def test_query_count_does_not_grow_with_candidates(self, centre, cases, extra, django_assert_num_queries):
        for number in range(extra):
            publish(centre, f"กรณีเพิ่มเติม {number}", areas=["community-welfare"], keywords=["อาสาสมัคร"])
        target = cases["target"]
        target.focus_areas.all()  # the page view has these prefetched
        like = likeness(target)
        # The fallback table, the view restrictions (Wagtail's public()), the pages, their areas.
        with django_assert_num_queries(4):
            found = listing._pages_in_order(fallback_ranking(like, 3))
            assert len(found) == 3


class TestEngineRanking:
    def test_text_and_tags_rank_the_closest_case_first(self, search_engine, cases):
        index_now(search_engine)
        found = titles(related_case_studies(cases["target"], CentreType.ELDERLY_CARE, limit=5))
        assert found[0] == cases["twin"].title
        assert cases["target"].title not in found
        assert found.index(cases["one_area"].title) < found.index(cases["keyword_only"].title)
        if cases["unrelated"].title in found:
            assert found[-1] == cases["unrelated"].title

    def test_a_case_telling_the_same_story_is_found_without_shared_tags(self, search_engine, centre, cases):
        retold = publish(centre, "ดูแลผู้ป่วยติดเตียงโดยอาสาสมัคร", areas=["participatory-management"], keywords=["กายภาพบำบัด"])
        index_now(search_engine)
        ranking = engine_related.ranking(search_engine, likeness(cases["target"]), limit=10)
        assert retold.pk in ranking
        assert ranking.index(retold.pk) < ranking.index(cases["keyword_only"].pk)
        # The database knows nothing of text likeness: it shares no tag, so it is not offered.
        assert retold.pk not in fallback_ranking(likeness(cases["target"]), limit=10)

    def test_the_engine_answers_when_configured(self, search_engine, cases, monkeypatch):
        index_now(search_engine)
        monkeypatch.setattr(database_related, "ranking", lambda *args: pytest.fail("the fallback should not be asked"))
        assert related_case_studies(cases["target"], CentreType.ELDERLY_CARE)

    def test_query_count_does_not_grow_with_candidates(self, search_engine, cases, django_assert_num_queries):
        index_now(search_engine)
        target = cases["target"]
        like = likeness(target)
        # View restrictions, the pages and their focus areas; the ranking costs no query.
        with django_assert_num_queries(3):
            found = listing._pages_in_order(engine_related.ranking(search_engine, like, 4))
            assert len(found) == 4


def test_a_dead_engine_falls_back_to_the_database(settings, cases):
    settings.SEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    found = titles(related_case_studies(cases["target"], CentreType.ELDERLY_CARE, limit=5))
    assert found[0] == cases["twin"].title


class TestOnEnglishPages:
    """/en/ shows the English copies of the Thai pages: the index holds the originals only."""

    @pytest.fixture
    def english(self, home_page, cases):
        translate_page(home_page, "en", title="LAO Knowledge Portal")
        translate_page(cases["twin"], "en", title="Volunteers care for bedridden elders at home")
        mirror_page_tree(home_page)
        return {name: translation_for(page, "en").specific for name, page in cases.items()}

    def test_an_english_copy_is_never_its_own_related_case(self, english, cases):
        with override("en"):
            found = related_case_studies(english["target"], CentreType.ELDERLY_CARE, limit=5)
        keys = [page.translation_key for page in found]
        assert cases["target"].translation_key not in keys
        assert keys[0] == cases["twin"].translation_key

    def test_related_cases_are_the_english_pages_with_english_titles_and_addresses(self, client, english, cases):
        with override("en"):
            found = related_case_studies(english["target"], CentreType.ELDERLY_CARE, limit=5)
        assert found and {page.locale.language_code for page in found} == {"en"}
        assert found[0].title == "Volunteers care for bedridden elders at home"
        html = client.get(english["target"].url).content.decode()
        related = html[html.index('id="related"') :]
        assert 'href="/en/centres/' in related and 'href="/centres/' not in related
        assert "Volunteers care for bedridden elders at home" in related

    def test_thai_pages_keep_thai_related_cases(self, english, cases):
        found = related_case_studies(cases["target"], CentreType.ELDERLY_CARE, limit=5)
        assert {page.locale.language_code for page in found} == {"th"}
