"""Database queries per page stay constant in the number of items shown (docs: quality targets).

Each test renders the same view over 3 and over 15 items and holds both to one bound, so a
query per item (N+1) fails the larger case. Pages with pictures are measured with a cold
cache after a first render has made the renditions: the worst case a visitor meets.
"""

import datetime

import pytest
import wagtail_factories

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning_centres.models import (
    CaseStudyDocument,
    CaseStudyFollowUp,
    CaseStudyImage,
    CaseStudyIndexPage,
    CaseStudyIndicator,
    CaseStudyPage,
    FocusArea,
    FundingSource,
    LearningCentreImage,
    TargetGroup,
)
from search.contract import PAGE_SIZE

from .factories import CaseStudyPageFactory, LearningCentrePageFactory

SIZES = [3, 15]

# The bounds hold on SQLite and PostgreSQL; raising one needs a reason, not a new item.
# Pages: +2 for the two languages (Wagtail i18n looks up the active locale to route; the
# language switcher and hreflang links look up the page's version in the other language).
# Pages that name terms: +1 for the vocabularies' names in every language (one query for all
# three, learning_centres.models.taxonomy.labels).
# Routing: one query for the pages on the way and one for the page (home.models.HomePage.route);
# a case study's centre comes with its province, district and LAO in one query.
# Breadcrumbs: no query (the pages the router met on the way, home.templatetags.site_tags).
# Case pages: +1 for the indicators' dated readings, +1 for the LAOs that adopted the case.
CASE_STUDY_PAGE_QUERIES = 24
CENTRE_PAGE_QUERIES = 19
HOME_PAGE_QUERIES = 17  # +2: the month's most read case studies and their view restrictions (usage)
CASE_STUDY_INDEX_QUERIES = 16
CENTRE_INDEX_QUERIES = 13
# Feeds: +1 measured once WAGTAIL_I18N_ENABLED is on (Wagtail resolves page URLs per locale).
FEED_QUERIES = 12  # +1: item categories are area names (the vocabularies query above)


def images(n: int):
    return [wagtail_factories.ImageFactory(title=f"ภาพ {i}", file__width=40, file__height=30) for i in range(n)]


def publish_case_studies(centres, n: int) -> list[CaseStudyPage]:
    pages = []
    areas = list(FocusArea.objects.originals().values_list("slug", flat=True))
    for i in range(n):
        page = CaseStudyPageFactory(parent=centres[i % len(centres)], title=f"กรณีศึกษา {i}", focus_areas=areas[i % 8 : i % 8 + 3])
        page.save_revision().publish()
        moment = timezone.now() - datetime.timedelta(hours=i)
        CaseStudyPage.objects.filter(pk=page.pk).update(first_published_at=moment)
        pages.append(page)
    return pages


def warm_up(client, url: str, params=None) -> None:
    """A first visit makes the pictures' renditions; then the cache is emptied."""
    assert client.get(url, params).status_code == 200
    cache.clear()


def get(client, url: str, params=None):
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def count_queries(client, url: str, params=None) -> int:
    warm_up(client, url, params)
    with CaptureQueriesContext(connection) as queries:
        get(client, url, params)
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("n", SIZES)
def test_case_study_page(client, centre, n, django_assert_max_num_queries):
    page = CaseStudyPageFactory(parent=centre, focus_areas=list(FocusArea.objects.originals().values_list("slug", flat=True))[: min(n, 8)])
    page.keywords.add(*[f"คำสำคัญ{i}" for i in range(n)])
    page.target_groups.set(TargetGroup.objects.originals()[:n])
    page.funding_sources.set(FundingSource.objects.originals()[:n])
    page.indicators = [CaseStudyIndicator(label=f"ตัวชี้วัด {i}", result=str(i)) for i in range(n)]
    page.gallery_images = [CaseStudyImage(image=image, caption=f"ภาพ {i}") for i, image in enumerate(images(n))]
    page.documents = [CaseStudyDocument(document=wagtail_factories.DocumentFactory(), title=f"เอกสาร {i}") for i in range(n)]
    page.follow_ups = [CaseStudyFollowUp(date=datetime.date(2025, 1, 1 + i), title=f"ติดตาม {i}", text="ต่อเนื่อง") for i in range(n)]
    page.results = "<p>ผลลัพธ์</p>"
    page.save_revision().publish()

    assert client.get(page.url).content.decode().count('class="gallery"') == 1
    warm_up(client, page.url)
    with django_assert_max_num_queries(CASE_STUDY_PAGE_QUERIES):
        get(client, page.url)


