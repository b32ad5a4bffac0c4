"""Fixed-window rate limits shared by every worker process.

Each hit is one atomic statement (INSERT … ON CONFLICT DO UPDATE … RETURNING, on PostgreSQL
and SQLite alike), so concurrent workers never lose a count and the limit is exact. Not
django-ratelimit or a cache: those count through the cache's incr(), which Django's
database cache does as read-then-write, and the stack has no Redis.
"""

from __future__ import annotations

import datetime
import hashlib
import time
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from .clients import client_address
from .models import RateLimitCounter

__all__ = ["Limit", "client_address", "hit", "is_limited", "reset"]


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits per ``seconds`` for one key of one scope."""

    scope: str
    count: int
    seconds: int


def _window(limit: Limit) -> int:
    return int(time.time()) // limit.seconds


def _key(limit: Limit, key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"{limit.scope[:60]}:{_window(limit)}:{digest}"


def _window_end(limit: Limit) -> datetime.datetime:
    return datetime.datetime.fromtimestamp((_window(limit) + 1) * limit.seconds, tz=datetime.UTC)


def hit(limit: Limit, key: str) -> bool:
    """Count one hit; return False when the key is over its limit for this window."""
    table, key_column, count_column, expires_column = map(
        connection.ops.quote_name, (RateLimitCounter._meta.db_table, "key", "count", "expires_at")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_column}, {count_column}, {expires_column}) VALUES (%s, 1, %s) "  # noqa: S608  # nosec B608 - quoted names of our own table
            f"ON CONFLICT ({key_column}) DO UPDATE SET {count_column} = {table}.{count_column} + 1 RETURNING {count_column}",
            [_key(limit, key), _window_end(limit)],
        )
        (count,) = cursor.fetchone()
    if count == 1:  # the first hit of a window: forget windows that have ended
        RateLimitCounter.objects.filter(expires_at__lt=timezone.now()).delete()
    return count <= limit.count


def is_limited(limit: Limit, key: str) -> bool:
    """True when the key has used up this window, without counting another hit."""
    count = RateLimitCounter.objects.filter(key=_key(limit, key)).values_list("count", flat=True).first() or 0
    return count >= limit.count


def reset(limit: Limit, key: str) -> None:
    RateLimitCounter.objects.filter(key=_key(limit, key)).delete()
