"""Importing case studies: validate every row first, then write all of them in one
transaction (or nothing). Pages go through Wagtail's revision and publish path, so the
search outbox, the fallback index and the audit log see them like an editor's work.
Columns: open_data.columns and docs/open-data.md.

Over 400 lines because checking a row and writing it are two passes over the same columns
(the first must find every problem the second could meet, with its row number), and keeping
each column's check beside the code that writes it is what keeps the two from drifting."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

from anyascii import anyascii
from pythainlp.util import thai_digit_to_arabic_digit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.validators import validate_unicode_slug
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from taggit.models import Tag
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.documents import get_document_model
from wagtail.documents.fields import WagtailDocumentField
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.models import Collection
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

from learning_centres.forms import not_a_year_message, year_range_message
from learning_centres.models import (
    CaseStudyDocument,
    CaseStudyFollowUp,
    CaseStudyImage,
    CaseStudyIndicator,
    CaseStudyPage,
    CentreIndexPage,
    EvidenceLevel,
    FocusArea,
    FundingSource,
    IndicatorReading,
    LearningCentrePage,
    LocalAdministrativeOrganisation,
    TargetGroup,
)
from learning_centres.models.access import CentreAccess
from learning_centres.models.evidence import EVIDENCE_LEVEL_NAMES_EN
from learning_centres.models.pages import SECTION_FEATURES
from learning_centres.models.profiles import CHILD_FIELDS, ELDERLY_FIELDS, WEEKDAYS
from learning_centres.rich_text import text_to_html
from portal.locales import originals
from search import indexing as search_indexing
from thai.dates import NotAYear, is_plausible_year, parse_date, parse_year

from ..columns import IMPORTED_COLUMNS, LIST_SEPARATOR, PROFILE_FIELDS, REQUIRED_COLUMNS
from .report import ImportReport
from .sources import ImportFileError, ImportSource, Row, open_source
from .vocabulary import CENTRE_TYPES, LAO_TYPES, Places, key, lao_name, terms_lookup

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int | None], None]  # (phase "check" or "write", rows done, total or None)
IMAGE_EXTENSIONS = {f".{extension}" for extension in settings.WAGTAILIMAGES_EXTENSIONS}
DOCUMENT_EXTENSIONS = {f".{extension}" for extension in settings.WAGTAILDOCS_EXTENSIONS}
WRITE_BATCH = 100  # rows written between two updates of the search fallback and outbox


@dataclass(frozen=True)
class LAOPlan:
    """An LAO: existing (pk) or to create from the row's columns."""

    pk: int | None
    name_th: str
    lao_type: str
    province: str
    district: str | None
    code: str | None

    @property
    def key(self) -> tuple:
        return ("code", self.code) if self.code else ("name", key(self.name_th), self.province)


@dataclass(frozen=True)
class CentrePlan:
    pk: int | None
    title: str
    centre_type: str
    province: str
    district: str | None
    lao: LAOPlan | None
    # (field, value) pairs of the centre's profile given in the file; empty: keep the centre's own.
    profile: tuple[tuple[str, object], ...] = ()


@dataclass
class CaseStudyRow:
    number: int
    external_id: str | None
    title: str
    slug: str
    summary: str
    year: int
    centre: CentrePlan
    focus_areas: list[int]
    keywords: list[str]
    target_groups: list[int]
    funding_sources: list[int]
    budget_baht: Decimal | None
    sections: dict[str, str]
    evidence_level: int | None = None  # None: keep the page's level (the default when new)
    # None: the column was empty, keep the page's own (JSON lists, open_data.columns).
    indicators: list[dict] | None = None
    readings: list[dict] | None = None
    follow_ups: list[dict] | None = None
    images: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)


# The keys of each JSON list column (True: required) and the longest text each field holds.
INDICATOR_KEYS = {"label": True, "baseline": False, "result": True}
READING_KEYS = {"indicator": True, "date": True, "value": True, "unit": False, "source": False}
FOLLOW_UP_KEYS = {"date": True, "title": True, "text": True}
LIMITS = {"baseline": 100, "result": 100, "unit": 50, "text": 10000}


def ascii_slug(text: str, default: str) -> str:
    """A slug of Latin letters: Wagtail's slug check refuses Thai vowel and tone marks."""
    return slugify(anyascii(text))[:80].strip("-") or default


def _split(value: object) -> list[str]:
    if isinstance(value, list):
        parts = [str(part) for part in value]
    else:
        parts = str(value or "").split(LIST_SEPARATOR)
    return list(dict.fromkeys(part.strip() for part in parts if part.strip()))


