"""One list of the names of Thai local government, read by the visit form, the importers,
the search synonyms and the segmenter's dictionary."""

import pytest

from exchange.forms import find_laos
from learning_centres.models import LAOType
from learning_centres.models.registry import LAO_TYPE_NAMES_EN
from open_data.importing.vocabulary import LAO_TYPES, key, lao_name
from search.synonyms import synonym_rules
from tests.learning_centres.factories import LAOFactory
from thai.names import (
    ABBREVIATIONS,
    LAO_ABBREVIATIONS,
    LAO_KINDS,
    PROVINCE_PREFIXES,
    courteous_name,
    expand_lao_abbreviation,
    strip_prefix,
    undotted_abbreviations,
)
from thai.text import PROGRAMME_TERMS, segment

LAO_SPELLINGS = [(spelling, kind) for kind in LAO_KINDS if kind.abbreviation for spelling in kind.abbreviation.spellings]


def test_every_lao_type_but_pattaya_has_its_abbreviation_dotted_and_undotted():
    assert {kind.abbreviation.short for kind in LAO_KINDS if kind.abbreviation} == {"อบจ.", "ทน.", "ทม.", "ทต.", "อบต.", "กทม."}
    assert ("ทต.", "ทต") == next(a for a in LAO_ABBREVIATIONS if a.full == "เทศบาลตำบล").spellings


def test_the_stored_lao_types_are_the_kinds_of_thai_names():
    assert [kind.value for kind in LAO_KINDS] == list(LAOType.values)
    assert all(str(LAOType(kind.value).label).startswith(kind.name_th) for kind in LAO_KINDS)
    assert LAO_TYPE_NAMES_EN[LAOType.SUBDISTRICT_MUNICIPALITY] == "Sub-district municipality"


@pytest.mark.parametrize(
    ("typed", "full"),
    [
        ("ทต.บ้านใหม่", "เทศบาลตำบลบ้านใหม่"),
        ("ทต. บ้านใหม่", "เทศบาลตำบลบ้านใหม่"),
        ("ทต บ้านใหม่", "เทศบาลตำบลบ้านใหม่"),
        ("อบต.แม่แฝก", "องค์การบริหารส่วนตำบลแม่แฝก"),
        ("ทน.เชียงใหม่", "เทศบาลนครเชียงใหม่"),
        ("กทม.", "กรุงเทพมหานคร"),
        ("ทตบ้านใหม่", "ทตบ้านใหม่"),  # undotted and glued on: not read as an abbreviation
        ("โรงพยาบาลส่งเสริมสุขภาพตำบล", "โรงพยาบาลส่งเสริมสุขภาพตำบล"),
    ],
)
def test_lao_abbreviations_expand_to_the_registrys_full_names(typed, full):
    assert expand_lao_abbreviation(typed) == full


def test_place_prefixes_are_stripped_from_names():
    assert strip_prefix("จังหวัดน่าน", PROVINCE_PREFIXES) == "น่าน"
    assert strip_prefix("จังหวัด", PROVINCE_PREFIXES) == "จังหวัด"


@pytest.mark.parametrize(("spelling", "kind"), LAO_SPELLINGS, ids=[s for s, _ in LAO_SPELLINGS])
def test_the_importer_reads_every_lao_abbreviation_as_its_type(spelling, kind):
    assert LAO_TYPES[key(spelling)] == kind.value
    assert LAO_TYPES[key(kind.name_th)] == LAO_TYPES[key(kind.name_en)] == kind.value


@pytest.mark.django_db
@pytest.mark.parametrize(("spelling", "kind"), LAO_SPELLINGS, ids=[s for s, _ in LAO_SPELLINGS])
def test_the_visit_form_and_the_importer_find_an_lao_by_any_abbreviation(spelling, kind):
    lao = LAOFactory(name_th=f"{kind.name_th}ทดสอบ", lao_type=kind.value)
    typed = f"{spelling}ทดสอบ" if spelling.endswith(".") else f"{spelling} ทดสอบ"
    assert list(find_laos(typed)) == [lao]
    assert key(lao_name(typed)) == key(lao.name_th)


def test_an_abbreviated_province_prefix_is_stripped_once_normalised():
    assert strip_prefix(key("จ. น่าน"), PROVINCE_PREFIXES) == "น่าน"


def test_the_segmenter_keeps_every_abbreviation_whole():
    assert set(undotted_abbreviations()) <= set(PROGRAMME_TERMS)
    for abbreviation in ABBREVIATIONS:
        assert segment(f"{abbreviation.short}บ้านใหม่").split()[0] == abbreviation.undotted, abbreviation.short


@pytest.mark.django_db
def test_every_abbreviation_is_a_search_synonym_of_its_full_name():
    rules = [set(rule.split(", ")) for rule in synonym_rules()]
    for abbreviation in ABBREVIATIONS:
        assert any({segment(abbreviation.short), segment(abbreviation.full)} <= rule for rule in rules), abbreviation.short
    assert len(rules) == len({frozenset(rule) for rule in rules}), "the seeded rows repeat no built-in rule"


@pytest.mark.parametrize(
    ("written", "greeted"),
    [
        ("สมหญิง ใจดี", "คุณสมหญิง ใจดี"),
        ("นายสมชาย ใจดี", "นายสมชาย ใจดี"),
        ("นางสาวสมศรี มีสุข", "นางสาวสมศรี มีสุข"),
        ("น.ส. สมศรี มีสุข", "น.ส. สมศรี มีสุข"),
        ("ดร.วิชัย เก่งกล้า", "ดร.วิชัย เก่งกล้า"),
        ("ว่าที่ร้อยตรีสมศักดิ์ กล้าหาญ", "ว่าที่ร้อยตรีสมศักดิ์ กล้าหาญ"),
        ("คุณสมใจ", "คุณสมใจ"),
        ("พันธ์ทิพย์ ศรีสุข", "คุณพันธ์ทิพย์ ศรีสุข"),  # a name, not the rank พัน…
        ("  สมหญิง   ใจดี ", "คุณสมหญิง ใจดี"),
    ],
)
def test_a_letter_puts_khun_only_before_a_name_without_a_title(written, greeted):
    assert courteous_name(written) == greeted
