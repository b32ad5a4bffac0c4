"""Evidence level as a search facet and a sort, answered alike by the engine and the fallback."""

import pytest

from learning_centres.models import CentreType, EvidenceLevel
from search import service
from search.contract import SearchQuery
from search.indexing import rebuild
from tests.learning_centres.factories import CaseStudyPageFactory, LearningCentrePageFactory

pytestmark = pytest.mark.django_db

LEVELS = {"idea": EvidenceLevel.IDEA, "measured": EvidenceLevel.MEASURED, "adopted": EvidenceLevel.ADOPTED, "measured_too": 3}


@pytest.fixture(params=["engine", "fallback"])
def rated(request, settings, centre_index) -> dict:
    centre = LearningCentrePageFactory(parent=centre_index, centre_type=CentreType.ELDERLY_CARE)
    centre.save_revision().publish()
    pages = {}
    for name, level in LEVELS.items():
        page = CaseStudyPageFactory(parent=centre, title=f"กรณี {name}", evidence_level=level)
        page.save_revision().publish()
        pages[name] = page
    if request.param == "engine":
        rebuild(request.getfixturevalue("search_engine"))
    else:
        settings.SEARCH_URL = ""
    return pages


def run(**query) -> service.SearchOutcome:
    return service.search(SearchQuery(kinds=("case_study",), **query), correct_spelling=False)


def test_strongest_evidence_sorts_first(rated):
    hits = run(sort="evidence").result.hits
    assert [hit.page_id for hit in hits][:1] == [rated["adopted"].pk]
    assert [hit.source["evidence_level"] for hit in hits] == [5, 3, 3, 1]


def test_levels_are_counted_as_a_facet_and_filter(rated):
    outcome = run(filters={"evidence_level": ("3",)})
    assert {hit.page_id for hit in outcome.result.hits} == {rated["measured"].pk, rated["measured_too"].pk}
    # Multi-select: a facet is counted without its own filter.
    assert dict(outcome.result.facets["evidence_level"]) == {"1": 1, "3": 2, "5": 1}


def test_the_search_page_offers_the_facet_sort_and_badge(client, rated):
    html = client.get("/search/", {"sort": "evidence", "evidence": "5"}).content.decode()
    assert 'name="evidence" value="5"' in html and "ระดับหลักฐาน" in html
    assert '<option value="evidence" selected>' in html
    assert 'class="evidence-badge level-5">อปท. อื่นนำไปใช้</span>' in html
    assert "กรณี adopted" in html and "กรณี idea" not in html


def test_english_labels(client, rated):
    html = client.get("/en/search/", {"evidence": "1"}).content.decode()
    assert "Independently evaluated" not in html  # no such case: no facet value
    assert "Adopted by other LAOs" in html and 'class="evidence-badge level-1">Idea</span>' in html


def test_an_unknown_level_is_refused_by_the_api(client, rated):
    response = client.get("/api/search/", {"evidence": "9"})
    assert response.status_code == 400
    assert "evidence: unknown value" in response.content.decode()
