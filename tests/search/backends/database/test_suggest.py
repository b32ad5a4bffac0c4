"""The database backend's search-as-you-type suggestions."""

import pytest

from learning_centres.models import CaseStudyPage
from search.backends.database import suggest as database_suggest
from tests.learning_centres.factories import CaseStudyPageFactory
from tests.search.corpus import publish_case
from thai.text import WORD_MARK

pytestmark = pytest.mark.django_db


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
    return [suggestion.label for suggestion in database_suggest.suggest(prefix, **kwargs)]


def test_suggestions_complete_a_thai_word_typed_halfway(titled):
    found = labels("ผู้สู")
    # The title that starts with it comes first, then the one where a later word does.
    assert found[:2] == ["ผู้สูงอายุร่วมปลูกผัก", "โครงการเยี่ยมบ้านผู้สูงอายุติดเตียง"]
    assert "ผู้สูงอายุฉบับร่าง" not in found  # never published
    assert "โครงการเยี่ยมบ้านผู้สูงอายุติดเตียง" in labels("เยี่ยมบ")
    assert "โครงการเยี่ยมบ้านผู้สูงอายุติดเตียง" in labels("ผู้สูงอายุ ติด")  # spaces do not matter
    suggestion = next(item for item in database_suggest.suggest("ตรวจนา") if item.kind == "case_study")
    assert suggestion.url == CaseStudyPage.objects.get(title="ตรวจนาฬิกาชีวิตกลุ่มเสี่ยง").url


def test_suggestions_start_at_words_not_inside_them(titled):
    assert "ตรวจนาฬิกาชีวิตกลุ่มเสี่ยง" in labels("นาฬิ")
    assert "ตรวจนาฬิกาชีวิตกลุ่มเสี่ยง" not in labels("ฬิกา")
    assert "โครงการเยี่ยมบ้านผู้สูงอายุติดเตียง" not in labels("ครงการ")


def test_suggestions_include_focus_areas_and_provinces(titled):
    areas = [(item.label, item.url) for item in database_suggest.suggest("ภัยพิ") if item.kind == "focus_area"]
    assert areas == [("ด้านการจัดการภัยพิบัติโดยชุมชนท้องถิ่น", "/search/?area=disaster-management")]
    english = [(item.label, item.url) for item in database_suggest.suggest("sustainable") if item.kind == "focus_area"]
    assert english == [("Sustainable agriculture", "/search/?area=sustainable-agriculture")]
    provinces = [(item.label, item.url) for item in database_suggest.suggest("เชียงใ") if item.kind == "province"]
    assert provinces == [("เชียงใหม่", "/search/?province=50")]
    assert ("Songkhla", "/search/?province=90") in [(item.label, item.url) for item in database_suggest.suggest("songk")]


def test_suggestions_respect_the_limit_and_ignore_empty_input(titled):
    assert len(database_suggest.suggest("ด้าน", limit=3)) == 3
    assert database_suggest.suggest("   ") == []
    assert all(WORD_MARK not in label for label in labels("ผู้"))
