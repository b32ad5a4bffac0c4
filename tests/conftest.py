import pytest

from home.models import HomePage, StandardPage
from learning_centres.models import CaseStudyIndexPage
from portal.locales import mirror_page_tree, translate_page
from tests.learning_centres.factories import (
    CaseStudyPageFactory,
    CentreIndexPageFactory,
    LearningCentrePageFactory,
)


@pytest.fixture
def home_page(db):
    return HomePage.objects.get()


@pytest.fixture
def centre_index(home_page):
    return CentreIndexPageFactory(parent=home_page)


@pytest.fixture
def centre(centre_index):
    return LearningCentrePageFactory(parent=centre_index)


@pytest.fixture
def other_centre(centre_index):
    return LearningCentrePageFactory(parent=centre_index)


@pytest.fixture
def case_study(centre):
    return CaseStudyPageFactory(parent=centre)


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def site_tree(home_page, centre_index, centre, case_study):
    """The demo's shape: Thai originals, English fixed pages, English aliases of the rest."""
    listing = publish(home_page.add_child(instance=CaseStudyIndexPage(title="กรณีศึกษา", slug="case-studies")))
    about = publish(home_page.add_child(instance=StandardPage(title="เกี่ยวกับโครงการ", slug="about")))
    for page in (centre_index, centre, case_study):
        publish(page)
    translate_page(home_page, "en", title="LAO Knowledge Portal")
    translate_page(about, "en", title="About the programme")
    translate_page(listing, "en", title="Case studies")
    mirror_page_tree(home_page)
    return {"centre": centre, "case_study": case_study, "about": about}


@pytest.fixture(autouse=True)
def clear_cache():
    """Wagtail caches site roots and permissions, the search caches its vocabulary and
    facet labels; a test must not see another's."""
    from django.core.cache import cache

    from learning_centres.models.taxonomy import labels as term_labels
    from search.presenters import forget_labels
    from search.spelling import forget_vocabulary

    cache.clear()
    forget_vocabulary()
    forget_labels()
    term_labels.clear()


@pytest.fixture(autouse=True)
def thai_by_default():
    """Each test starts in Thai, as every unprefixed request does; a request to /en/ leaves
    English active in the thread (LocaleMiddleware never deactivates), so reset it."""
    from django.utils import translation

    translation.activate("th")
    yield
    translation.deactivate()


# Property-based tests (hypothesis): few examples per test so the suite stays quick; no
# deadline (these machines are shared and slow); function-scoped fixtures hold read-only data.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "portal",
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("portal")
