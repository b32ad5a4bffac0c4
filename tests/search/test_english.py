"""A case study an editor translated into English is found by its English words (stemmed on
the engine), from /en/search/ and the API with lang=en, and still by its Thai words; English
results show the translation, and pages and results that exist in Thai only say so."""

# ruff: noqa: F811 - pytest passes imported fixtures to the tests as arguments of the same name

import pytest

from django.utils.translation import override

from portal.locales import mirror_page_tree, translate_page
from search import service
from search.contract import SearchQuery
from tests.learning_centres.factories import LearningCentrePageFactory

from .conftest import index_now, search_engine  # noqa: F401
from .corpus import publish_case

pytestmark = pytest.mark.django_db

ENGLISH_TITLE = "Community beekeeping for older people"


@pytest.fixture(params=["engine", "fallback"])
def backend(request, settings, home_page, centre_index):
    if request.param == "engine":
        engine = request.getfixturevalue("search_engine")
    else:
        settings.SEARCH_URL = ""
        engine = None
    centre = LearningCentrePageFactory(parent=centre_index, title="ศูนย์ทดลองสองภาษา")
    centre.save_revision().publish()
    translated = publish_case(centre, "การเลี้ยงผึ้งของผู้สูงอายุ", "ผู้สูงอายุเลี้ยงผึ้งโพรงในสวนยางพารา")
    thai_only = publish_case(centre, "กองทุนข้าวสาร", "ผู้สูงอายุฝากข้าวสารไว้ช่วยกัน ยามเจ็บป่วย")
    translate_page(home_page, "en", title="LAO Knowledge Portal")
    translate_page(
        translated,
        "en",
        title=ENGLISH_TITLE,
        summary="Older villagers keep native bees among the rubber trees.",
        context_and_problem="<p>The honey harvest pays for home visits by volunteers.</p>",
    )
    mirror_page_tree(home_page)
    if engine is not None:
        index_now(engine)
    return {"engine": engine, "translated": translated, "thai_only": thai_only}


def found(text: str, language: str = "en") -> list[int]:
    with override(language):
        return [hit.page_id for hit in service.search(SearchQuery(text=text)).result.hits]


@pytest.mark.parametrize("text", ["beekeeping", "honey harvest", "การเลี้ยงผึ้ง"])
def test_the_translation_and_the_thai_text_both_find_the_case(backend, text):
    assert found(text) == [backend["translated"].pk]
    assert found(text, "th") == [backend["translated"].pk]


def test_english_words_are_stemmed(backend):
    assert found("beekeepers harvesting") == [backend["translated"].pk]
    assert found('"honey harvests"') == [backend["translated"].pk]  # a phrase, stemmed word by word
    assert found("beekeepers bananas") == []


def test_english_search_shows_the_translation_and_says_which_are_thai_only(backend, client):
    html = client.get("/en/search/", {"q": "ผู้สูงอายุ"}).content.decode()
    assert ENGLISH_TITLE in html
    assert 'href="/en/centres/' in html
    assert html.count("Available in Thai only") == 1  # the untranslated case


def test_the_api_with_lang_en_carries_the_translation(backend, client):
    results = client.get("/api/search/", {"q": "beekeeping", "lang": "en"}).json()["results"]
    assert [(item["title"], item["language"]) for item in results] == [(ENGLISH_TITLE, "en")]
    thai = client.get("/api/search/", {"q": "beekeeping"}).json()["results"]
    assert [(item["title"], item["language"]) for item in thai] == [("การเลี้ยงผึ้งของผู้สูงอายุ", "th")]


def test_an_english_page_in_thai_only_says_so(backend, client):
    with override("en"):
        from portal.locales import translation_for

        alias = translation_for(backend["thai_only"], "en")
        english = translation_for(backend["translated"], "en")
    assert "has no English version yet" in client.get(alias.url).content.decode()
    assert "has no English version yet" not in client.get(english.url).content.decode()


# Reconcile compares the engine's index with the database (the fallback is written with the pages).
@pytest.mark.parametrize("backend", ["engine"], indirect=True)
def test_reconcile_repairs_a_translation_whose_reindex_was_lost(backend):
    from search.indexing import reconcile
    from search.models import PendingIndexUpdate

    engine = backend["engine"]
    with override("en"):
        from portal.locales import translation_for

        english = translation_for(backend["translated"], "en").specific
    english.summary = "Older villagers keep native bees and sell wax candles."
    english.save_revision().publish()
    PendingIndexUpdate.objects.all().delete()  # the reindex it asked for, lost
    assert found("candles") == []
    assert reconcile(engine, repair=True).stale == {f"case_study-{backend['translated'].pk}"}
    index_now(engine)
    assert found("candles") == [backend["translated"].pk]
