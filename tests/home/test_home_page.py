"""The home page: the programme, the two centre types and the eight areas with their counts,
the latest case studies and the province map. Counts come from the search layer, so they
are the search page's numbers whichever backend answers."""

# ruff: noqa: F811 - pytest passes imported fixtures to the tests as arguments of the same name

import re

import pytest

from django.urls import reverse

from learning_centres.models import FocusArea

# Fixtures shared with the search tests: the real engine, and the corpus on each backend.
from tests.search.conftest import search_engine  # noqa: F401
from tests.search.corpus import backend_corpus  # noqa: F401

pytestmark = pytest.mark.django_db


def home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def entry_count(html: str, href: str) -> int:
    """The count shown beside an entry link on the home page."""
    match = re.search(rf'<a href="{re.escape(href)}">[^<]*</a> <span class="count">(\d+)', html)
    assert match, f"no entry linking to {href}"
    return int(match.group(1))


def api_facets(client, **params) -> dict[str, dict[str, int]]:
    body = client.get(reverse("search:api"), params).json()
    return {name: {item["value"]: item["count"] for item in values} for name, values in body["facets"].items()}


def test_the_editable_introduction_is_shown(client, home_page):
    home_page.introduction = "<p>โครงการความร่วมมือ สถ. และ สสส.</p>"
    home_page.save_revision().publish()
    assert "โครงการความร่วมมือ สถ. และ สสส." in home(client)


def test_the_two_centre_types_with_their_centre_counts_link_to_the_directory(client, backend_corpus):
    html = home(client)
    assert entry_count(html, "/centres/?centre_type=elderly_care") == 1
    assert entry_count(html, "/centres/?centre_type=child_development") == 1
    assert "ศูนย์เรียนรู้ด้านการดูแลผู้สูงอายุ" in html and "ศูนย์พัฒนาเด็กเล็กต้นแบบ" in html


def test_each_of_the_eight_areas_links_to_its_search_with_the_search_pages_count(client, backend_corpus):
    html = home(client)
    facets = api_facets(client)["area"]
    for area in FocusArea.objects.originals():
        assert entry_count(html, f"/search/?area={area.slug}") == facets.get(area.slug, 0), area.slug
    assert entry_count(html, "/search/?area=community-health-care") == 2
    assert entry_count(html, "/search/?area=participatory-management") == 0


def test_latest_case_studies_newest_first(client, backend_corpus):
    html = home(client)
    latest = html.split('id="latest"')[1]
    titles = re.findall(r'class="card-title"[^>]*><a href="[^"]+">([^<]+)</a>', latest)
    assert sorted(titles) == sorted(["เยี่ยมบ้านผู้สูงอายุติดเตียง", "ธนาคารเวลาดูแลกัน", "ซ้อมอพยพน้ำท่วมในศูนย์พัฒนาเด็กเล็ก", "แปลงผักปลอดสารของเด็กเล็ก"])
    assert titles[0] == "แปลงผักปลอดสารของเด็กเล็ก"  # published last


def test_unpublished_case_studies_are_not_counted(client, backend_corpus):
    from tests.search.conftest import index_now

    backend_corpus["flood"].unpublish()
    if backend_corpus["backend"] == "engine":
        from search.backends.engine.client import get_engine

        index_now(get_engine())
    html = home(client)
    assert entry_count(html, "/search/?area=disaster-management") == 0
    assert "ซ้อมอพยพน้ำท่วม" not in html.split('id="latest"')[1]


def test_the_map_counts_case_studies_per_province(client, backend_corpus):
    html = home(client)
    assert 'aria-label="จังหวัดเชียงใหม่: 2 กรณีศึกษา"' in html
    assert 'aria-label="จังหวัดสงขลา: 2 กรณีศึกษา"' in html
    assert 'aria-label="จังหวัดบึงกาฬ: 0 กรณีศึกษา"' in html
    assert api_facets(client)["province"] == {"50": 2, "90": 2}


@pytest.mark.django_db
class TestRouting:
    """HomePage.route finds the pages on the way to a URL in one query."""

    def test_a_case_study_is_routed_in_two_queries(self, rf, home_page, case_study, django_assert_num_queries):
        from tests.conftest import publish

        publish(case_study)
        path = [part for part in case_study.url.split("/") if part]
        with django_assert_num_queries(2):  # the pages on the way, the case study itself
            page, _args, _kwargs = home_page.specific.route(rf.get(case_study.url), path)
        assert page == case_study and type(page).__name__ == "CaseStudyPage"
        assert page.get_parent().pk == case_study.get_parent().pk

    def test_a_wrong_slug_at_any_level_is_not_found(self, rf, home_page, case_study):
        from django.http import Http404

        path = [part for part in case_study.url.split("/") if part]
        for level in range(len(path)):
            wrong = [*path[:level], "no-such-page", *path[level + 1 :]]
            with pytest.raises(Http404):
                home_page.specific.route(rf.get("/"), wrong)

    def test_a_page_under_another_parent_with_the_same_slug_is_not_found(self, client, centre, other_centre, case_study):
        from tests.conftest import publish

        publish(case_study)
        assert client.get(f"/centres/{other_centre.slug}/{case_study.slug}/").status_code == 404
        assert client.get(case_study.url).status_code == 200

    def test_a_draft_is_not_found(self, client, case_study):
        case_study.unpublish()
        assert client.get(case_study.url).status_code == 404
