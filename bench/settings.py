"""Settings of a benchmark process: the portal's own, on a database and index of its own.

BENCH_DB is the SQLite file (under var/bench/), BENCH_SEARCH_URL the OpenSearch node and
BENCH_N the corpus size, which names the indices so that runs of several sizes can share a
node. Wagtail's two search backends (the peers) are configured next to the portal's engine:
`default` is Wagtail's database backend (SQLite FTS5 here), `opensearch` is Wagtail's
OpenSearch 3 backend (django-modelsearch) on the same node. Neither updates itself on save:
the benchmark fills and times them explicitly.
"""

import os

from portal.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-not-secret"  # noqa: S105 - a local benchmark process
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ROOT_URLCONF = "bench.urls"
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["BENCH_DB"]}}

_N = os.environ.get("BENCH_N", "0")
SEARCH_URL = os.environ.get("BENCH_SEARCH_URL", "")
SEARCH_ENGINE = "opensearch"
SEARCH_INDEX_PREFIX = f"bench-{_N}"
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False},
}
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS["opensearch"] = {
        "BACKEND": "wagtail.search.backends.opensearch3",
        "URLS": [SEARCH_URL],
        "INDEX_PREFIX": f"bench-wagtail-{_N}-",
        "AUTO_UPDATE": False,
        "TIMEOUT": 30,
    }
# Every request comes from one address: counted as in production, never refused (a 429 would
# pass for a fast answer).
PUBLIC_RATE_LIMIT_PER_MINUTE = 1_000_000
# The peers' search page is a search page: like the portal's /search/, never served from the
# page cache (it was, and timed a cache hit as Wagtail's search).
PAGE_CACHE_EXCLUDE = (*PAGE_CACHE_EXCLUDE, "/bench/")  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
