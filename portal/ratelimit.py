"""Fixed-window rate limits shared by every worker process.

Counters live in the ``ratelimit`` cache (a database table by default, so all processes of
one deployment see the same counts without another server). Callers decide what a key is:
a client address for public forms, a username for logins.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import caches
from django.http import HttpRequest


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits per ``seconds`` for one key of one scope."""

    scope: str
    count: int
    seconds: int


def client_address(request: HttpRequest) -> str:
    """The client's address. Behind a proxy, set the proxy to overwrite REMOTE_ADDR
    (never trust a client-supplied X-Forwarded-For here)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _cache_key(limit: Limit, key: str) -> str:
    window = int(time.time()) // limit.seconds
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"rl:{limit.scope}:{window}:{digest}"


def hit(limit: Limit, key: str) -> bool:
    """Count one hit; return False when the key is over its limit for this window."""
    cache = caches["ratelimit"]
    cache_key = _cache_key(limit, key)
    # add() is atomic where the backend allows it; incr() then counts the following hits.
    if cache.add(cache_key, 1, timeout=limit.seconds + 1):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=limit.seconds + 1)
        return True
    return count <= limit.count


def is_limited(limit: Limit, key: str) -> bool:
    """True when the key has used up this window without counting another hit."""
    value = caches["ratelimit"].get(_cache_key(limit, key), 0)
    return value >= limit.count


def reset(limit: Limit, key: str) -> None:
    caches["ratelimit"].delete(_cache_key(limit, key))
