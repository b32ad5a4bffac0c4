"""Pages to search for the database backend's tests (the test settings configure no engine,
so the database answers), and the helpers that read its answers."""

import itertools

import pytest

from learning_centres.models import Province
from search.backends.database import query as database
from search.contract import SearchQuery
from tests.learning_centres.factories import LAOFactory, LearningCentrePageFactory
from tests.search.corpus import publish_case, publish_thai_texts
from thai.text import WORD_MARK


def plain(text: str) -> str:
    return text.replace(WORD_MARK, "")


def titles(text, **kwargs) -> set[str]:
    return {plain(hit.source["title"]) for hit in database.search(SearchQuery(text=text, **kwargs)).hits}


def ordered_titles(text="", **kwargs) -> list[str]:
    return [plain(hit.source["title"]) for hit in database.search(SearchQuery(text=text, **kwargs)).hits]


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
    publish_thai_texts(town_centre)
    publish_case(town_centre, "ย่อชื่อ", "อบต.หนองบัวร่วมกับ รพ.สต. จัดอบรม")
    return town_centre
