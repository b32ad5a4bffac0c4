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


def learning_centres_urls() -> list[tuple[str, str, bool]]:
    """(model name, URL name, takes a pk) for every URL the app's viewsets register: the
    case-study listing and the registry snippets. Patterns that take more than a pk (a
    revision id, a locale) are left out: they reach the same object through the same checks."""
    from learning_centres.models import FocusArea, FundingSource, LocalAdministrativeOrganisation, TargetGroup
    from learning_centres.wagtail_hooks import CaseStudyListingViewSet

    viewsets = [CaseStudyListingViewSet()] + [
        model.snippet_viewset for model in (LocalAdministrativeOrganisation, FocusArea, TargetGroup, FundingSource)
    ]
    urls = []
    for viewset in viewsets:
        for pattern in viewset.get_urlpatterns():
            converters = set(pattern.pattern.converters)
            if converters <= {"pk"}:
                urls.append((viewset.model._meta.model_name, f"{viewset.url_namespace}:{pattern.name}", "pk" in converters))
    return urls


URLS = learning_centres_urls()


@pytest.mark.parametrize(("model", "name", "takes_pk"), URLS, ids=[name for _model, name, _pk in URLS])
def test_no_registered_url_shows_or_changes_anything_of_another_centre(
    client, contributor, other_centre, others_draft, model, name, takes_pk
):
    from learning_centres.models import FocusArea, FundingSource, TargetGroup

    rows = {
        "localadministrativeorganisation": other_centre.lao,
        "focusarea": FocusArea.objects.first(),
        "targetgroup": TargetGroup.objects.first(),
        "fundingsource": FundingSource.objects.first(),
        "casestudypage": others_draft,
    }
    client.force_login(contributor)
    row = rows[model]
    args = [row.pk] if takes_pk else []
    response = client.get(reverse(name, args=args))
    body = response.content.decode() if response.status_code == 200 else ""
    assert DRAFT not in body
    if takes_pk:
        before = {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}
        response = client.post(reverse(name, args=args), {"name_th": "เปลี่ยนแล้ว", "title": "เปลี่ยนแล้ว"})
        row.refresh_from_db()
        assert {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields} == before
