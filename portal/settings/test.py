"""The test suite: the database comes from DATABASE_URL (SQLite by default)."""

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
IMPORT_UPLOAD_DIR = BASE_DIR / "var" / "test-imports"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Run queued work inline unless a test asks for the database queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Serve static files straight from the source folders; no collectstatic needed.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tests that need the engine opt in through the search_engine fixture (tests/search),
# which reads SEARCH_URL from the environment; everything else runs without one.
SEARCH_URL = ""
# Rebuilds in tests build their few documents in-process; tests/search/test_document_building.py
# runs the worker pool explicitly.
SEARCH_REBUILD_WORKERS = 1
# Searches and API calls are not limited here (the browser and fuzzing tests make many from
# one address); tests/portal/test_public_limits.py switches the limit on.
PUBLIC_RATE_LIMIT_PER_MINUTE = 0
# Two busy cores can slow a search past production's 1.5 s; tests/search/test_engine_frozen.py
# sets the production value where the timeout itself is under test.
SEARCH_REQUEST_TIMEOUT = 10
# The engine's circuit (search.service) is tried again after a second, not production's 30.
SEARCH_BREAKER_RESET_SECONDS = 1
# The page cache is off in tests (most tests change rows directly and read the page again);
# tests/pagecache switches it on.
PAGE_CACHE_SECONDS = 0
