"""“Did you mean” reads a precomputed vocabulary: built by the rebuild commands and by
`build_spelling_vocabulary`, never in a request; and an unknown word costs bounded work."""

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import spelling
from search.models import FallbackDocument, SpellingWord

from .corpus import build_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(settings, centre_index):
    settings.SEARCH_URL = ""
    return build_corpus(centre_index)


def test_a_search_never_builds_the_vocabulary(corpus):
    assert FallbackDocument.objects.exists()
    with CaptureQueriesContext(connection) as queries:
        assert spelling.suggest_correction("ผูสูงอายุ") is None  # nothing precomputed yet: no suggestion
    assert not any(FallbackDocument._meta.db_table in query["sql"] for query in queries.captured_queries)


def test_the_command_precomputes_the_vocabulary_that_searches_read(corpus):
    call_command("build_spelling_vocabulary", verbosity=0)
    assert SpellingWord.objects.get(word="ผู้สูงอายุ").frequency >= 2
    with CaptureQueriesContext(connection) as queries:
        assert spelling.suggest_correction("ผูสูงอายุ") == "ผู้สูงอายุ"
        assert spelling.suggest_correction("ผูสูงอายุ") == "ผู้สูงอายุ"
    assert len(queries) == 1  # the stored words, read once and kept
    assert not any(FallbackDocument._meta.db_table in query["sql"] for query in queries.captured_queries)


def test_the_fallback_rebuild_rebuilds_the_vocabulary(corpus):
    call_command("rebuild_fallback_index", workers=1, verbosity=0)
    assert SpellingWord.objects.filter(word="ผู้สูงอายุ").exists()


def test_unknown_words_cost_a_bounded_number_of_scans(corpus, monkeypatch):
    spelling.build_vocabulary()
    scans = []
    real_extract = spelling.process.extract

    def counting_extract(word, choices, **kwargs):
        scans.append(len(choices))
        return real_extract(word, choices, **kwargs)

    monkeypatch.setattr(spelling.process, "extract", counting_extract)
    vocabulary_size = SpellingWord.objects.count()
    spelling.suggest_correction(" ".join(["กขฃคฅฆงจฉชซฌญฎฏ" + str(n) for n in range(8)]))
    assert 0 < len(scans) <= spelling.MAX_FUZZY_LOOKUPS
    assert max(scans) < vocabulary_size  # only words of a similar length are compared
    scans.clear()
    assert spelling.suggest_correction("ก" * 200) is None and scans == []  # too long to be a typo
    assert spelling.suggest_correction(" ".join(["ผูสูงอายุ"] * 9)) is None and scans == []  # a sentence, not a typo