def _rich_text(value: str) -> str:
    """HTML is cleaned to the editor's features; plain text becomes paragraphs and lists."""
    value = value.strip()
    if not value:
        return ""
    if "<" in value and ">" in value:
        return EditorHTMLConverter(features=SECTION_FEATURES).to_database_format(value)
    return text_to_html(value)


class CaseStudyValidator:
    """Checks rows against the registry and vocabularies, and against each other (duplicate
    external ids, one new centre described two ways). Keeps only small per-file state."""

    def __init__(self, source: ImportSource, report: ImportReport):
        self.source = source
        self.report = report
        self.places = Places()
        self.focus_areas = terms_lookup(FocusArea)
        self.target_groups = terms_lookup(TargetGroup)
        self.funding_sources = terms_lookup(FundingSource)
        self.existing_ids = dict(CaseStudyPage.objects.exclude(external_id=None).values_list("external_id", "pk"))
        self.centres: dict[str, list[LearningCentrePage]] = {}
        # Thai originals only: every centre also has an English copy with the same title.
        for centre in originals(LearningCentrePage.objects.select_related("lao")):
            self.centres.setdefault(key(centre.title), []).append(centre)
        self.laos_by_code = dict(LocalAdministrativeOrganisation.objects.exclude(code=None).values_list("code", "pk"))
        self.laos_by_name = {
            (key(lao_name(name)), province): pk
            for name, province, pk in LocalAdministrativeOrganisation.objects.values_list("name_th", "province", "pk")
        }
        self.seen_ids: dict[str, int] = {}
        self.new_centres: dict[str, tuple[CentrePlan, int]] = {}
        self.centre_profiles: dict[str, tuple[tuple[str, object], ...]] = {}
        self.media_problems: dict[tuple[str, str], str | None] = {}  # each file checked once

    def check_header(self) -> bool:
        header = [name for name in self.source.header if name]
        if not header:  # JSON Lines: each row is checked on its own
            return True
        missing = [name for name in REQUIRED_COLUMNS if name not in header and not (name == "year_be" and "year" in header)]
        if missing:
            self.report.error(1, None, _("ไม่มีคอลัมน์ที่จำเป็น: %(columns)s") % {"columns": ", ".join(missing)})
        unknown = [name for name in header if name not in IMPORTED_COLUMNS and name not in {"year", "year_ce", "page_id", "url"}]
        unknown = [name for name in unknown if name not in {"first_published_at", "image_urls", "document_urls"}]
        if unknown:
            self.report.notices.append(_("ละเว้นคอลัมน์ที่ไม่รู้จัก: %(columns)s") % {"columns": ", ".join(unknown)})
        return not missing

    # -- one row --------------------------------------------------------------------------

    def validate(self, row: Row) -> CaseStudyRow | None:
        errors_before = self.report.error_count
        if row.error:
            self.report.error(row.number, None, row.error)
            return None
        values = {name: value if isinstance(value, list) else str(value or "").strip() for name, value in row.values.items()}

        def fail(column: str | None, message: str) -> None:
            self.report.error(row.number, column, message)

        def required(column: str) -> str:
            value = values.get(column) or ""
            if not value:
                fail(column, _("ต้องมีค่า"))
            return value

        external_id = values.get("external_id") or None
        if external_id:
            if len(external_id) > 64:
                fail("external_id", _("ยาวเกิน 64 ตัวอักษร"))
            elif external_id in self.seen_ids:
                fail("external_id", _("ซ้ำกับแถว %(row)s ในไฟล์เดียวกัน") % {"row": self.seen_ids[external_id]})
            else:
                self.seen_ids[external_id] = row.number

        title = required("title")
        if len(title) > 255:
            fail("title", _("ยาวเกิน 255 ตัวอักษร"))
        summary = required("summary")
        slug = values.get("slug") or ascii_slug(external_id or title, "case-study")
        if values.get("slug"):
            try:
                validate_unicode_slug(slug)
            except ValidationError:
                fail("slug", _("ใช้ได้เฉพาะตัวอักษร ตัวเลข - และ _"))

        year = self._year(values, fail)
        centre = self._centre(values, fail)
        focus_areas = self._terms(values, "focus_areas", self.focus_areas, fail)
        if not _split(values.get("focus_areas")):
            fail("focus_areas", _("ต้องระบุอย่างน้อยหนึ่งด้าน"))
        keywords = _split(values.get("keywords"))
        if any(len(word) > 100 for word in keywords):
            fail("keywords", _("คำสำคัญแต่ละคำยาวไม่เกิน 100 ตัวอักษร"))
        target_groups = self._terms(values, "target_groups", self.target_groups, fail)
        funding_sources = self._terms(values, "funding_sources", self.funding_sources, fail)
        budget = self._budget(values.get("budget_baht") or "", fail)
        evidence_level = self._evidence_level(str(values.get("evidence_level") or ""), fail)
        indicators = self._json_list(values, "indicators", INDICATOR_KEYS, fail)
        readings = self._json_list(values, "readings", READING_KEYS, fail)
        follow_ups = self._json_list(values, "follow_ups", FOLLOW_UP_KEYS, fail)
        sections = {name: _rich_text(str(values.get(name) or "")) for name, _th, _en in CaseStudyPage.SECTIONS}
        images = self._media(values, "images", IMAGE_EXTENSIONS, fail)
        documents = self._media(values, "documents", DOCUMENT_EXTENSIONS, fail)

        if self.report.error_count > errors_before or centre is None or year is None:
            return None
        return CaseStudyRow(
            number=row.number,
            external_id=external_id,
            title=title,
            slug=slug,
            summary=summary,
            year=year,
            centre=centre,
            focus_areas=focus_areas,
            keywords=keywords,
            target_groups=target_groups,
            funding_sources=funding_sources,
            budget_baht=budget,
            sections=sections,
            evidence_level=evidence_level,
            indicators=indicators,
            readings=readings,
            follow_ups=follow_ups,
            images=images,
            documents=documents,
        )

    def _year(self, values: dict, fail) -> int | None:
        column = "year_be" if values.get("year_be") else "year"
        raw = values.get(column) or ""
        if not raw:
            fail("year_be", _("ต้องมีค่า"))
            return None
        try:
            year = parse_year(raw)
        except NotAYear as error:
            fail(column, not_a_year_message(error))
            return None
        if not is_plausible_year(year):
            fail(column, year_range_message())
            return None
        return year

    def _terms(self, values: dict, column: str, lookup: dict[str, int], fail) -> list[int]:
        found = []
        for name in _split(values.get(column)):
            pk = lookup.get(key(name))
            if pk is None:
                fail(column, _("ไม่รู้จัก “%(value)s”") % {"value": name[:60]})
            else:
                found.append(pk)
        return list(dict.fromkeys(found))

    def _budget(self, raw: str, fail) -> Decimal | None:
        text = thai_digit_to_arabic_digit(raw).replace(",", "").replace("บาท", "").strip()
        if not text:
            return None
        try:
            budget = Decimal(text)
        except InvalidOperation:
            fail("budget_baht", _("“%(value)s” ไม่ใช่จำนวนเงิน") % {"value": raw[:40]})
            return None
        if budget < 0 or budget >= Decimal("1e12") or not budget.is_finite():
            fail("budget_baht", _("จำนวนเงินต้องไม่ติดลบและน้อยกว่าหนึ่งล้านล้านบาท"))
            return None
        return budget.quantize(Decimal("0.01"))

    def _json_list(self, values: dict, column: str, keys: dict[str, bool], fail) -> list[dict] | None:
        """A JSON list of objects (a JSON Lines file may give the list itself): each with the
        `keys` (True: required), dates read as thai.dates.parse_date reads them (CE or BE),
        values as decimals. None when the cell is empty."""
        raw = values.get(column)
        if raw in (None, "", []):
            return None
        try:
            items = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:
            fail(column, _("ไม่ใช่ JSON ที่ถูกต้อง"))
            return None
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items) or len(items) > 500:
            fail(column, _("ต้องเป็นรายการ JSON ของออบเจ็กต์ (ไม่เกิน 500 รายการ)"))
            return None
        cleaned = []
        for number, item in enumerate(items, start=1):
            entry = {}
            for name, required in keys.items():
                text = str(item.get(name) if item.get(name) is not None else "").strip()
                if required and not text:
                    fail(column, _("รายการที่ %(n)s: ต้องมี “%(key)s”") % {"n": number, "key": name})
                elif name == "date":
                    try:
                        entry[name] = parse_date(text)
                    except ValueError:
                        fail(column, _("รายการที่ %(n)s: “%(value)s” ไม่ใช่วันที่") % {"n": number, "value": text[:40]})
                elif name == "value":
                    try:
                        value = Decimal(thai_digit_to_arabic_digit(text).replace(",", ""))
                        if not value.is_finite() or abs(value) >= Decimal("1e12"):
                            raise InvalidOperation
                        entry[name] = value.quantize(Decimal("0.01"))
                    except InvalidOperation:
                        fail(column, _("รายการที่ %(n)s: “%(value)s” ไม่ใช่ตัวเลข") % {"n": number, "value": text[:40]})
                else:
                    entry[name] = text[: LIMITS.get(name, 255)]
            cleaned.append(entry)
        return cleaned

    def _evidence_level(self, raw: str, fail) -> int | None:
        """1–5 (Thai digits too), or the level's Thai or English name."""
        text = thai_digit_to_arabic_digit(raw).strip()
        if not text:
            return None
        names = {key(level.label): level.value for level in EvidenceLevel}
        names.update({key(name): level.value for level, name in EVIDENCE_LEVEL_NAMES_EN.items()})
        level = int(text) if text.isdigit() and int(text) in EvidenceLevel.values else names.get(key(text))
        if level is None:
            fail("evidence_level", _("“%(value)s” ไม่ใช่ระดับหลักฐาน (1–5)") % {"value": raw[:40]})
        return level

    def _media(self, values: dict, column: str, extensions: set[str], fail) -> list[str]:
        names = _split(values.get(column))
        if names and self.source.archive is None:
            fail(column, _("ไฟล์ภาพและเอกสารต้องส่งมาใน ZIP พร้อมไฟล์ข้อมูล"))
            return []
        for name in names:
            if PurePosixPath(name.lower()).suffix not in extensions:
                fail(column, _("“%(name)s”: ไม่รองรับไฟล์ชนิดนี้ (%(allowed)s)") % {"name": name, "allowed": ", ".join(sorted(extensions))})
            elif name not in self.source.media:
                fail(column, _("ไม่พบไฟล์ “%(name)s” ใน ZIP") % {"name": name})
            elif name in self.source.duplicate_media:
                fail(column, _("มีไฟล์ชื่อ “%(name)s” มากกว่าหนึ่งไฟล์ใน ZIP") % {"name": name})
            elif (problem := self._media_problem(column, name)) is not None:
                fail(column, _("“%(name)s”: %(problem)s") % {"name": name, "problem": problem})
        return names

    def _media_problem(self, column: str, name: str) -> str | None:
        """Why the admin's upload form would refuse this file (None: it would accept it)."""
        if (column, name) not in self.media_problems:
            self.media_problems[(column, name)] = media_problem(self.source, column, name)
        return self.media_problems[(column, name)]

    def _centre(self, values: dict, fail) -> CentrePlan | None:
        title = values.get("centre") or ""
        if not title:
            fail("centre", _("ต้องมีค่า"))
            return None
        raw_type = values.get("centre_type") or ""
        centre_type = CENTRE_TYPES.get(key(raw_type)) if raw_type else None
        if raw_type and centre_type is None:
            fail("centre_type", _("ไม่รู้จักประเภทศูนย์ “%(value)s” (elderly_care หรือ child_development)") % {"value": raw_type[:60]})
            return None
        province = self._province(values, fail)
        existing = self.centres.get(key(title), [])
        if len(existing) > 1:
            fail("centre", _("มีศูนย์ชื่อ “%(title)s” มากกว่าหนึ่งแห่ง: แก้ชื่อศูนย์ในระบบให้ไม่ซ้ำก่อน") % {"title": title})
            return None
        if existing:
            centre = existing[0]
            if centre_type and centre_type != centre.centre_type:
                fail("centre_type", _("ไม่ตรงกับประเภทของศูนย์ “%(title)s” ที่มีอยู่") % {"title": title})
            if province and province != centre.province_id:
                fail("province", _("ไม่ตรงกับจังหวัดของศูนย์ “%(title)s” ที่มีอยู่") % {"title": title})
            return CentrePlan(
                pk=centre.pk,
                title=centre.title,
                centre_type=centre.centre_type,
                province=centre.province_id,
                district=None,
                lao=None,
                profile=self._profile(values, centre.centre_type, title, fail),
            )
        # A new centre: its type, LAO and province must be in the row (or in an earlier row).
        earlier = self.new_centres.get(key(title))
        place_columns = ("centre_type", "lao", "lao_code", "lao_type", "province", "province_code", "district", "district_code")
        if earlier and not any(values.get(column) for column in place_columns):
            return replace(earlier[0], profile=self._profile(values, earlier[0].centre_type, title, fail))
        if not centre_type:
            fail("centre_type", _("ศูนย์ “%(title)s” ยังไม่มีในระบบ: ต้องระบุประเภทศูนย์") % {"title": title})
        if not province:
            if not (values.get("province_code") or values.get("province")):
                fail("province", _("ศูนย์ “%(title)s” ยังไม่มีในระบบ: ต้องระบุจังหวัด") % {"title": title})
            return None
        district = self._district(values, province, fail)
        lao = self._lao(values, province, district, fail)
        if not centre_type or lao is None:
            return None
        profile = self._profile(values, centre_type, title, fail)
        plan = CentrePlan(pk=None, title=title, centre_type=centre_type, province=province, district=district, lao=lao, profile=profile)
        if earlier is None:
            self.new_centres[key(title)] = (plan, self.report.rows)
        elif (earlier[0].centre_type, earlier[0].province, earlier[0].lao.key) != (plan.centre_type, plan.province, lao.key):
            fail("centre", _("ศูนย์ใหม่ “%(title)s” ระบุประเภท จังหวัด หรือ อปท. ต่างจากแถวก่อนหน้า") % {"title": title})
        return plan

    def _profile(self, values: dict, centre_type: str, title: str, fail) -> tuple[tuple[str, object], ...]:
        """The centre's profile columns given in this row, checked like the admin form (numbers
        in range, the centre type's own fields only, an age range that runs forward, both
        coordinates or neither); one centre may not be described two ways in one file. A row
        without them carries what an earlier row gave."""
        others = CHILD_FIELDS if centre_type == "elderly_care" else ELDERLY_FIELDS
        profile: dict[str, object] = {}
        for name in PROFILE_FIELDS:
            column = f"centre_{name}"
            raw = thai_digit_to_arabic_digit(str(values.get(column) or "")).strip()
            if not raw:
                continue
            if name in others:
                fail(column, _("ใช้กับศูนย์อีกประเภทหนึ่งเท่านั้น"))
            elif name == "opening_days":
                days = sorted({day.strip() for day in raw.replace(";", ",").split(",") if day.strip()})
                if not set(days) <= {number for number, _th, _en in WEEKDAYS}:
                    fail(column, _("เลขวันต้องเป็น 1 (จันทร์) ถึง 7 (อาทิตย์) คั่นด้วย ,"))
                else:
                    profile[name] = ",".join(days)
            else:
                field = LearningCentrePage._meta.get_field(name)
                try:
                    # Thousands separators in counts; a coordinate keeps its decimal point.
                    profile[name] = field.clean(raw if name in ("latitude", "longitude") else raw.replace(",", ""), None)
                except ValidationError as error:
                    fail(column, " ".join(error.messages))
        if profile.get("children_age_from", 0) > profile.get("children_age_to", 6):
            fail("centre_children_age_to", _("อายุถึงต้องไม่น้อยกว่าอายุตั้งแต่"))
        if ("latitude" in profile) != ("longitude" in profile):
            fail("centre_latitude", _("ต้องระบุละติจูดและลองจิจูดคู่กัน"))
        items = tuple(sorted(profile.items()))
        earlier = self.centre_profiles.get(key(title), ())
        if items and earlier and items != earlier:
            fail("centre", _("ข้อมูลศูนย์ “%(title)s” ต่างจากแถวก่อนหน้า") % {"title": title})
        elif items:
            self.centre_profiles[key(title)] = items
        return items or earlier

    def _province(self, values: dict, fail) -> str | None:
        by_code = self.places.province(values["province_code"]) if values.get("province_code") else None
        by_name = self.places.province(values["province"]) if values.get("province") else None
        if values.get("province_code") and by_code is None:
            fail("province_code", _("ไม่มีรหัสจังหวัด “%(value)s”") % {"value": values["province_code"][:20]})
        if values.get("province") and by_name is None:
            fail("province", _("ไม่รู้จักจังหวัด “%(value)s”") % {"value": values["province"][:60]})
        if by_code and by_name and by_code != by_name:
            fail("province", _("ชื่อจังหวัดไม่ตรงกับรหัสจังหวัด"))
            return None
        return by_code or by_name

    def _district(self, values: dict, province: str, fail) -> str | None:
        raw = values.get("district_code") or values.get("district") or ""
        if not raw:
            return None
        district = self.places.district(province, raw)
        if district is None:
            column = "district_code" if values.get("district_code") else "district"
            fail(
                column,
                _("ไม่มีอำเภอ “%(value)s” ในจังหวัด%(province)s") % {"value": raw[:60], "province": self.places.provinces[province].name_th},
            )
        return district

    def _lao(self, values: dict, province: str, district: str | None, fail) -> LAOPlan | None:
        name = lao_name(values.get("lao") or "")
        code = thai_digit_to_arabic_digit(values.get("lao_code") or "") or None
        if code and code in self.laos_by_code:
            return LAOPlan(pk=self.laos_by_code[code], name_th=name, lao_type="", province=province, district=district, code=code)
        if not name:
            fail("lao", _("ศูนย์ใหม่ต้องระบุ อปท. ที่ดำเนินการ"))
            return None
        pk = self.laos_by_name.get((key(name), province))
        if pk is not None:
            return LAOPlan(pk=pk, name_th=name, lao_type="", province=province, district=district, code=None)
        raw_type = values.get("lao_type") or ""
        lao_type = LAO_TYPES.get(key(raw_type))
        if lao_type is None:
            if raw_type:
                fail("lao_type", _("ไม่รู้จักประเภท อปท. “%(value)s”") % {"value": raw_type[:60]})
            else:
                fail("lao_type", _("อปท. “%(name)s” ยังไม่มีในทะเบียน: ต้องระบุประเภท อปท.") % {"name": name})
            return None
        if len(name) > 255 or (code and len(code) > 16):
            fail("lao", _("ชื่อหรือรหัส อปท. ยาวเกินไป"))
            return None
        return LAOPlan(pk=None, name_th=name, lao_type=lao_type, province=province, district=district, code=code)


