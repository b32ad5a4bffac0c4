"""Anonymous visitors get stored pages; editors, forms and anything personal never do."""

import re

import pytest

from pagecache.middleware import HEADER
from tests.conftest import publish

pytestmark = pytest.mark.django_db


def visit(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_an_anonymous_visitor_gets_the_stored_page_the_second_time(client, page_cache, site_tree):
    url = site_tree["case_study"].url
    first, second = visit(client, url), visit(client, url)
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second.content == first.content.replace(nonce(first).encode(), nonce(second).encode())


def test_a_hit_costs_one_query_per_cache_read_and_none_for_the_page(client, page_cache, site_tree, django_assert_max_num_queries):
    url = site_tree["case_study"].url
    visit(client, url)
    with django_assert_max_num_queries(3):  # generations, the header list, the page
        assert visit(client, url)[HEADER] == "hit"


def nonce(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def test_every_hit_has_its_own_nonce_and_the_page_uses_it(client, page_cache, site_tree):
    url = site_tree["case_study"].url
    responses = [visit(client, url) for _ in range(3)]
    nonces = [nonce(response) for response in responses]
    assert len(set(nonces)) == 3
    for response, value in zip(responses, nonces, strict=True):
        if "nonce=" in response.content.decode():
            assert f'nonce="{value}"' in response.content.decode()


def test_browsers_are_not_told_to_keep_the_page(client, page_cache, site_tree):
    url = site_tree["case_study"].url
    for response in (visit(client, url), visit(client, url)):
        assert "max-age" not in response.get("Cache-Control", "")
        assert "Expires" not in response and "Age" not in response


def test_an_editor_always_gets_a_fresh_page(client, page_cache, site_tree, editor):
    case_study = site_tree["case_study"]
    visit(client, case_study.url)
    case_study.title = "ชื่อที่แก้แล้ว"
    case_study.save(update_fields=["title", "draft_title"])  # no publish signal: only the rows change

    assert "ชื่อที่แก้แล้ว" not in visit(client, case_study.url).content.decode()  # the stored copy
    client.force_login(editor)
    response = visit(client, case_study.url)
    assert HEADER not in response
    assert "ชื่อที่แก้แล้ว" in response.content.decode()


def test_a_preview_is_never_stored(client, page_cache, site_tree, editor):
    client.force_login(editor)
    response = client.get(f"/admin/pages/{site_tree['case_study'].pk}/edit/preview/")
    assert HEADER not in response


@pytest.mark.parametrize("url", ["/search/?q=ผู้สูงอายุ", "/api/v2/pages/", "/health/live/"])
def test_excluded_paths_are_never_stored(client, page_cache, site_tree, url):
    client.get(url)
    assert HEADER not in client.get(url)


def test_a_response_that_sets_a_cookie_is_not_stored(client, page_cache, site_tree, settings):
    settings.PAGE_CACHE_EXCLUDE = ()
    url = f"/visits/request/{site_tree['centre'].pk}/"  # a form: it sets the CSRF cookie
    first = client.get(url)
    client.cookies.clear()
    second = client.get(url)
    assert first.cookies and first.status_code == 200
    assert second.get(HEADER) != "hit"


def test_post_is_never_answered_from_the_cache(client, page_cache, site_tree):
    url = site_tree["case_study"].url
    visit(client, url)
    assert client.post(url).get(HEADER) != "hit"


def test_query_strings_are_kept_apart(client, page_cache, site_tree):
    visit(client, "/case-studies/?page=1")
    assert visit(client, "/case-studies/?area=community-health-care")[HEADER] == "miss"
    assert visit(client, "/case-studies/?page=1")[HEADER] == "hit"


def test_english_and_thai_are_kept_apart(client, page_cache, site_tree):
    thai = visit(client, "/")
    english = client.get("/en/")
    assert english.status_code == 200 and english[HEADER] == "miss"
    assert visit(client, "/").content.decode().count('lang="th"') == thai.content.decode().count('lang="th"')


def test_an_accept_language_header_does_not_split_the_cache(client, page_cache, site_tree):
    visit(client, "/")
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")[HEADER] == "hit"


def test_switched_off_with_zero_seconds(client, page_cache, site_tree, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = site_tree["case_study"].url
    visit(client, url)
    assert HEADER not in visit(client, url)


def test_publishing_a_page_that_is_not_in_the_menu_purges_only_its_own(client, page_cache, site_tree, committed):
    visit(client, "/about/")
    visit(client, site_tree["case_study"].url)
    with committed():
        publish(site_tree["case_study"])
    assert visit(client, "/about/")[HEADER] == "hit"
    assert visit(client, site_tree["case_study"].url)[HEADER] == "miss"


def test_a_deploy_that_changes_the_static_files_is_never_served_last_releases_pages(client, page_cache, site_tree, settings, tmp_path):
    """A cached page names the static files' hashed names of the release that rendered it;
    after a deploy whose CSS changed, no visitor is given that page."""
    from pagecache import generations

    url = site_tree["case_study"].url
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "staticfiles.json").write_text('{"paths": {"css/portal.css": "css/portal.aaaa.css"}}')
    generations.release.cache_clear()
    assert [visit(client, url)[HEADER] for _ in range(2)] == ["miss", "hit"]

    (tmp_path / "staticfiles.json").write_text('{"paths": {"css/portal.css": "css/portal.bbbb.css"}}')
    generations.release.cache_clear()  # a new process: the new release's workers
    assert [visit(client, url)[HEADER] for _ in range(2)] == ["miss", "hit"]
    generations.release.cache_clear()
