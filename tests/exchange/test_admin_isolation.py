"""No leaks between centres in the exchange's admin: every URL the exchange's viewsets
register, opened (and posted to) by a contributor of another centre, shows and changes
nothing of that centre. The URL list is read from the viewsets themselves, so a view added
later is covered without touching this file."""

import pytest

from django.urls import reverse

from exchange.models import VisitFeedback, VisitPolicy
from exchange.wagtail_hooks import ExchangeGroup

from .conftest import make_request

pytestmark = pytest.mark.django_db

SECRET = "อบต.ลับเฉพาะของศูนย์อื่น"
SECRET_COMMENT = "ความเห็นลับเฉพาะของศูนย์อื่น"


def exchange_urls() -> list[tuple[str, str, bool]]:
    """(model name, URL name, takes a pk) for every URL of every exchange viewset."""
    urls = []
    for viewset in ExchangeGroup().registerables:
        for pattern in viewset.get_urlpatterns():
            takes_pk = "pk" in pattern.pattern.converters
            urls.append((viewset.model._meta.model_name, f"{viewset.url_namespace}:{pattern.name}", takes_pk))
    return urls


URLS = exchange_urls()


@pytest.fixture
def other_centres_rows(other_centre):
    visit = make_request(other_centre, organisation=SECRET, contact_name=SECRET)
    feedback = VisitFeedback.objects.create(request=visit, rating=2, comment=SECRET_COMMENT)
    policy = VisitPolicy.objects.create(centre=other_centre, max_group_size=17)
    return {"visitrequest": visit, "visitfeedback": feedback, "visitpolicy": policy}


def test_the_url_list_covers_history_usage_and_every_viewset():
    names = {name for _model, name, _pk in URLS}
    for namespace in ("visit_requests", "visit_feedback", "visit_policies"):
        assert {f"{namespace}:history", f"{namespace}:usage", f"{namespace}:index"} <= names


def refused(response) -> bool:
    """A 404 or 403, or Wagtail's permission refusal (a redirect to the dashboard)."""
    return response.status_code in (403, 404) or (response.status_code == 302 and response.url == "/admin/")


@pytest.mark.parametrize(("model", "name", "takes_pk"), URLS, ids=[name for _model, name, _pk in URLS])
def test_a_contributor_of_another_centre_sees_nothing(client, contributor, other_centres_rows, model, name, takes_pk):
    client.force_login(contributor)
    if takes_pk:
        response = client.get(reverse(name, args=[other_centres_rows[model].pk]))
        assert refused(response), (name, response.status_code)
    else:
        response = client.get(reverse(name))
        assert response.status_code in (200, 302, 403, 404)
        body = response.content.decode() if response.status_code == 200 else ""
        assert SECRET not in body and SECRET_COMMENT not in body


@pytest.mark.parametrize(("model", "name", "takes_pk"), [url for url in URLS if url[2]], ids=[url[1] for url in URLS if url[2]])
def test_a_contributor_of_another_centre_changes_nothing(client, contributor, other_centres_rows, model, name, takes_pk):
    client.force_login(contributor)
    row = other_centres_rows[model]
    before = {field.name: getattr(row, field.attname) for field in row._meta.concrete_fields}
    response = client.post(reverse(name, args=[row.pk]), {"status": "declined", "approved": "on", "rating": "5", "max_group_size": "99"})
    assert refused(response), (name, response.status_code)
    row.refresh_from_db()
    assert {field.name: getattr(row, field.attname) for field in row._meta.concrete_fields} == before
