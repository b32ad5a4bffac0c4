import pytest

from django.core.cache import caches


@pytest.fixture
def page_cache(settings):
    """The page cache switched on (it is off in the other tests), empty."""
    settings.PAGE_CACHE_SECONDS = 600
    caches[settings.PAGE_CACHE_ALIAS].clear()
    return caches[settings.PAGE_CACHE_ALIAS]


from tests.search.conftest import search_engine  # noqa: E402, F401 - the engine tests' fixture
