"""Importing the LAO registry (official code, name, type, province, district), checked
against geothai's provinces and districts (the Province and District tables). All rows are
checked before any is written, and all are written in one transaction or none."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pythainlp.util import thai_digit_to_arabic_digit

from django.db import transaction
from django.utils.translation import gettext as _

from learning_centres.models import LocalAdministrativeOrganisation

from ..columns import LAO_COLUMNS
from .report import ImportReport
from .sources import ImportFileError, Row, open_source
from .vocabulary import LAO_TYPES, Places, key, lao_name

REQUIRED = tuple(column.name for column in LAO_COLUMNS if column.required)


@dataclass
class LAORow:
    number: int
    code: str
    name_th: str
    name_en: str
    lao_type: str
    province: str
    district: str | None
    existing_pk: int | None


class LAOValidator:
    def __init__(self, report: ImportReport):
        self.report = report
        self.places = Places()
        self.by_code = dict(LocalAdministrativeOrganisation.objects.exclude(code=None).values_list("code", "pk"))
        self.by_name = {
            (key(lao_name(name)), province): (pk, code)
            for name, province, pk, code in LocalAdministrativeOrganisation.objects.values_list("name_th", "province", "pk", "code")
        }
        self.seen_codes: dict[str, int] = {}
        self.seen_names: dict[tuple[str, str], int] = {}

    def validate(self, row: Row) -> LAORow | None:
        before = self.report.error_count
        if row.error:
            self.report.error(row.number, None, row.error)
            return None
        values = {name: str(value or "").strip() for name, value in row.values.items()}

        def fail(column: str, message: str) -> None:
            self.report.error(row.number, column, message)

        code = thai_digit_to_arabic_digit(values.get("code", ""))
        name = lao_name(values.get("name", ""))
        for column, value in (("code", code), ("name", name), ("type", values.get("type")), ("province", values.get("province"))):
            if not value:
                fail(column, _("ต้องมีค่า"))
        if len(code) > 16:
            fail("code", _("ยาวเกิน 16 ตัวอักษร"))
        if code and code in self.seen_codes:
            fail("code", _("ซ้ำกับแถว %(row)s ในไฟล์เดียวกัน") % {"row": self.seen_codes[code]})
        elif code:
            self.seen_codes[code] = row.number
        lao_type = LAO_TYPES.get(key(values.get("type")))
        if values.get("type") and lao_type is None:
            fail("type", _("ไม่รู้จักประเภท อปท. “%(value)s”") % {"value": values["type"][:60]})
        province = self.places.province(values["province"]) if values.get("province") else None
        if values.get("province") and province is None:
            fail("province", _("ไม่รู้จักจังหวัด “%(value)s”") % {"value": values["province"][:60]})
        district = None
        if province and values.get("district"):
            district = self.places.district(province, values["district"])
            if district is None:
                province_name = self.places.provinces[province].name_th
                fail(
                    "district",
                    _("ไม่มีอำเภอ “%(value)s” ในจังหวัด%(province)s") % {"value": values["district"][:60], "province": province_name},
                )
        existing_pk = self.by_code.get(code)
        if province and name:
            name_key = (key(name), province)
            if name_key in self.seen_names:
                fail("name", _("ชื่อและจังหวัดซ้ำกับแถว %(row)s") % {"row": self.seen_names[name_key]})
            self.seen_names[name_key] = row.number
            same_name = self.by_name.get(name_key)
            if same_name and existing_pk is None:
                if same_name[1] and same_name[1] != code:
                    fail("name", _("มี อปท. ชื่อนี้ในจังหวัดนี้แล้ว ด้วยรหัส %(code)s") % {"code": same_name[1]})
                existing_pk = same_name[0]  # the same LAO, now with its official code
        if self.report.error_count > before or lao_type is None or province is None:
            return None
        return LAORow(row.number, code, name, values.get("name_en", ""), lao_type, province, district, existing_pk)


def import_laos(path: Path | str, *, name: str | None = None, dry_run: bool = False) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    source = open_source(path, name, report)
    if source is None:
        return report
    with source:
        report.notices.extend(source.notices)
        missing = [column for column in REQUIRED if source.header and column not in source.header]
        if missing:
            report.error(1, None, _("ไม่มีคอลัมน์ที่จำเป็น: %(columns)s") % {"columns": ", ".join(missing)})
            return report
        validator = LAOValidator(report)
        try:
            for row in source.rows():
                report.rows += 1
                cleaned = validator.validate(row)
                if cleaned:
                    report.counts["updated" if cleaned.existing_pk else "created"] += 1
        except ImportFileError as error:
            report.error(None, None, str(error))
        if not report.ok or dry_run:
            return report
        with transaction.atomic():
            writer = LAOValidator(ImportReport())
            for row in source.rows():
                cleaned = writer.validate(row)
                assert cleaned is not None  # the file has not changed since it was checked
                fields = {
                    "code": cleaned.code,
                    "name_th": cleaned.name_th,
                    "lao_type": cleaned.lao_type,
                    "province_id": cleaned.province,
                    "district_id": cleaned.district,
                }
                if cleaned.name_en:
                    fields["name_en"] = cleaned.name_en
                if cleaned.existing_pk:
                    lao = LocalAdministrativeOrganisation.objects.get(pk=cleaned.existing_pk)
                    for field_name, value in fields.items():
                        setattr(lao, field_name, value)
                    lao.save()
                else:
                    LocalAdministrativeOrganisation.objects.create(**fields)
        report.written = True
    return report
