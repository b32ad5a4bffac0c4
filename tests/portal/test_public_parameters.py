"""No query parameter of any public URL, whatever it holds (any character of Unicode, digits
of every script, absurd lengths), gets a server error: a bad value is a clear 4xx or is
ignored. Hypothesis draws the URL, parameter names (each URL's own and others) and values."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from alerts.models import Subscription
from tests.exchange.conftest import make_request
from tests.hostile_input import NASTY

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]

# Not public: the admin (behind its login) and Wagtail's document serving.
NOT_PUBLIC = ("admin/", "documents/")
# Every public route, by name, with the parameters its view reads. The test below proves the
# list complete, so that a new public URL is fuzzed from the day it is added.
SEARCH_PARAMS = ("q", "area", "centre_type", "region", "province", "lao_type", "year", "keyword", "sort", "page")
API_V2_PARAMS = ("type", "fields", "limit", "offset", "order", "search", "child_of", "descendant_of", "id", "locale", "area", "province")
PUBLIC_ROUTES: dict[str, tuple[str, ...]] = {
    "search_page": SEARCH_PARAMS,
    "search:api": SEARCH_PARAMS,
    "search:suggest": ("q", "lang"),
    "search:openapi": (),
    "open_data:export_csv": SEARCH_PARAMS,
    "open_data:export_json": SEARCH_PARAMS,
    "open_data:openapi": (),
    "wagtailapi:pages:listing": API_V2_PARAMS,
    "wagtailapi:pages:detail": ("fields", "type"),
    "wagtailapi:pages:find": ("html_path", "id"),
    "wagtailapi:focus-areas:listing": ("fields", "limit", "offset", "order", "locale"),
    "wagtailapi:focus-areas:detail": ("fields",),
    "wagtailapi:focus-areas:find": ("id",),
    "sitemap": ("p", "section"),
    "robots_txt": (),
    "learning_centres:case_studies_rss": ("area", "centre_type", "type", "province"),
    "learning_centres:case_studies_atom": ("area", "centre_type", "type", "province"),
    "exchange:request": ("date", "lao"),
    "exchange:privacy": (),
    "exchange:organisations": ("q",),
    "exchange:date_in_words": ("value",),
    "exchange:status": (),
    "exchange:submitted": (),
    "exchange:withdraw": (),
    "exchange:delete": (),
    "exchange:contact": (),
    "exchange:contact_sent": (),
    "wagtailcore_authenticate_with_password": ("return_url",),
    "wagtailcore_login": ("next",),
    "wagtail_serve": ("q", "page", "area", "centre_type", "province", "region", "year", "sort", "keyword"),
    "health:live": (),
    "health:ready": (),
    "alerts:subscribe": (*SEARCH_PARAMS, "centre"),
    "centres_near": ("lat", "lon", "centre", "province"),
    "alerts:confirm": (),
    "alerts:manage": (),
    "alerts:unsubscribe": (),
    "usage:click": ("q", "page"),
}

# What a visitor may send: any text of Unicode (no surrogates, which no URL can carry),
# "numbers" in every script's digits and in superscripts and circled forms, and known traps.
any_text = st.text(st.characters(codec="utf-8"), max_size=30)
numberish = st.text(st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=8)
traps = st.sampled_from([*NASTY, "²", "①", "๒", "๑๐", "-1", "1e9", "9" * 5000, "0x10", " 1", "1.5", "∞", "NaN"])
values = st.lists(st.one_of(any_text, numberish, traps), min_size=1, max_size=3)


def route_names(patterns=None, namespace: str = "", prefix: str = "") -> set[str]:
    """The name of every route outside the admin and the documents."""
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        path = prefix + str(pattern.pattern)
        if path.lstrip("^").startswith(NOT_PUBLIC):
            continue
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= route_names(pattern.url_patterns, inner, path)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_public_route_is_fuzzed():
    assert route_names() <= set(PUBLIC_ROUTES), "add the new public URL and its parameters to PUBLIC_ROUTES"


@pytest.fixture
def public_urls(site_tree) -> list[tuple[str, tuple[str, ...]]]:
    """A real address for each public route (pages: the home page, the listings, a centre, a
    case study and a fixed page, in Thai and English)."""
    centre, case_study = site_tree["centre"], site_tree["case_study"]
    token = make_request(centre).token
    now = timezone.now()
    alert_token = Subscription.objects.create(email="a@example.com", label="x", consent_at=now, confirmed_at=now, covered_until=now).token
    addresses = {
        "search_page": ["/search/", "/en/search/"],
        "search:api": ["/api/search/"],
        "search:suggest": ["/api/search/suggest/"],
        "search:openapi": ["/api/schema/search.json"],
        "open_data:export_csv": ["/search/export.csv"],
        "open_data:export_json": ["/search/export.json"],
        "open_data:openapi": ["/api/schema/open-data.json"],
        "wagtailapi:pages:listing": ["/api/v2/pages/"],
        "wagtailapi:pages:detail": [f"/api/v2/pages/{case_study.pk}/"],
        "wagtailapi:pages:find": ["/api/v2/pages/find/"],
        "wagtailapi:focus-areas:listing": ["/api/v2/focus-areas/"],
        "wagtailapi:focus-areas:detail": ["/api/v2/focus-areas/1/"],
        "wagtailapi:focus-areas:find": ["/api/v2/focus-areas/find/"],
        "sitemap": ["/sitemap.xml"],
        "robots_txt": ["/robots.txt"],
        "learning_centres:case_studies_rss": ["/feeds/case-studies.rss"],
        "learning_centres:case_studies_atom": ["/feeds/case-studies.atom"],
        "exchange:request": [f"/visits/request/{centre.pk}/"],
        "exchange:privacy": ["/visits/privacy/"],
        "exchange:organisations": ["/visits/organisations/"],
        "exchange:date_in_words": ["/visits/date-in-words/", "/en/visits/date-in-words/"],
        "exchange:status": [f"/visits/{token}/"],
        "exchange:submitted": [f"/visits/{token}/sent/"],
        "exchange:withdraw": [f"/visits/{token}/withdraw/"],
        "exchange:delete": [f"/visits/{token}/delete/"],
        "exchange:contact": [f"/contact/{centre.pk}/"],
        "exchange:contact_sent": [f"/contact/{centre.pk}/sent/"],
        "wagtailcore_authenticate_with_password": [f"/_util/authenticate_with_password/1/{case_study.pk}/"],
        "wagtailcore_login": ["/_util/login/"],
        "wagtail_serve": ["/", "/en/", "/centres/", "/case-studies/", "/en/case-studies/", centre.url, case_study.url, "/about/"],
        "health:live": ["/health/live/"],
        "health:ready": ["/health/ready/"],
        "alerts:subscribe": ["/alerts/new/", "/en/alerts/new/"],
        "centres_near": ["/centres-near/", "/en/centres-near/"],
        "alerts:confirm": [f"/alerts/confirm/{alert_token}/"],
        "alerts:manage": [f"/alerts/manage/{alert_token}/"],
        "alerts:unsubscribe": [f"/alerts/unsubscribe/{alert_token}/"],
        "usage:click": ["/usage/click/"],
    }
    assert set(addresses) == set(PUBLIC_ROUTES)
    return [(url, PUBLIC_ROUTES[name]) for name, urls in addresses.items() for url in urls]


# ~40 public addresses; 250 requests take about 10 s per database on a shared 2-core machine.
@settings(max_examples=250)
@given(data=st.data())
def test_no_public_parameter_gets_a_server_error(client, settings, public_urls, data):
    settings.SEARCH_URL = ""  # the database answers; the engine's half is fuzzed in tests/search
    url, known = data.draw(st.sampled_from(public_urls), label="url")
    names = st.one_of(st.sampled_from(known), any_text) if known else any_text
    params = data.draw(st.dictionaries(names, values, max_size=4), label="params")
    response = client.get(url, params, follow=False)
    assert response.status_code < 500, (url, params)
