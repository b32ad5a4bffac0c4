"""Matching what people type in a spreadsheet to the registry and vocabularies: provinces
and districts by DOPA code or Thai/English name, LAO types by value, name or abbreviation
(thai.names, as the visit form reads them), centre types by value or Thai name, terms by
slug or name. One normaliser (thai.text) makes อบต. = อบต and ๕๐ = 50."""

from __future__ import annotations

from functools import lru_cache

from pythainlp.util import thai_digit_to_arabic_digit

from learning_centres.models import CentreType, District, LAOType, Province
from learning_centres.models.pages import CENTRE_TYPE_NAMES_EN
from thai.names import DISTRICT_PREFIXES, LAO_KINDS, PROVINCE_PREFIXES, expand_lao_abbreviation, strip_prefix
from thai.text import normalise


def key(text: object) -> str:
    return _key(str(text or ""))


def lao_name(text: str) -> str:
    """An LAO's name as the registry writes it: "ทต.บ้านใหม่" → "เทศบาลตำบลบ้านใหม่" (as the
    visit form reads it, so a name typed either way finds the same LAO)."""
    return expand_lao_abbreviation(text.strip())


@lru_cache(maxsize=4096)  # rows repeat the same centres, places and areas; bounded, so memory stays flat
def _key(text: str) -> str:
    return normalise(text).strip()


def _choices_lookup(choices, english_names: dict) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for choice in choices:
        lookup[key(choice.value)] = choice.value
        lookup[key(str(choice.label))] = choice.value
        lookup[key(english_names[choice])] = choice.value
    return lookup


def _lao_types_lookup() -> dict[str, str]:
    """An LAO type by value, Thai name, English name or any abbreviation (ทต., อบต ...)."""
    lookup: dict[str, str] = {}
    for kind in LAO_KINDS:
        names = (kind.value, kind.name_th, kind.name_en, str(LAOType(kind.value).label))
        spellings = kind.abbreviation.spellings if kind.abbreviation else ()
        for name in (*names, *spellings):
            lookup[key(name)] = kind.value
    return lookup


class Places:
    """Provinces and districts, loaded once per import (77 + 928 rows)."""

    def __init__(self) -> None:
        self.provinces = {province.code: province for province in Province.objects.all()}
        self.province_names: dict[str, str] = {}
        for province in self.provinces.values():
            self.province_names[key(province.name_th)] = province.code
            if province.name_en:
                self.province_names[key(province.name_en)] = province.code
        self.districts = {district.code: district for district in District.objects.all()}
        self.district_names: dict[tuple[str, str], str] = {}
        for district in self.districts.values():
            for name in (district.name_th, district.name_en):
                if name:
                    self.district_names[(district.province_id, strip_prefix(key(name), DISTRICT_PREFIXES))] = district.code

    def province(self, value: object) -> str | None:
        """The DOPA code of a province given by code or name (None: not found)."""
        text = key(value)
        code = thai_digit_to_arabic_digit(text)
        if code in self.provinces:
            return code
        return self.province_names.get(strip_prefix(text, PROVINCE_PREFIXES))

    def district(self, province_code: str, value: object) -> str | None:
        """The code of a district of this province, by code or name (None: not in it)."""
        text = key(value)
        code = thai_digit_to_arabic_digit(text)
        if code in self.districts:
            return code if self.districts[code].province_id == province_code else None
        return self.district_names.get((province_code, strip_prefix(text, DISTRICT_PREFIXES)))


LAO_TYPES = _lao_types_lookup()
CENTRE_TYPES = _choices_lookup(CentreType, CENTRE_TYPE_NAMES_EN)


def terms_lookup(model) -> dict[str, int]:
    """A vocabulary (FocusArea, TargetGroup, FundingSource) by slug, Thai and English name."""
    lookup: dict[str, int] = {}
    for term in model.objects.originals():
        for name in (term.slug, term.name_th, term.name_en):
            if name:
                lookup[key(name)] = term.pk
    return lookup
