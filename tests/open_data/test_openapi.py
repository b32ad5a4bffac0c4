"""schemathesis against the portal's OpenAPI schemas, through Django's WSGI application:
no generated request may get a 5xx, and every response must match its schema (and every
schema-valid request must be accepted)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.modes import GenerationMode

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from tests.learning_centres.factories import CaseStudyPageFactory, LearningCentrePageFactory

application = get_wsgi_application()
EXAMPLES = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
# Fewer: tests/portal/test_public_parameters.py fuzzes every parameter with any text already.
INVALID_EXAMPLES = settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Like Django's test client: a request through the WSGI handler must not close the
    test's database connection (PostgreSQL would lose the test transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def content(centre_index):
    centre = LearningCentrePageFactory(parent=centre_index)
    centre.save_revision().publish()
    page = CaseStudyPageFactory(parent=centre, external_id="OA-1")
    page.keywords.add("อาสาสมัคร")
    page.save_revision().publish()
    return page


def check_every_operation(schema_path: str) -> list[str]:
    """Run generated requests against each operation of the schema; returns what was tested.
    The schema is loaded inside the test database: it lists the values the database holds."""
    schema = schemathesis.openapi.from_wsgi(schema_path, application)
    tested = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @EXAMPLES
        def call_and_validate(case):
            case.call_and_validate()  # no 5xx, status, content type and body as the schema says

        call_and_validate()
        tested.append(operation.label)
    return tested


def test_search_api_conforms_to_its_schema(content):
    assert check_every_operation("/api/schema/search.json") == ["GET /api/search/", "GET /api/search/suggest/"]


def test_open_data_api_conforms_to_its_schema(content):
    tested = check_every_operation("/api/schema/open-data.json")
    assert {"GET /api/v2/pages/", "GET /api/v2/pages/{id}/", "GET /search/export.csv", "GET /search/export.json"} <= set(tested)


def check_invalid_requests(schema_path: str) -> list[str]:
    """Requests that break the schema (wrong types, out-of-range numbers, unknown values): each
    may be refused, never a 5xx."""
    schema = schemathesis.openapi.from_wsgi(schema_path, application)
    tested = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
        @INVALID_EXAMPLES
        def call(case):
            response = case.call()
            assert response.status_code < 500, (case.path, case.query, response.status_code)

        call()
        tested.append(operation.label)
    return tested


@pytest.mark.parametrize("schema_path", ["/api/schema/search.json", "/api/schema/open-data.json"])
def test_invalid_requests_never_get_a_server_error(content, schema_path):
    assert check_invalid_requests(schema_path)
