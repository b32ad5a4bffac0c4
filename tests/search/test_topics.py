"""The names of a case study's focus areas, target groups and funding sources, and of its
centre's type, are searchable (Thai and English), and a query naming a case's area ranks
that case first — on the engine and the database fallback alike."""

# ruff: noqa: F811 - pytest passes imported fixtures to the tests as arguments of the same name

import pytest

from learning_centres.models import CentreType, FundingSource, TargetGroup
from search.backends.database import query as database
from search.backends.engine.query import run
from search.contract import SearchQuery
from search.indexing import rebuild
from tests.learning_centres.factories import LearningCentrePageFactory

from .conftest import index_now, search_engine  # noqa: F401
from .corpus import publish_case

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["engine", "fallback"])
def backend(request, settings, centre_index):
    if request.param == "engine":
        engine = request.getfixturevalue("search_engine")
    else:
        settings.SEARCH_URL = ""
        engine = None
    elderly = LearningCentrePageFactory(parent=centre_index, centre_type=CentreType.ELDERLY_CARE, title="ศูนย์ทดลองหนึ่ง")
    child = LearningCentrePageFactory(parent=centre_index, centre_type=CentreType.CHILD_DEVELOPMENT, title="ศูนย์ทดลองสอง")
    for centre in (elderly, child):
        centre.save_revision().publish()
    drill = publish_case(elderly, "ซ้อมอพยพก่อนน้ำป่า", "ชาวบ้านซ้อมหนีน้ำทุกปี", focus_areas=["disaster-management"])
    drill.target_groups.set(TargetGroup.objects.originals().filter(slug="people_with_disabilities"))
    drill.funding_sources.set(FundingSource.objects.originals().filter(slug="local_health_fund"))
    drill.save_revision().publish()
    publish_case(elderly, "ตลาดนัดชุมชน", "ตลาดเล็กที่เคยเจอภัยพิบัติเมื่อหลายปีก่อน และเคยไปดูงานที่ ศพด. ใกล้บ้าน")
    publish_case(child, "นิทานก่อนนอน", "ครูอ่านนิทานให้เด็กฟังทุกวัน")
    if engine is not None:
        rebuild(engine)
        index_now(engine)
    return engine


def ordered_titles(engine, text: str) -> list[str]:
    query = SearchQuery(text=text, kinds=("case_study",))
    result = run(engine, query) if engine is not None else database.search(query)
    return [hit.source["title"].replace("\u200b", "") for hit in result.hits]


def test_an_areas_name_finds_the_cases_in_that_area_first(backend):
    assert ordered_titles(backend, "ภัยพิบัติ") == ["ซ้อมอพยพก่อนน้ำป่า", "ตลาดนัดชุมชน"]


def test_an_areas_english_name_finds_its_cases(backend):
    assert ordered_titles(backend, "disaster management") == ["ซ้อมอพยพก่อนน้ำป่า"]


@pytest.mark.parametrize("query", ["คนพิการ", "People with disabilities", "กองทุนหลักประกันสุขภาพ"])
def test_target_group_and_funding_names_are_searchable(backend, query):
    assert ordered_titles(backend, query) == ["ซ้อมอพยพก่อนน้ำป่า"]


@pytest.mark.parametrize("query", ["ศพด.", "ศพด", "ศูนย์พัฒนาเด็กเล็ก"])
def test_a_child_development_centre_query_ranks_its_cases_first(backend, query):
    assert ordered_titles(backend, query)[:1] == ["นิทานก่อนนอน"]


@pytest.mark.parametrize("model", [TargetGroup, FundingSource])
def test_renaming_a_term_reindexes_the_cases_that_use_it(backend, model):
    term = model.objects.originals().get(slug={TargetGroup: "people_with_disabilities", FundingSource: "local_health_fund"}[model])
    term.label = "ชื่อใหม่ทดสอบการค้นหา"
    term.save()
    if backend is not None:
        index_now(backend)
    assert ordered_titles(backend, "ชื่อใหม่ทดสอบการค้นหา") == ["ซ้อมอพยพก่อนน้ำป่า"]
