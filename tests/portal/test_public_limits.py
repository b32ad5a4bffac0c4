"""Searches and API calls are limited per client address, and the limit is exact."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_a_minute(settings):
    settings.PUBLIC_RATE_LIMIT_PER_MINUTE = 2


@pytest.mark.parametrize("path", ["/api/search/?q=x", "/api/search/suggest/?q=x", "/api/v2/pages/", "/search/?q=x", "/en/search/?q=x"])
def test_the_third_call_in_a_minute_is_refused(client, two_a_minute, path):
    assert [client.get(path, REMOTE_ADDR="10.9.0.1").status_code for _ in range(3)][2] == 429
    assert client.get(path, REMOTE_ADDR="10.9.0.2").status_code != 429  # someone else may go on


def test_api_refusals_are_json_and_say_when_to_retry(client, two_a_minute):
    for _ in range(2):
        client.get("/api/search/?q=x", REMOTE_ADDR="10.9.1.1")
    response = client.get("/api/search/?q=x", REMOTE_ADDR="10.9.1.1")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "60"
    assert "Too many requests" in response.json()["error"]


def test_pages_people_read_are_not_limited(client, two_a_minute):
    assert {client.get("/", REMOTE_ADDR="10.9.2.1").status_code for _ in range(4)} != {429}


def test_zero_switches_the_limit_off(client, settings):
    settings.PUBLIC_RATE_LIMIT_PER_MINUTE = 0
    assert {client.get("/api/search/?q=x", REMOTE_ADDR="10.9.3.1").status_code for _ in range(5)} == {200}