def media_problem(source: ImportSource, column: str, name: str) -> str | None:
    """The checks of Wagtail's own upload (WagtailImageField: size, pixels, allowed extension,
    format matching the extension; WagtailDocumentField and the document model: size,
    allowed extension), on a streamed copy of the file. Too large a file is refused from the
    ZIP's declared size, before anything is copied."""
    field = WagtailImageField() if column == "images" else WagtailDocumentField()
    try:
        if field.max_upload_size is not None and source.media_size(name) > field.max_upload_size:
            oversized = ContentFile(b"", name=name)
            oversized.size = source.media_size(name)
            if column == "images":
                field.check_image_file_size(oversized)
            else:
                field.check_document_file_size(oversized)
        copy = source.copy_media(name)
        try:
            uploaded = field.clean(copy.uploaded())
            if column == "documents":
                get_document_model()(title=name, file=uploaded).clean()
        finally:
            copy.close()
    except ValidationError as error:
        return " ".join(error.messages)
    return None


class MediaFiles:
    """Pictures and documents written during an import, so a failed run can remove them
    (the database rows go with the rolled-back transaction; stored files do not)."""

    def __init__(self, source: ImportSource):
        self.source = source
        self.written: list[tuple[object, str]] = []  # (storage, name)
        self.images: dict[str, object] = {}
        self.documents: dict[str, object] = {}

    def image(self, name: str, collection: Collection):
        if name not in self.images:
            copy = self.source.copy_media(name)  # streamed: never the whole file in memory
            try:
                image_model = get_image_model()
                existing = image_model.objects.filter(file_hash=copy.sha1).first()  # matches Wagtail's own file_hash
                if existing is None:
                    existing = image_model(title=PurePosixPath(name).stem[:255], collection=collection)
                    existing.file = ImageFile(copy.uploaded(), name=name)
                    existing._set_image_file_metadata()
                    existing.save()
                    self.written.append((existing.file.storage, existing.file.name))
            finally:
                copy.close()
            self.images[name] = existing
        return self.images[name]

    def document(self, name: str, collection: Collection):
        if name not in self.documents:
            copy = self.source.copy_media(name)
            try:
                document_model = get_document_model()
                existing = document_model.objects.filter(file_hash=copy.sha1).first()  # matches Wagtail's own file_hash
                if existing is None:
                    existing = document_model(title=PurePosixPath(name).stem[:255], collection=collection)
                    existing.file = copy.uploaded()
                    existing._set_document_file_metadata()
                    existing.save()
                    self.written.append((existing.file.storage, existing.file.name))
            finally:
                copy.close()
            self.documents[name] = existing
        return self.documents[name]

    def remove_written(self) -> None:
        for storage, name in self.written:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not remove %s after a failed import", name)