@pytest.mark.django_db
@pytest.mark.parametrize("n", SIZES)
def test_centre_page(client, centre, n, django_assert_max_num_queries):
    centre.gallery_images = [LearningCentreImage(image=image) for image in images(n)]
    centre.save_revision().publish()
    publish_case_studies([centre], n)

    warm_up(client, centre.url)
    with django_assert_max_num_queries(CENTRE_PAGE_QUERIES):
        response = get(client, centre.url)
    assert len(response.context["case_studies"]) == n  # every one shown, not an empty page


@pytest.mark.django_db
@pytest.mark.parametrize("n", SIZES)
def test_home_page(client, home_page, centre, n, django_assert_max_num_queries):
    publish_case_studies([centre], n)

    warm_up(client, "/")
    with django_assert_max_num_queries(HOME_PAGE_QUERIES):
        response = get(client, "/")
    assert len(response.context["latest_case_studies"]) == min(n, home_page.specific.LATEST_COUNT)


@pytest.mark.django_db
@pytest.mark.parametrize("n", SIZES)
def test_case_study_index_page(client, home_page, centre, n, django_assert_max_num_queries):
    listing = home_page.add_child(instance=CaseStudyIndexPage(title="กรณีศึกษา", slug="case-studies"))
    publish_case_studies([centre], n)

    params = {"centre_type": "elderly_care", "area": ["community-welfare", "community-health-care"], "province": "50"}
    warm_up(client, listing.url, params)
    with django_assert_max_num_queries(CASE_STUDY_INDEX_QUERIES):
        response = get(client, listing.url, params)
    matching = CaseStudyPage.objects.live().filter(focus_areas__slug__in=params["area"]).distinct().count()
    assert matching > 0 and len(response.context["results"]) == min(matching, PAGE_SIZE)


@pytest.mark.django_db
@pytest.mark.parametrize("n", SIZES)
def test_centre_index_page(client, centre_index, n, django_assert_max_num_queries):
    for centre in [LearningCentrePageFactory(parent=centre_index) for _ in range(n)]:
        centre.save_revision().publish()

    warm_up(client, centre_index.url, {"centre_type": "elderly_care"})
    with django_assert_max_num_queries(CENTRE_INDEX_QUERIES):
        response = get(client, centre_index.url, {"centre_type": "elderly_care"})
    assert len(response.context["results"]) == min(n, PAGE_SIZE)


@pytest.mark.django_db
@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("url", ["/feeds/case-studies.rss", "/feeds/case-studies.atom"])
@pytest.mark.parametrize("params", [{}, {"area": ["community-welfare", "community-health-care"], "province": "50"}])
def test_feeds(client, centre_index, url, params, n, django_assert_max_num_queries):
    centres = [LearningCentrePageFactory(parent=centre_index) for _ in range(3)]
    publish_case_studies(centres, n)

    warm_up(client, url, params)
    with django_assert_max_num_queries(FEED_QUERIES):
        response = get(client, url, params)
    assert response.content.count(b"<item>") + response.content.count(b"<entry>") > 0


@pytest.mark.django_db
def test_queries_do_not_grow_with_items(client, centre_index, home_page):
    """The bounds above could hide a slow growth; here the counts must be equal."""
    listing = home_page.add_child(instance=CaseStudyIndexPage(title="กรณีศึกษา", slug="case-studies"))
    centre = LearningCentrePageFactory(parent=centre_index)
    urls = [centre.url, "/", listing.url, centre_index.url, "/feeds/case-studies.rss"]

    publish_case_studies([centre], 3)
    centre.gallery_images = [LearningCentreImage(image=image) for image in images(3)]
    centre.save_revision().publish()
    few = [count_queries(client, url) for url in urls]

    publish_case_studies([centre], 12)
    centre.gallery_images = [LearningCentreImage(image=image) for image in images(15)]
    centre.save_revision().publish()
    many = [count_queries(client, url) for url in urls]

    assert many == few


@pytest.mark.django_db
def test_case_study_page_queries_do_not_grow_with_related_cases(client, centre_index):
    """Related case studies are found and shown in a fixed number of queries."""
    centres = [LearningCentrePageFactory(parent=centre_index) for _ in range(3)]
    page = CaseStudyPageFactory(parent=centres[0], focus_areas=["community-health-care", "community-welfare"])
    page.keywords.add("อาสาสมัคร")
    page.save_revision().publish()

    publish_case_studies(centres, 3)
    few = count_queries(client, page.url)
    publish_case_studies(centres, 15)
    many = count_queries(client, page.url)

    assert few == many
    assert 'id="related"' in client.get(page.url).content.decode()
