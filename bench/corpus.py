"""A synthetic, reproducible Thai corpus of case studies for the benchmark.

Text is drawn from PyThaiNLP's word list (a Zipf-weighted sample, so some words are common
and most are rare, as in real text), the portal's domain vocabulary (the eight areas, centre
types, target groups, programme terms) and geothai place names, with a little English.
Lengths follow the demo case studies: a 50–80 character title, a ~250 character summary and
eight sections of 150–650 characters. Everything comes from one seeded generator: the same N
gives the same corpus on every machine.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import lru_cache

from learning_centres.taxonomy_data import FOCUS_AREAS

SEED = 2556  # the year (BE) of the DLA–ThaiHealth agreement
GENERAL_WORDS = 8000  # how many dictionary words the generator draws from

# Terms case studies of these centres really use; the query mix draws on them.
DOMAIN_TERMS = (
    "ผู้สูงอายุ",
    "การดูแล",
    "ผู้ดูแล",
    "อาสาสมัคร",
    "ชุมชน",
    "องค์กรปกครองส่วนท้องถิ่น",
    "ท้องถิ่น",
    "สุขภาพ",
    "ศูนย์พัฒนาเด็กเล็ก",
    "เด็กเล็ก",
    "ผู้ปกครอง",
    "ครูผู้ดูแลเด็ก",
    "พัฒนาการ",
    "โภชนาการ",
    "ภูมิปัญญา",
    "การมีส่วนร่วม",
    "งบประมาณ",
    "กองทุน",
    "สวัสดิการ",
    "ภัยพิบัติ",
    "เกษตรอินทรีย์",
    "สิ่งแวดล้อม",
    "ผู้ป่วยติดเตียง",
    "การฟื้นฟู",
    "กายภาพบำบัด",
    "โรงเรียนผู้สูงอายุ",
    "ภาคีเครือข่าย",
    "แผนพัฒนาท้องถิ่น",
    "อบต.",
    "อสม.",
    "รพ.สต.",
    "สสส.",
)
PHRASES = (
    "การดูแลผู้สูงอายุระยะยาว",
    "ศูนย์พัฒนาเด็กเล็กต้นแบบ",
    "ภูมิปัญญาท้องถิ่น",
    "การมีส่วนร่วมของชุมชน",
    "ธนาคารเวลา",
    "ผู้สูงอายุติดบ้านติดเตียง",
)
ENGLISH = ("community", "long-term care", "early childhood", "health literacy", "local wisdom", "volunteer network")
CENTRE_TYPES = ("elderly_care", "child_development")
TARGET_GROUPS = (
    "elderly",
    "bedridden_elderly",
    "caregivers",
    "young_children",
    "parents",
    "youth",
    "people_with_disabilities",
    "community",
)
FUNDING_SOURCES = ("local_health_fund", "lao_budget", "thaihealth", "government_other", "community_private", "other")
LAO_TYPES = ("sao", "subdistrict_municipality", "town_municipality")
SECTION_LENGTHS = (  # characters (min, max) per section, as in the demo case studies
    (400, 650),
    (150, 300),
    (450, 650),
    (250, 400),
    (150, 300),
    (250, 400),
    (200, 350),
    (220, 350),
)


@dataclass
class CentreSpec:
    title: str
    slug: str
    centre_type: str
    province: str  # code
    district: str  # code
    lao_name: str
    lao_type: str
    description: str


@dataclass
class CaseStudySpec:
    centre: int  # index into the centres
    title: str
    slug: str
    summary: str
    sections: list[str]
    year: int
    focus_areas: list[str]
    keywords: list[str]
    target_groups: list[str]
    funding_sources: list[str]
    indicators: list[tuple[str, str, str]]
    published_day: int  # days after 2015-01-01


@dataclass
class Corpus:
    centres: list[CentreSpec] = field(default_factory=list)
    case_studies: list[CaseStudySpec] = field(default_factory=list)
    general_words: list[str] = field(default_factory=list)

    def searchable_text(self, case: CaseStudySpec) -> str:
        """What a visitor's word can be found in: the case study's own texts."""
        indicators = " ".join(" ".join(item) for item in case.indicators)
        return " ".join([case.title, case.summary, *case.sections, " ".join(case.keywords), indicators])


@lru_cache(maxsize=1)
def _general_words() -> list[str]:
    from pythainlp.corpus import thai_words

    thai = re.compile("[\u0e01-\u0e4e]{3,12}")
    words = sorted(word for word in thai_words() if thai.fullmatch(word))
    return random.Random(SEED).sample(words, GENERAL_WORDS)  # noqa: S311 - reproducible text, not secrets


@lru_cache(maxsize=1)
def _places() -> list[tuple[str, str, str]]:
    """(province code, district code, district name) for every district."""
    import geothai

    return [
        (province.code, district.code, district.name_th)
        for province in geothai.provinces()
        for district in geothai.districts(province.code)
    ]


class _Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words = _general_words()
        # Zipf weights: the k-th word is drawn with probability ∝ 1/k.
        self.cumulative: list[float] = []
        total = 0.0
        for rank in range(1, len(self.words) + 1):
            total += 1 / rank
            self.cumulative.append(total)
        self.place_names = [name for _p, _d, name in _places()]

    def word(self) -> str:
        roll = self.rng.random()
        if roll < 0.25:
            return self.rng.choice(DOMAIN_TERMS)
        if roll < 0.28:
            return self.rng.choice(PHRASES)
        if roll < 0.31:
            return self.rng.choice(self.place_names)
        if roll < 0.32:
            return f" {self.rng.choice(ENGLISH)} "
        return self.rng.choices(self.words, cum_weights=self.cumulative)[0]

    def sentence(self, length: int) -> str:
        return "".join(self.word() for _ in range(length)).strip()

    def text(self, low: int, high: int) -> str:
        """Sentences (Thai separates them by a space) until the length is in range."""
        target = self.rng.randint(low, high)
        parts: list[str] = []
        size = 0
        while size < target:
            sentence = self.sentence(self.rng.randint(5, 12))
            parts.append(sentence)
            size += len(sentence) + 1
        return " ".join(parts)[:high]


def generate(n: int, seed: int = SEED) -> Corpus:
    """N case studies under about N/8 centres (at least 10)."""
    rng = random.Random(seed + n)  # noqa: S311 - reproducible text, not secrets
    writer = _Writer(rng)
    corpus = Corpus(general_words=writer.words)
    places = _places()
    area_slugs = [area.slug for area in FOCUS_AREAS]
    for number in range(max(10, n // 8)):
        centre_type = CENTRE_TYPES[number % 2]
        province, district, district_name = rng.choice(places)
        kind = "ศูนย์เรียนรู้ด้านการดูแลผู้สูงอายุ" if centre_type == "elderly_care" else "ศูนย์พัฒนาเด็กเล็กต้นแบบ"
        lao_name = f"องค์การบริหารส่วนตำบล{district_name.removeprefix('เขต')} {number + 1}"
        corpus.centres.append(
            CentreSpec(
                title=f"{kind} {lao_name}",
                slug=f"centre-{number + 1}",
                centre_type=centre_type,
                province=province,
                district=district,
                lao_name=lao_name,
                lao_type=rng.choice(LAO_TYPES),
                description=writer.text(200, 500),
            )
        )
    for number in range(n):
        centre = rng.randrange(len(corpus.centres))
        title = f"{writer.sentence(rng.randint(3, 5))} {rng.choice(writer.place_names)}"[:80]
        corpus.case_studies.append(
            CaseStudySpec(
                centre=centre,
                title=title,
                slug=f"case-{number + 1}",
                summary=writer.text(200, 320),
                sections=[writer.text(low, high) for low, high in SECTION_LENGTHS],
                year=rng.randint(2013, 2025),
                focus_areas=rng.sample(area_slugs, rng.randint(1, 3)),
                keywords=rng.sample(DOMAIN_TERMS[:20], rng.randint(2, 5)),
                target_groups=rng.sample(TARGET_GROUPS, rng.randint(1, 3)),
                funding_sources=rng.sample(FUNDING_SOURCES, rng.randint(1, 2)),
                indicators=[(writer.sentence(3), str(rng.randint(5, 50)), str(rng.randint(51, 100))) for _ in range(2)],
                published_day=rng.randint(0, 3900),
            )
        )
    return corpus
