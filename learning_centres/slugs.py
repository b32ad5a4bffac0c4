"""Readable Latin page addresses from Thai titles (docs/decisions.md, "Page addresses from
Thai titles").

A title is cut into words by the project's segmenter; the longest run of words that the
curated list knows becomes its English name (the registry's official names of provinces,
districts, subdistricts and LAOs, the agreement's areas, target groups and funding sources,
centre types, common words), and only the words left over are transliterated (RTGS,
thai.romanise): "ศูนย์พัฒนาเด็กเล็ก เทศบาลตำบลบ้านกลาง" →
"child-development-centre-ban-klang-subdistrict-municipality".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from django.apps import apps
from django.utils.text import slugify

from thai.names import ABBREVIATIONS, LAO_KINDS
from thai.romanise import romanise
from thai.text import THAI, normalise, tokens

from .taxonomy_data import FOCUS_AREAS, FUNDING_SOURCES, TARGET_GROUPS

MAX_LENGTH = 80  # long enough for a centre's name, short enough to read and share
_LONGEST_PHRASE = 8  # words: the longest curated name (an LAO's full name) is shorter

# Words of centre and case titles that have a usual English form. "" drops a word that only
# makes Thai grammar (การ before a verb, ของ "of").
COMMON_WORDS: dict[str, str] = {
    # The centre types' labels (models.pages.CentreType; a test keeps the two in step: this
    # module is imported by the page models, so it cannot import them).
    "ศูนย์เรียนรู้ด้านการดูแลผู้สูงอายุ": "elderly-care-learning-centre",
    "ศูนย์พัฒนาเด็กเล็กต้นแบบ": "model-child-development-centre",
    "ศูนย์พัฒนาเด็กเล็ก": "child-development-centre",
    "ศูนย์เด็กเล็ก": "child-development-centre",
    "ศูนย์เรียนรู้": "learning-centre",
    "ศูนย์": "centre",
    "ต้นแบบ": "model",
    "ผู้สูงอายุ": "elderly",
    "ผู้ดูแล": "caregivers",
    "ผู้ปกครอง": "parents",
    "เด็กเล็ก": "young-children",
    "เด็ก": "children",
    "เยาวชน": "youth",
    "คนพิการ": "people-with-disabilities",
    "ชุมชน": "community",
    "สุขภาพ": "health",
    "ดูแล": "care",
    "การดูแล": "care",
    "ด้าน": "",
    "การ": "",
    "ของ": "",
    "และ": "and",
    "กับ": "with",
    "จาก": "from",
    "สู่": "to",
    "ใน": "in",
    "โดย": "by",
    "สำหรับ": "for",
    "ธนาคาร": "bank",
    "อาหาร": "food",
    "อาหารกลางวัน": "lunch",
    "กลางวัน": "lunch",
    "โรงเรียน": "school",
    "วัด": "wat",
    "มัสยิด": "mosque",
    "ฮาลาล": "halal",
    "รพ.สต.": "health-promoting-hospital",
    "อสม.": "village-health-volunteers",
    "ผู้สูงอายุติดบ้านติดเตียง": "homebound-elderly",
    "ติดเตียง": "bedridden",
    "กองทุน": "fund",
    "ภัยพิบัติ": "disaster",
    "น้ำท่วม": "flood",
    "เกษตร": "farming",
    "เกษตรกรรม": "agriculture",
    "ยั่งยืน": "sustainable",
    "สวัสดิการ": "welfare",
    "สิ่งแวดล้อม": "environment",
    "ขยะ": "waste",
    "โครงการ": "project",
    "หมู่บ้าน": "village",
    "ประจำหมู่บ้าน": "village",
    "ยาสามัญ": "household-remedies",
    "อาสาสมัคร": "volunteers",
    "จังหวัด": "province",
    "อำเภอ": "district",
    "ตำบล": "tambon",
    "ประเทศไทย": "thailand",
    "ไทย": "thai",
}


def _key(text: str) -> str:
    """The form titles are matched in: normalised, without spaces (names are compared whole)."""
    return normalise(text).replace(" ", "")


def _slug_words(english: str) -> str:
    return slugify(english.replace("&", " and "))


@lru_cache(maxsize=1)
def _fixed_names() -> dict[str, str]:
    """Curated names that never change at run time: the vocabularies and geothai's official
    names of every province, district and subdistrict. Later sources win, so the project's
    own words override a place named like a common word."""
    import geothai

    names: dict[str, str] = {}
    for province in geothai.provinces():
        names[_key(province.name_th)] = _slug_words(province.name_en)
        for district in geothai.districts(province.code):
            names[_key(district.name_th)] = _slug_words(district.name_en)
            for subdistrict in geothai.subdistricts(district.code):
                names.setdefault(_key(subdistrict.name_th), _slug_words(subdistrict.name_en))
    for kind in LAO_KINDS:
        names[_key(kind.name_th)] = _slug_words(kind.name_en)
    for abbreviation in ABBREVIATIONS:
        full = names.get(_key(abbreviation.full)) or _slug_words(abbreviation.english[0] if abbreviation.english else "")
        if full:
            names[_key(abbreviation.short)] = full
    for term in (*FOCUS_AREAS, *TARGET_GROUPS, *FUNDING_SOURCES):
        english = _slug_words(term.name_en)
        names[_key(term.name_th)] = english
        names[_key(term.name_th.removeprefix("ด้าน"))] = english
    names.update({_key(thai): english for thai, english in COMMON_WORDS.items()})
    return names


def _registry_names(candidates: set[str]) -> dict[str, str]:
    """English names from the portal's registry (LAOs, provinces, districts) for the runs of
    title words in `candidates`: one query for the few names a title can hold."""
    names: dict[str, str] = {}
    for model_name in ("Province", "District", "LocalAdministrativeOrganisation"):
        # Looked up by name: the page models import this module.
        rows = (
            apps.get_model("learning_centres", model_name)
            .objects.filter(name_th__in=candidates)
            .exclude(name_en="")
            .values_list("name_th", "name_en")
        )
        names.update({_key(name_th): _slug_words(name_en) for name_th, name_en in rows})
    return names


def _truncate(slug: str, limit: int = MAX_LENGTH) -> str:
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    return cut.rsplit("-", 1)[0] if "-" in cut else cut


def readable_slug(title: str, *, registry: bool = True) -> str:
    """A Latin slug for `title`: curated English names for the runs of words the list knows,
    RTGS for the rest, at most MAX_LENGTH characters cut at a hyphen. `registry=False` skips
    the database (for callers outside a request or transaction)."""
    words = tokens(title)
    runs = {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + _LONGEST_PHRASE) + 1)}
    names = dict(_fixed_names())
    if registry:
        names.update(_registry_names(runs))
    parts: list[str] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + _LONGEST_PHRASE), i, -1):
            english = names.get("".join(words[i:j]))
            if english is not None:
                parts.append(english)
                i = j
                break
        else:
            word = words[i]
            parts.append(romanise(word) if THAI.search(word) else slugify(word))
            i += 1
    slug = re.sub(r"-{2,}", "-", "-".join(part for part in parts if part)).strip("-")
    # The same English word twice in a row ("learning-centre" + "centre") reads as a typo.
    deduplicated: list[str] = []
    for piece in slug.split("-"):
        if not deduplicated or deduplicated[-1] != piece:
            deduplicated.append(piece)
    return _truncate("-".join(deduplicated))


def _skeleton(text: str) -> str:
    """The letters a slugifier keeps of any Thai text: no marks (category Mn), no า/ำ (NFKC,
    which Django's slugify applies, splits ำ into a mark and า), no separators."""
    return "".join(c for c in text if c.isalnum() and unicodedata.category(c) != "Mn" and c not in "าำ")


def is_thai_stripped_default(slug: str, title: str) -> bool:
    """Whether `slug` is what Wagtail makes of a Thai title by itself (Django's or the admin
    script's unicode slugify: Thai vowel and tone marks dropped), i.e. nobody chose it."""
    if not slug or not THAI.search(title) or not THAI.search(slug):
        return False
    letters = _skeleton(slug)
    return bool(letters) and _skeleton(title).startswith(letters)


class ReadableSlugMixin:
    """Page models: a new page whose slug is empty or Wagtail's Thai-stripped default of its
    Thai title gets a readable Latin slug, unique among its siblings. Existing pages keep
    theirs (the readable_slugs command moves them, with redirects)."""

    def _set_core_field_defaults(self) -> None:
        parent_is_known = bool(self.path or getattr(self, "_cached_parent_obj", None))
        adding = self._state.adding or not self.pk
        if adding and parent_is_known and self.title and (not self.slug or is_thai_stripped_default(self.slug, self.title)):
            base = readable_slug(self.title)
            if base:
                self.slug = self._get_autogenerated_slug(base)
        super()._set_core_field_defaults()
