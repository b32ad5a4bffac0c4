"""Purging the page cache by generation.

Every cached page is stored under a key prefix made of two generations: the site's and its
path's. Purging a path (every query string of it: listing filters, page numbers) or the whole
site deletes its generation (one query for any number of paths); the next request makes a
new random one, so older entries are never read again and expire on their own. A culled
generation is the same as a purge: an old entry can never come back. Requests read their generations before they render
and store under those, so a page rendered from data older than a purge is stored where no
request looks for it.

A third part is the release: a fingerprint of what a deploy changes in every page (the
templates, the translations, the static files' hashed names). After a deploy the pages cached
by the previous release are never served, so no visitor gets HTML that points at last
release's CSS or says last release's words.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.cache import BaseCache, caches

SITE_KEY = "pagecache:site"


def cache() -> BaseCache:
    return caches[settings.PAGE_CACHE_ALIAS]


def path_key(path: str) -> str:
    return "pagecache:path:" + hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()


@functools.cache
def release() -> str:
    """The running release's fingerprint (once per process): PAGE_CACHE_RELEASE if the deploy
    names one (a commit), with the contents of the project's templates, compiled translations
    and the static files' manifest."""
    digest = hashlib.sha256(settings.PAGE_CACHE_RELEASE.encode())
    base = Path(settings.BASE_DIR)
    files = [*base.glob("templates/**/*.html"), *base.glob("*/templates/**/*.html"), *base.glob("locale/*/LC_MESSAGES/*.mo")]
    for file in sorted(files):
        digest.update(str(file.relative_to(base)).encode() + b"\0" + file.read_bytes())
    manifest = Path(settings.STATIC_ROOT or base / "static_collected") / "staticfiles.json"
    if manifest.is_file():  # only where collectstatic ran with the manifest storage (production)
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:10]


def key_prefix(path: str) -> str:
    """The prefix of this path's cached pages now: one cache read."""
    keys = [SITE_KEY, path_key(path)]
    store = cache()
    found = store.get_many(keys)
    for key in keys:
        if key not in found:
            store.add(key, secrets.token_hex(6), timeout=None)
            found[key] = store.get(key)
    return f"pc.{release()}.{found[SITE_KEY]}.{found[keys[1]]}"


def purge_paths(paths: Iterable[str]) -> None:
    keys = [path_key(path) for path in set(paths)]
    if keys:
        cache().delete_many(keys)


def purge_site() -> None:
    cache().delete(SITE_KEY)
