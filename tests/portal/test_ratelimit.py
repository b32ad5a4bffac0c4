import pytest

from portal import ratelimit

pytestmark = pytest.mark.django_db

FORMS = ratelimit.Limit(scope="test-form", count=3, seconds=60)


def test_allows_up_to_the_limit_then_refuses():
    assert [ratelimit.hit(FORMS, "10.0.0.1") for _ in range(4)] == [True, True, True, False]
    assert ratelimit.is_limited(FORMS, "10.0.0.1")


def test_keys_and_scopes_are_counted_separately():
    other_scope = ratelimit.Limit(scope="other", count=3, seconds=60)
    for _ in range(3):
        ratelimit.hit(FORMS, "10.0.0.2")
    assert ratelimit.hit(FORMS, "10.0.0.3")
    assert ratelimit.hit(other_scope, "10.0.0.2")
    assert not ratelimit.hit(FORMS, "10.0.0.2")


def test_reset_forgets_the_count():
    for _ in range(4):
        ratelimit.hit(FORMS, "10.0.0.4")
    ratelimit.reset(FORMS, "10.0.0.4")
    assert ratelimit.hit(FORMS, "10.0.0.4")