class CaseStudyWriter:
    """Writes checked rows through Wagtail's page, revision and publish path. What rows share
    (centres, their collections, LAOs, vocabulary terms, tags) is looked up once per import,
    so the queries per row do not grow with the file; the search side (fallback table,
    outbox) is written a batch of rows at a time by the caller (search.indexing.batch)."""

    def __init__(self, media: MediaFiles, report: ImportReport, *, publish: bool, user=None):
        self.media = media
        self.report = report
        self.publish = publish
        self.user = user
        self.index = CentreIndexPage.objects.first()
        self.laos: dict[tuple, LocalAdministrativeOrganisation] = {}
        self.centres: dict[str, LearningCentrePage] = {}  # created by this import, by title key
        self.existing_centres: dict[int, LearningCentrePage] = {}
        self.collections: dict[int, Collection] = {}
        self.focus_areas = FocusArea.objects.in_bulk()
        self.target_groups = TargetGroup.objects.in_bulk()
        self.funding_sources = FundingSource.objects.in_bulk()
        self.tags: dict[str, Tag] = {}

    def _save(self, page, parent=None) -> None:
        """Add the page under parent (a new page), save a revision, publish it if asked.
        Wagtail's reference index is brought up to date once, after the page's last save,
        instead of once for each of the three saves of that path."""
        with disable_reference_index_auto_update():
            if parent is not None:
                parent.add_child(instance=page)
            revision = page.save_revision(user=self.user, log_action=True)
            if self.publish:
                revision.publish(user=self.user)
        update_reference_index_task.enqueue(page._meta.app_label, page._meta.model_name, str(page.pk))

    def _tags(self, names: list[str]) -> list[Tag]:
        """Tag rows for these keywords, as taggit would find or make them (case-insensitive
        with TAGGIT_CASE_INSENSITIVE), each looked up once per import."""
        tags = []
        for name in names:
            folded = name.casefold() if settings.TAGGIT_CASE_INSENSITIVE else name
            if folded not in self.tags:
                lookup = {"name__iexact" if settings.TAGGIT_CASE_INSENSITIVE else "name": name}
                self.tags[folded] = Tag.objects.filter(**lookup).first() or Tag.objects.create(name=name)
            tags.append(self.tags[folded])
        return tags

    def _collection(self, centre: LearningCentrePage) -> Collection:
        if centre.pk not in self.collections:
            collection = CentreAccess.objects.filter(centre=centre).values_list("collection", flat=True).first()
            self.collections[centre.pk] = Collection.objects.get(pk=collection) if collection else Collection.get_first_root_node()
        return self.collections[centre.pk]

    def _lao(self, plan: LAOPlan) -> LocalAdministrativeOrganisation:
        if plan.pk is not None:
            return LocalAdministrativeOrganisation.objects.get(pk=plan.pk)
        if plan.key not in self.laos:
            self.laos[plan.key] = LocalAdministrativeOrganisation.objects.create(
                name_th=plan.name_th, lao_type=plan.lao_type, province_id=plan.province, district_id=plan.district, code=plan.code
            )
            self.report.counts["laos_created"] += 1
        return self.laos[plan.key]

    def _centre(self, plan: CentrePlan) -> LearningCentrePage:
        if plan.pk is not None:
            if plan.pk not in self.existing_centres:
                centre = LearningCentrePage.objects.get(pk=plan.pk)
                if any(getattr(centre, name) != value for name, value in plan.profile):
                    for name, value in plan.profile:
                        setattr(centre, name, value)
                    self._save(centre)  # a revision of the centre (published with --publish)
                    self.report.counts["centres_updated"] += 1
                self.existing_centres[plan.pk] = centre
            return self.existing_centres[plan.pk]
        if key(plan.title) not in self.centres:
            if self.index is None:
                raise ImportFileError(_("ยังไม่มีหน้ารวมศูนย์เรียนรู้ (/centres/) ให้สร้างศูนย์ใหม่"))
            assert plan.lao is not None
            lao = self._lao(plan.lao)
            centre = LearningCentrePage(
                title=plan.title,
                slug=self._free_slug(self.index, ascii_slug(plan.title, "centre")),
                centre_type=plan.centre_type,
                lao=lao,
                province_id=plan.province,
                district_id=plan.district or lao.district_id,
                live=False,
                **dict(plan.profile),
            )
            self._save(centre, parent=self.index)
            self.centres[key(plan.title)] = centre
            self.report.counts["centres_created"] += 1
        return self.centres[key(plan.title)]

    @staticmethod
    def _free_slug(parent, slug: str, own_pk: int | None = None) -> str:
        siblings = parent.get_children().exclude(pk=own_pk)
        candidate, number = slug, 2
        while siblings.filter(slug=candidate).exists():  # one indexed query, however many siblings
            candidate = f"{slug}-{number}"
            number += 1
        return candidate

    def write(self, row: CaseStudyRow, existing_pk: int | None) -> None:
        centre = self._centre(row.centre)
        collection = self._collection(centre)
        if existing_pk is not None:
            page = CaseStudyPage.objects.get(pk=existing_pk)
            if page.get_parent().pk != centre.pk:
                page.move(centre, pos="last-child")
                page.refresh_from_db()
                # The centre is kept for later rows: treebeard decides where the next child
                # goes from the instance's numchild, which the move changed in the database.
                centre.refresh_from_db(fields=["numchild"])
            self.report.counts["updated"] += 1
        else:
            page = CaseStudyPage(external_id=row.external_id, live=False)
            self.report.counts["created"] += 1
        page.title = row.title
        page.draft_title = row.title
        page.slug = self._free_slug(centre, row.slug, page.pk)
        page.summary = row.summary
        page.year = row.year
        page.budget_baht = row.budget_baht
        if row.evidence_level is not None:
            page.evidence_level = row.evidence_level
        if row.indicators is not None:
            page.indicators = [CaseStudyIndicator(**item) for item in row.indicators]
        if row.readings is not None:
            page.readings = [IndicatorReading(**item) for item in row.readings]
        if row.follow_ups is not None:
            page.follow_ups = [CaseStudyFollowUp(**item) for item in row.follow_ups]
        for name, html in row.sections.items():
            setattr(page, name, html)
        page.focus_areas.set([self.focus_areas[pk] for pk in row.focus_areas])
        page.target_groups.set([self.target_groups[pk] for pk in row.target_groups])
        page.funding_sources.set([self.funding_sources[pk] for pk in row.funding_sources])
        page.keywords.set(self._tags(row.keywords))
        if row.images or existing_pk is None:
            page.gallery_images = [CaseStudyImage(image=self.media.image(name, collection)) for name in row.images]
        if row.documents or existing_pk is None:
            page.documents = [CaseStudyDocument(document=self.media.document(name, collection)) for name in row.documents]
        self._save(page, parent=centre if existing_pk is None else None)


