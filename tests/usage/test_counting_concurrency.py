"""Counts are exact when many workers count the same thing at the same moment (PostgreSQL,
the production database; the suite's SQLite phase skips this file)."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest

from django.db import connection, connections

from usage import counting
from usage.models import DailyCount, Kind

pytestmark = pytest.mark.django_db(transaction=True)
CALLERS = 24


def test_every_concurrent_hit_is_counted_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite serialises them anyway)")
    start = Barrier(CALLERS)

    def one_hit(_: int) -> None:
        start.wait()
        try:
            counting.count(Kind.DOWNLOAD, 7)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=CALLERS) as pool:
        list(pool.map(one_hit, range(CALLERS)))
    assert list(DailyCount.objects.values_list("count", flat=True)) == [CALLERS]
