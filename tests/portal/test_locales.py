"""The English tree mirrors the Thai one; everything that counts, indexes or feeds pages
sees each piece of content once (the Thai original)."""

import pytest

from django.contrib.auth import get_user_model

from learning_centres.models import CaseStudyPage, LearningCentrePage
from learning_centres.roles import add_contributor
from portal.locales import mirror_page_tree, originals, translate_page
from search.backends.database import query as database_search
from search.contract import SearchQuery
from search.documents import all_documents, document_id
from search.indexing import expected_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def mirrored(home_page, centre, other_centre, case_study):
    for page in (centre, other_centre, case_study):
        page.save_revision().publish()
    translate_page(home_page, "en", title="LAO Knowledge Portal")
    mirror_page_tree(home_page)
    return case_study


def english(page):
    return type(page).objects.get(translation_key=page.translation_key, locale__language_code="en")


def test_every_thai_page_gets_an_english_alias_once(home_page, mirrored, centre):
    assert english(mirrored).alias_of_id == mirrored.pk
    assert english(centre).alias_of_id == centre.pk
    assert english(home_page).alias_of_id is None  # a real translation
    assert mirror_page_tree(home_page) == 0


def test_an_alias_follows_its_original_when_it_is_published(mirrored):
    mirrored.title = "ชื่อใหม่ของกรณีศึกษา"
    mirrored.save_revision().publish()
    assert english(mirrored).title == "ชื่อใหม่ของกรณีศึกษา"


def test_translating_turns_an_alias_into_a_page_and_keeps_an_editors_translation(mirrored):
    translated = translate_page(mirrored, "en", title="Weekly home visits")
    assert translated.alias_of_id is None and translated.live
    assert translate_page(mirrored, "en", title="Something else").title == "Weekly home visits"


def test_the_search_documents_hold_each_case_study_and_centre_once(mirrored, centre):
    ids = [doc_id for doc_id, _document in all_documents()]
    assert sorted(ids) == sorted(set(ids))
    assert document_id("case_study", mirrored.pk) in ids
    assert document_id("case_study", english(mirrored).pk) not in ids
    assert document_id("centre", english(centre).pk) not in ids
    assert set(expected_documents()) == set(ids)


def test_the_database_fallback_finds_each_case_study_once(mirrored):
    hits = database_search.search(SearchQuery(text="ผู้สูงอายุติดเตียง")).hits
    assert [hit.page_id for hit in hits] == [mirrored.pk]


def test_the_feed_lists_each_case_study_once(client, mirrored):
    rss = client.get("/feeds/case-studies.rss").content.decode()
    assert rss.count(f"<title>{mirrored.title}</title>") == 1


def test_english_search_results_link_to_the_english_page(client, mirrored, centre):
    html = client.get("/en/search/", {"q": "ผู้สูงอายุติดเตียง"}).content.decode()
    assert f'href="/en/centres/{centre.slug}/{mirrored.slug}/"' in html
    assert f'href="/centres/{centre.slug}/{mirrored.slug}/"' not in html


def test_originals_are_the_thai_pages(mirrored):
    assert set(originals(CaseStudyPage.objects.all())) == {mirrored}
    assert originals(LearningCentrePage.objects.all()).count() == 2


def test_a_contributor_may_edit_their_own_centres_english_pages_only(mirrored, centre, other_centre):
    user = get_user_model().objects.create_user("somsri", password="pw")
    add_contributor(user, centre)
    assert english(centre).permissions_for_user(user).can_edit()
    assert english(mirrored).permissions_for_user(user).can_edit()
    assert not english(other_centre).permissions_for_user(user).can_edit()
    assert not english(centre).permissions_for_user(user).can_publish()


def test_an_english_alias_of_a_centre_gets_no_group_of_its_own(mirrored, centre):
    from learning_centres.models import CentreAccess

    assert CentreAccess.objects.filter(centre=english(centre)).count() == 0
    assert CentreAccess.objects.filter(centre=centre).count() == 1


@pytest.mark.parametrize(("language", "english"), [("en", True), ("en-gb", True), ("th", False), (None, False)])
def test_english_is_active_only_when_english_is_the_language_shown(language, english):
    from django.utils import translation

    from portal.locales import english_active

    with translation.override(language):
        assert english_active() is english


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_admin_reads_back_the_day_first_dates_it_writes_in_both_languages(language):
    import datetime

    from django import forms
    from django.utils import translation

    with translation.override(language):
        assert forms.DateField().clean("15/03/2026") == datetime.date(2026, 3, 15)
        assert forms.DateTimeField().clean("15/03/2026 09:30").replace(tzinfo=None) == datetime.datetime(2026, 3, 15, 9, 30)
