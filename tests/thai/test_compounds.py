"""Thai compounds cut into the dictionary words that spell them, so that a word inside a
compound is found; words with no exact cover, short words and non-Thai words stay whole."""

import pytest

from thai.compounds import FINE_MIN_WORD, fine_split, fine_words_of, words_of
from thai.text import WORD_MARK


def test_a_compound_is_cut_into_the_fewest_dictionary_words_recursively():
    assert fine_split("องค์กรปกครองส่วนท้องถิ่น") == ("องค์", "กร", "ปก", "ครอง", "ส่วน", "ท้อง", "ถิ่น")
    assert fine_split("ท้องถิ่น") == ("ท้อง", "ถิ่น")


@pytest.mark.parametrize("word", ["พยาบาล", "นาฬิกา"])
def test_a_word_without_an_exact_cover_stays_whole(word):
    # Not cut into syllables: ยา does not find พยาบาล, nor นา นาฬิกา.
    assert fine_split(word) == (word,)


def test_short_and_non_thai_words_are_never_cut():
    assert len("นาที") < FINE_MIN_WORD and fine_split("นาที") == ("นาที",)
    assert fine_split("community") == ("community",)


def test_words_are_lowercased_runs_of_letters_digits_and_marks():
    assert words_of(f"ดูแล{WORD_MARK}ผู้สูงอายุ (Long-Term) ๒๕๖๗") == ["ดูแล", "ผู้สูงอายุ", "long", "term", "๒๕๖๗"]
    assert fine_words_of(["ท้องถิ่น", "ดูแล"]) == ["ท้อง", "ถิ่น", "ดูแล"]
