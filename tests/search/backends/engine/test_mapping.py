"""The index's analysis chain and shape on the real engine."""

import pytest

from search.indexing import rebuild
from thai.text import mark_words, match_form

pytestmark = pytest.mark.django_db


def test_marked_thai_is_split_exactly_where_pythainlp_split_it(search_engine):
    tokens = search_engine.analyze(mark_words("ศูนย์เรียนรู้ด้านการดูแลผู้สูงอายุ"), analyzer="thai_words", index=search_engine.alias)
    assert tokens == ["ศูนย์", "เรียนรู้", "ด้าน", "การ", "ดูแล", "ผู้สูงอายุ"]


def test_the_engines_own_thai_segmentation_splits_unspaced_text(search_engine):
    tokens = search_engine.analyze("ศูนย์เรียนรู้ด้านการดูแลผู้สูงอายุ", analyzer="thai_icu", index=search_engine.alias)
    assert len(tokens) >= 6
    assert "ศูนย์" in tokens and "ดูแล" in tokens
    assert "".join(tokens) == "ศูนย์เรียนรู้ด้านการดูแลผู้สูงอายุ"  # no stop list drops content words


def test_thai_digits_fold_to_arabic_in_the_engine(search_engine):
    assert search_engine.analyze("๒๕๖๗", analyzer="thai_icu", index=search_engine.alias) == ["2567"]


def test_zero_width_space_does_not_glue_words(search_engine):
    tokens = search_engine.analyze("รู้\u200bด้าน", analyzer="thai_icu", index=search_engine.alias)
    assert tokens == ["รู้", "ด้าน"]


def test_punctuation_is_not_part_of_a_word(search_engine):
    tokens = search_engine.analyze(mark_words("(ผู้สูงอายุ), อบต."), analyzer="thai_words", index=search_engine.alias)
    assert tokens == ["ผู้สูงอายุ", "อบต"]


def test_shards_and_replicas_of_a_new_index_come_from_the_settings(search_engine, settings):
    settings.SEARCH_INDEX_SHARDS, settings.SEARCH_INDEX_REPLICAS = 2, 0
    index = rebuild(search_engine).index
    shape = search_engine.client.indices.get_settings(index=index)[index]["settings"]["index"]
    assert (shape["number_of_shards"], shape["number_of_replicas"]) == ("2", "0")


def test_written_abbreviations_and_digits_are_normalised_at_analysis_time(search_engine):
    """Text is indexed as written; the engine's words are thai.text.match_form()'s."""
    marked = mark_words("อบจ.แพร่ รพ.สต. ๕ แห่ง")
    tokens = search_engine.analyze(marked, analyzer="thai_words", index=search_engine.alias)
    assert tokens == match_form(marked).replace("\u200b", " ").split() == ["อบจ", "แพร่", "รพสต", "5", "แห่ง"]
