"""Counts hold when many worker processes hit one key at the same moment (PostgreSQL, the
production database; the suite's SQLite phase does not run this file)."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest

from django.db import connection, connections

from portal import ratelimit

pytestmark = pytest.mark.django_db(transaction=True)
LIMIT = ratelimit.Limit(scope="concurrent", count=10, seconds=600)
CALLERS = 24


def test_exactly_the_limit_is_let_through_under_concurrent_hits():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite serialises them anyway)")
    start = Barrier(CALLERS)

    def one_hit(_: int) -> bool:
        start.wait()
        try:
            return ratelimit.hit(LIMIT, "10.8.0.1")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=CALLERS) as pool:
        allowed = list(pool.map(one_hit, range(CALLERS)))
    assert allowed.count(True) == LIMIT.count
