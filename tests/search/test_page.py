"""The /search/ page: server-rendered, works without JavaScript."""

import pytest

from django.urls import reverse

from search.indexing import rebuild
from search.spelling import build_vocabulary

from .corpus import build_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(search_engine, centre_index):
    pages = build_corpus(centre_index)
    rebuild(search_engine)
    build_vocabulary()  # as the rebuild command does (search.spelling)
    return pages


def page(client, **params) -> str:
    response = client.get(reverse("search_page"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_results_with_highlights_and_count(client, corpus):
    html = page(client, q="ผู้สูงอายุ")
    assert "พบ 2 กรณีศึกษา" in html
    assert "<mark>ผู้สูงอายุ</mark>" in html
    assert corpus["bedridden"].url in html


def test_facets_are_checkboxes_in_a_get_form(client, corpus):
    html = page(client)
    assert 'name="area" value="disaster-management"' in html
    assert 'name="province" value="90"' in html and "สงขลา" in html


def test_active_filters_show_as_removable_chips(client, corpus):
    html = page(client, q="เด็ก", province="90", area="disaster-management")
    assert 'aria-label="ลบตัวกรอง สงขลา"' in html
    assert "?q=%E0%B9%80%E0%B8%94%E0%B9%87%E0%B8%81&amp;area=disaster-management" in html  # province removed, rest kept


def test_an_unknown_filter_is_ignored_with_a_notice(client, corpus):
    html = page(client, q="ผู้สูงอายุ", area="no-such-area")
    assert "ละเว้นตัวกรองที่ไม่รู้จัก" in html
    assert "พบ 2 กรณีศึกษา" in html


def test_zero_results_help_the_visitor(client, corpus):
    html = page(client, q="ผูสูงอายุ", province="90")
    assert "หรือคุณหมายถึง" in html and "ผู้สูงอายุ" in html
    assert "ลองลบตัวกรอง" in html
    assert "/search/?area=" not in html or "?area=community-health-care" in html
    assert "ด้านการดูแลสุขภาพโดยชุมชน" in html  # the eight areas as a way in


def test_a_page_beyond_the_last_links_back(client, corpus):
    html = page(client, page="9")
    assert "ไปหน้าสุดท้าย" in html


def test_page_is_english_when_asked(client, corpus):
    html = client.get("/en/search/", {"province": "90"}).content.decode()
    assert 'lang="en"' in html and "Songkhla" in html
