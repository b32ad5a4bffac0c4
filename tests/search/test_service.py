"""search.service is the one place that picks a backend: the engine when one is configured
and answers, the database otherwise. Searches, suggestions and related case studies all go
through that one choice, so an unreachable engine degrades all three the same way."""

import logging
import socket

import pytest

from search import service
from search.backends.engine.client import EngineUnavailable
from search.contract import SearchQuery
from search.listing import related_case_studies
from tests.learning_centres.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_engine(settings):
    """An engine configured at a port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.SEARCH_URL = f"http://127.0.0.1:{port}"
    settings.SEARCH_INDEX_PREFIX = "test-unreachable"


def publish(centre, title, areas):
    page = CaseStudyPageFactory(parent=centre, title=title, focus_areas=areas)
    page.save_revision().publish()
    return page


def test_without_an_engine_the_database_answers_and_the_engine_is_not_asked():
    answer, backend = service.engine_else_database("a test", lambda engine: pytest.fail("no engine is configured"), lambda: "database")
    assert (answer, backend) == ("database", "fallback")


def test_an_engine_that_fails_is_logged_and_the_database_answers(unreachable_engine, caplog):
    def failing(engine):
        raise EngineUnavailable("down")

    with caplog.at_level(logging.WARNING, logger="search.service"):
        answer, backend = service.engine_else_database("a test", failing, lambda: "database")
    assert (answer, backend) == ("database", "fallback")
    assert [record.getMessage() for record in caplog.records] == ["Search engine unavailable for a test, answering from the database: down"]


def test_searches_suggestions_and_related_cases_fall_back_when_the_engine_is_unreachable(unreachable_engine, centre, caplog):
    target = publish(centre, "เยี่ยมบ้านผู้สูงอายุ", ["community-health-care"])
    twin = publish(centre, "ดูแลผู้สูงอายุติดเตียง", ["community-health-care"])
    vegetables = publish(centre, "แปลงผักปลอดสาร", ["sustainable-agriculture"])

    with caplog.at_level(logging.WARNING, logger="search.service"):
        outcome = service.search(SearchQuery(text="แปลงผัก"), correct_spelling=False)
        suggestions = service.suggest("ผู้สูง")
        related = related_case_studies(target, limit=3)

    assert outcome.from_fallback and [hit.page_id for hit in outcome.result.hits] == [vegetables.pk]
    assert {suggestion.label for suggestion in suggestions} >= {"เยี่ยมบ้านผู้สูงอายุ", "ดูแลผู้สูงอายุติดเตียง"}
    assert related == [twin]
    # One warning per call from the service, each answered by the database; the third failure
    # in a row opens the circuit (SEARCH_BREAKER_FAILURES).
    warnings = [record.getMessage() for record in caplog.records if record.name == "search.service"]
    assert [message.split(",")[0] for message in warnings] == [
        "Search engine unavailable for a search",
        "Search engine unavailable for suggestions",
        "Search engine circuit open",
    ]
