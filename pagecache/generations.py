"""Purging the page cache by generation.

Every cached page is stored under a key prefix made of two generations: the site's and its
path's. Purging a path (every query string of it: listing filters, page numbers) or the whole
site deletes its generation (one query for any number of paths); the next request makes a
new random one, so older entries are never read again and expire on their own. A culled
generation is the same as a purge: an old entry can never come back. Requests read their generations before they render
and store under those, so a page rendered from data older than a purge is stored where no
request looks for it.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import BaseCache, caches

SITE_KEY = "pagecache:site"


def cache() -> BaseCache:
    return caches[settings.PAGE_CACHE_ALIAS]


def path_key(path: str) -> str:
    return "pagecache:path:" + hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()


def key_prefix(path: str) -> str:
    """The prefix of this path's cached pages now: one cache read."""
    keys = [SITE_KEY, path_key(path)]
    store = cache()
    found = store.get_many(keys)
    for key in keys:
        if key not in found:
            store.add(key, secrets.token_hex(6), timeout=None)
            found[key] = store.get(key)
    return f"pc.{found[SITE_KEY]}.{found[keys[1]]}"


def purge_paths(paths: Iterable[str]) -> None:
    keys = [path_key(path) for path in set(paths)]
    if keys:
        cache().delete_many(keys)


def purge_site() -> None:
    cache().delete(SITE_KEY)
