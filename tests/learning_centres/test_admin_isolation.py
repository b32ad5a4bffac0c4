"""No leaks between centres in the page side of the admin: a contributor of one centre finds
no title of another centre's drafts in the page chooser, the admin's page search, the
case-study listing, the explorer or the reports (live public pages may be chosen, for links)."""

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from learning_centres.roles import add_contributor
from tests.learning_centres.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db

DRAFT = "ร่างลับเฉพาะของศูนย์อื่น"


@pytest.fixture
def contributor(centre):
    user = get_user_model().objects.create_user("somsri", password="pw")
    add_contributor(user, centre)
    return user


@pytest.fixture
def others_draft(other_centre):
    draft = CaseStudyPageFactory(parent=other_centre, title=DRAFT, live=False)
    draft.save_revision()
    return draft


def admin_urls(centre, other_centre, centre_index) -> list[str]:
    return [
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[other_centre.pk]),
        reverse("wagtailadmin_choose_page_child", args=[centre_index.pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=ร่างลับ",
        reverse("wagtailadmin_pages:search") + "?q=ร่างลับ",
        reverse("wagtailadmin_explore", args=[other_centre.pk]),
        reverse("wagtailadmin_explore", args=[centre_index.pk]),
        reverse("case_studies:index"),
        reverse("case_studies:index_results") + "?q=ร่างลับ",
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_home"),
    ]


def test_no_admin_page_shows_another_centres_draft(client, contributor, centre, other_centre, centre_index, others_draft):
    client.force_login(contributor)
    for url in admin_urls(centre, other_centre, centre_index):
        response = client.get(url)
        body = response.content.decode() if response.status_code == 200 else ""
        assert DRAFT not in body, url


def test_the_page_chooser_offers_own_pages_and_live_public_pages(client, contributor, centre, other_centre, others_draft):
    own_draft = CaseStudyPageFactory(parent=centre, title="ร่างของศูนย์เราเอง", live=False)
    client.force_login(contributor)
    body = client.get(reverse("wagtailadmin_choose_page_search") + "?q=ร่าง").content.decode()
    assert own_draft.title in body and DRAFT not in body
    body = client.get(reverse("wagtailadmin_choose_page_child", args=[other_centre.pk])).json()["html"]
    assert other_centre.title in body and DRAFT not in body  # a live public page: it may be linked to


def test_the_page_types_report_is_an_editors_and_off_a_contributors_menu(client, contributor, editor, others_draft):
    url = reverse("wagtailadmin_reports:page_types_usage")
    client.force_login(contributor)
    assert (client.get(url).status_code, client.get(url).url) == (302, "/admin/")
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(editor)
    assert DRAFT in client.get(url).content.decode()
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()


def test_editors_still_find_every_draft(client, editor, others_draft):
    client.force_login(editor)
    assert DRAFT in client.get(reverse("wagtailadmin_choose_page_search") + "?q=ร่างลับ").content.decode()
