from contextlib import contextmanager

import pytest

from django.core.cache import caches


@pytest.fixture
def page_cache(settings):
    """The page cache switched on (it is off in the other tests), empty."""
    settings.PAGE_CACHE_SECONDS = 600
    caches[settings.PAGE_CACHE_ALIAS].clear()
    return caches[settings.PAGE_CACHE_ALIAS]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the block leaves for after the commit, as a commit
    would (a test's transaction never commits). What fixtures left pending before the block
    belongs to the test's outer transaction and is forgotten, as if that had committed."""

    @contextmanager
    def block():
        from pagecache import purge

        purge._pending.__init__()
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return block


from tests.search.conftest import search_engine  # noqa: E402, F401 - the engine tests' fixture
