"""RTGS for the words of a title the curated list does not know (thai.romanise)."""

import pytest

from thai.romanise import romanise


@pytest.mark.parametrize(
    ("word", "rtgs"),
    [
        ("ตำบล", "tambon"),  # ำ, and a final ล read n
        ("แพร่", "phrae"),  # leading vowel with a cluster, tone mark ignored
        ("อายุ", "ayu"),  # silent initial อ, ย starting the next syllable
        ("ถนน", "thanon"),  # implicit a, then implicit o
        ("ชุมชน", "chumchon"),
        ("สาคร", "sakhon"),  # the last two letters are one syllable
        ("หมู่", "mu"),  # silent leading ห
        ("ใหม่", "mai"),
        ("เด็ก", "dek"),
        ("ห้อง", "hong"),  # อ as the vowel o
        ("เรียน", "rian"),
        ("เมือง", "mueang"),
        ("เขียว", "khiao"),  # vowel and final read together
        ("แมว", "maeo"),
        ("ไทย", "thai"),
        ("ขวา", "khwa"),  # a ว cluster
        ("สวน", "suan"),  # ว as the vowel ua
        ("ตลาด", "talat"),  # ต and ล are not a cluster
        ("ประจำ", "pracham"),
        ("วัคซีน", "waksin"),
        ("ศักดิ์", "sak"),  # a letter under the silencer is not read
        ("มือ", "mue"),
        ("อยู่", "yu"),
        ("น้ำ", "nam"),
        ("ภาษา", "phasa"),
    ],
)
def test_a_thai_word_is_written_in_rtgs(word, rtgs):
    assert romanise(word) == rtgs


def test_latin_letters_and_digits_pass_through_and_signs_are_dropped():
    assert romanise("ABC๕") == "abc"
    assert romanise("2569") == "2569"
    assert romanise("ๆ") == ""
