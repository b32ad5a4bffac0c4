"""Freshness: after a change is committed, the next anonymous request shows it on every page
that shows it, and pages the change does not touch stay stored. (Each change runs inside
`committed`: purges wait for the commit, which a test's transaction never makes.)"""

import re

import pytest

from learning_centres.models import FocusArea
from pagecache.middleware import HEADER
from tests.conftest import publish
from tests.learning_centres.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


FEEDS = ["/feeds/case-studies.rss", "/feeds/case-studies.atom"]


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    # As read: without tags, so a title wrapped between its words (site_tags.wrap_words) is whole.
    return re.sub(r"<[^>]+>", "", response.content.decode())


def listing_urls(site_tree):
    """Every page a case study appears on besides its own (area pages are listing URLs)."""
    centre = site_tree["centre"]
    return [centre.url, "/", "/case-studies/", "/case-studies/?area=community-health-care", "/centres/", *FEEDS]


def warm(client, urls):
    for url in urls:
        text(client, url)
        assert client.get(url)[HEADER] == "hit", url


def test_a_published_case_study_is_on_every_page_at_the_next_request(client, committed, page_cache, site_tree):
    urls = listing_urls(site_tree)
    warm(client, urls)
    with committed():
        new = publish(CaseStudyPageFactory(parent=site_tree["centre"], title="กรณีศึกษาธนาคารเวลาใหม่ล่าสุด"))

    for url in [u for u in urls if u != "/centres/"]:
        assert "กรณีศึกษาธนาคารเวลาใหม่ล่าสุด" in text(client, url), url
    assert "กรณีศึกษาธนาคารเวลาใหม่ล่าสุด" in text(client, new.url)


def test_an_unpublished_case_study_is_gone_at_the_next_request(client, committed, page_cache, site_tree):
    case_study = site_tree["case_study"]
    urls = listing_urls(site_tree)
    warm(client, [case_study.url, *urls])

    with committed():
        case_study.unpublish()

    assert client.get(case_study.url).status_code == 404
    for url in urls:
        assert case_study.title not in text(client, url), url


def test_an_edited_case_study_shows_the_edit(client, committed, page_cache, site_tree):
    case_study = site_tree["case_study"]
    warm(client, [case_study.url, "/", site_tree["centre"].url])
    case_study.title = "ชื่อกรณีศึกษาที่แก้ไขแล้ว"
    with committed():
        publish(case_study)
    for url in (case_study.url, "/", site_tree["centre"].url):
        assert "ชื่อกรณีศึกษาที่แก้ไขแล้ว" in text(client, url), url


def test_a_renamed_centre_shows_on_its_case_studies(client, committed, page_cache, site_tree):
    centre, case_study = site_tree["centre"], site_tree["case_study"]
    warm(client, [case_study.url, centre.url])
    centre.title = "ศูนย์เรียนรู้ชื่อใหม่เอี่ยม"
    with committed():
        publish(centre)
    assert "ศูนย์เรียนรู้ชื่อใหม่เอี่ยม" in text(client, case_study.url)
    assert "ศูนย์เรียนรู้ชื่อใหม่เอี่ยม" in text(client, centre.url)


def test_a_renamed_area_shows_on_its_case_studies(client, committed, page_cache, site_tree):
    case_study = site_tree["case_study"]
    warm(client, [case_study.url])
    area = FocusArea.objects.originals().get(slug="community-health-care")
    area.label = "ชื่อประเด็นที่แก้ใหม่"
    with committed():
        area.save()
    assert "ชื่อประเด็นที่แก้ใหม่" in text(client, case_study.url)


def test_a_renamed_province_shows_on_the_centre(client, committed, page_cache, site_tree):
    centre = site_tree["centre"]
    warm(client, [centre.url])
    province = centre.province
    province.name_th = "จังหวัดชื่อทดสอบ"
    with committed():
        province.save()
    assert "จังหวัดชื่อทดสอบ" in text(client, centre.url)


def test_a_moved_case_study_is_fresh_at_both_places(client, committed, page_cache, site_tree, other_centre):
    case_study, centre = site_tree["case_study"], site_tree["centre"]
    publish(other_centre)
    old_url = case_study.url
    warm(client, [old_url, centre.url, other_centre.url])

    with committed():
        case_study.move(other_centre, pos="last-child")
    case_study.refresh_from_db()

    assert client.get(old_url).status_code in (301, 404)  # Wagtail may leave a redirect behind
    assert case_study.title in text(client, other_centre.url)
    assert case_study.title not in text(client, centre.url)


def test_a_page_made_private_is_never_served_from_the_cache(client, committed, page_cache, site_tree):
    from wagtail.models import PageViewRestriction

    case_study = site_tree["case_study"]
    warm(client, [case_study.url])
    with committed():
        PageViewRestriction.objects.create(page=case_study, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(case_study.url)
    assert response.status_code == 302 or response.get(HEADER) != "hit"


def test_pages_the_change_does_not_touch_stay_stored(client, committed, page_cache, site_tree, other_centre):
    publish(other_centre)
    warm(client, [other_centre.url, "/about/"])
    with committed():
        publish(CaseStudyPageFactory(parent=site_tree["centre"]))
    assert client.get(other_centre.url)[HEADER] == "hit"
    assert client.get("/about/")[HEADER] == "hit"


def test_listings_from_the_engine_are_purged_when_the_engine_has_the_change(
    client, committed, page_cache, site_tree, search_engine, monkeypatch
):
    from search import indexing
    from tests.search.conftest import index_now

    index_now(search_engine)
    warm(client, ["/case-studies/"])
    monkeypatch.setattr(indexing, "schedule_delivery", lambda: None)  # the task worker is busy
    with committed():
        new = publish(CaseStudyPageFactory(parent=site_tree["centre"], title="กรณีศึกษาที่เพิ่งส่งถึงดัชนี"))
    assert new.title not in text(client, "/case-studies/")  # the engine does not have it yet

    with committed():
        indexing.deliver_due(engine=search_engine)  # the worker, later: no refresh of its own

    assert new.title in text(client, "/case-studies/")


def test_many_publishes_in_one_transaction_purge_once_after_the_commit(client, committed, page_cache, site_tree):
    from pagecache import purge

    warm(client, ["/case-studies/"])
    with committed():
        for number in range(5):
            publish(CaseStudyPageFactory(parent=site_tree["centre"], title=f"กรณีศึกษานำเข้า {number}"))
        assert client.get("/case-studies/")[HEADER] == "hit"  # nothing purged before the commit
        assert len(purge._pending.page_ids) == 5
    assert all(f"กรณีศึกษานำเข้า {number}" in text(client, "/case-studies/") for number in range(5))


def test_a_rolled_back_change_purges_nothing_and_the_next_one_still_purges(client, committed, page_cache, site_tree):
    from django.db import transaction

    case_study = site_tree["case_study"]
    warm(client, [case_study.url])
    with committed():
        try:
            with transaction.atomic():
                case_study.title = "ชื่อที่ถูกยกเลิก"
                publish(case_study)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert client.get(case_study.url)[HEADER] == "hit"
    case_study.refresh_from_db()
    case_study.title = "ชื่อที่บันทึกจริง"
    with committed():
        publish(case_study)
    assert "ชื่อที่บันทึกจริง" in text(client, case_study.url)