def import_case_studies(
    path: Path | str,
    *,
    name: str | None = None,
    dry_run: bool = False,
    publish: bool = False,
    user=None,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate the whole file; unless it is a dry run and if no row is invalid, write it
    in one transaction. Any error (in a row, or while writing) leaves nothing behind."""
    report = ImportReport(dry_run=dry_run)
    source = open_source(path, name, report)
    if source is None:
        return report
    with source:
        report.notices.extend(source.notices)
        try:
            _validate(source, report, progress)
        except ImportFileError as error:
            report.error(None, None, str(error))
        if not report.ok or dry_run:
            return report
        media = MediaFiles(source)
        try:
            with transaction.atomic():
                _write(source, report, media, publish=publish, user=user, progress=progress)
        except Exception as error:
            media.remove_written()
            report.counts.clear()
            if isinstance(error, ImportFileError):
                report.error(None, None, str(error))
                return report
            logger.exception("Import failed while writing")
            report.error(None, None, _("บันทึกไม่สำเร็จ (%(error)s): ยกเลิกทั้งหมดแล้ว") % {"error": error})
            return report
        report.written = True
    return report


def _validate(source: ImportSource, report: ImportReport, progress: Progress | None) -> None:
    validator = CaseStudyValidator(source, report)
    if not validator.check_header():
        return
    for row in source.rows():
        report.rows += 1
        cleaned = validator.validate(row)
        if cleaned is not None:
            report.counts["updated" if cleaned.external_id in validator.existing_ids else "created"] += 1
        if progress and report.rows % 100 == 0:
            progress("check", report.rows, None)
    if progress:
        progress("check", report.rows, report.rows)


def _write(source: ImportSource, report: ImportReport, media: MediaFiles, *, publish: bool, user, progress: Progress | None) -> None:
    """Write every row, streaming; called inside the import's transaction. The search
    fallback and outbox rows of the pages written are recorded every WRITE_BATCH rows, in
    that same transaction (all or nothing), instead of once per page."""
    scratch = ImportReport()
    validator = CaseStudyValidator(source, scratch)  # the same checks again, row by row, as it writes
    writer = CaseStudyWriter(media, report, publish=publish, user=user)
    report.counts.clear()
    total = report.rows
    with search_indexing.batch() as index_batch:
        for done, row in enumerate(source.rows(), start=1):
            cleaned = validator.validate(row)
            if cleaned is None:
                raise ImportFileError(str(scratch.errors[-1]) if scratch.errors else _("แถว %(row)s ไม่ผ่านการตรวจ") % {"row": row.number})
            writer.write(cleaned, validator.existing_ids.get(cleaned.external_id) if cleaned.external_id else None)
            if done % WRITE_BATCH == 0:
                index_batch.flush()
            if progress and (done % 50 == 0 or done == total):
                progress("write", done, total)
