"""Reading import files row by row (CSV, XLSX, JSON Lines, or a ZIP carrying one of them
plus pictures and documents), never the whole file at once: a source can be read any
number of times (the importer validates in one pass and writes in a second)."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from portal.spreadsheets import unquote_cell

DATA_EXTENSIONS = (".csv", ".xlsx", ".jsonl", ".ndjson")
SNIFF_BYTES = 64 * 1024
COPY_CHUNK = 1024 * 1024
RATIO_CHECKED_ABOVE = 1024 * 1024  # small members may compress well without harm
_THAI = range(0x0E00, 0x0E80)


def limit(name: str) -> int:
    """One of the IMPORT_* limits of the settings (portal/settings/base.py), read when used
    so that a test or an operator can change it."""
    return int(getattr(settings, name))


if TYPE_CHECKING:
    from .report import ImportReport


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, in Thai."""


@dataclass
class Row:
    number: int  # as a spreadsheet shows it: the header is row 1
    values: dict[str, object]
    error: str | None = None  # the row could not be read at all (e.g. invalid JSON)


def normalise_header(name: object) -> str:
    return str(name or "").replace("\ufeff", "").strip().lower()


def detect_encoding(sample: bytes) -> tuple[str, str | None]:
    """The text encoding of a CSV (utf-8-sig or cp874) and a notice when it is not UTF-8.

    Thai spreadsheets saved as "CSV" on Windows are TIS-620/Windows-874: they are read as such
    when they could not be UTF-8 but do decode to Thai text. UTF-16 and anything else is refused.
    """
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in sample:
        raise ImportFileError(_("ไฟล์เข้ารหัสแบบ UTF-16 ซึ่งไม่รองรับ: โปรดบันทึกเป็น “CSV UTF-8”"))
    try:
        sample.decode("utf-8")
        return "utf-8-sig", None
    except UnicodeDecodeError as error:
        if error.start >= len(sample) - 3 and len(sample) >= SNIFF_BYTES:
            return "utf-8-sig", None  # a character cut by the end of the sample
    try:
        text = sample.decode("cp874")
    except UnicodeDecodeError:
        raise ImportFileError(_("ไฟล์ไม่ได้เข้ารหัสแบบ UTF-8: โปรดบันทึกเป็น “CSV UTF-8”")) from None
    if not any(ord(char) in _THAI for char in text):
        raise ImportFileError(_("ไฟล์ไม่ได้เข้ารหัสแบบ UTF-8: โปรดบันทึกเป็น “CSV UTF-8”"))
    return "cp874", _("ไฟล์เข้ารหัสแบบ TIS-620/Windows-874 (ไม่ใช่ UTF-8): อ่านเป็นภาษาไทยให้แล้ว ตรวจดูว่าข้อความถูกต้อง")


def _cell(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value if isinstance(value, list) else str(value)


@dataclass
class DataFile:
    """One data file (CSV, XLSX or JSON Lines), opened anew for each pass by `opener`."""

    name: str
    opener: object  # () -> binary file object
    notices: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    encoding: str = "utf-8-sig"

    @property
    def kind(self) -> str:
        return PurePosixPath(self.name.lower()).suffix

    def prepare(self) -> None:
        """Read the header (and for a CSV, detect the encoding) before any row."""
        if self.kind == ".csv":
            with self.opener() as binary:
                encoding, notice = detect_encoding(binary.read(SNIFF_BYTES))
            self.encoding = encoding
            if notice:
                self.notices.append(notice)
            for _number, cells in self._csv_records():
                self.header = [normalise_header(cell) for cell in cells]
                break
        elif self.kind == ".xlsx":
            for _number, cells in self._xlsx_records():
                self.header = [normalise_header(cell) for cell in cells]
                break
        if self.kind in (".csv", ".xlsx") and not any(self.header):
            raise ImportFileError(_("ไฟล์ว่าง: ไม่พบแถวหัวตาราง"))

    def _csv_records(self) -> Iterator[tuple[int, list[str]]]:
        with self.opener() as binary:
            text = io.TextIOWrapper(binary, encoding=self.encoding, newline="")
            reader = csv.reader(text)
            number = 0
            try:
                for number, cells in enumerate(reader, start=1):  # noqa: B007 - read after the loop on error
                    yield number, cells
            except UnicodeDecodeError:
                raise ImportFileError(_("แถว %(row)s: ข้อความไม่ได้เข้ารหัสแบบ UTF-8 โปรดบันทึกเป็น “CSV UTF-8”") % {"row": number + 1}) from None
            except csv.Error as error:
                raise ImportFileError(_("แถว %(row)s: อ่าน CSV ไม่ได้ (%(error)s)") % {"row": number + 1, "error": error}) from None

    def _xlsx_records(self) -> Iterator[tuple[int, list[object]]]:
        import openpyxl

        with self.opener() as binary:
            check_xlsx(binary)
            binary.seek(0)
            try:
                workbook = openpyxl.load_workbook(binary, read_only=True, data_only=True)
            except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
                raise ImportFileError(_("อ่านไฟล์ Excel ไม่ได้: %(error)s") % {"error": error}) from None
            try:
                sheet = workbook.worksheets[0]
                for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                    yield number, [_cell(cell) for cell in cells]
            finally:
                workbook.close()

    def rows(self) -> Iterator[Row]:
        if self.kind == ".csv":
            records = self._csv_records()
        elif self.kind == ".xlsx":
            records = self._xlsx_records()
        else:
            yield from self._jsonl_rows()
            return
        for number, cells in records:
            if number == 1:
                continue
            if not any(str(cell).strip() for cell in cells):
                continue  # blank lines at the end of a sheet
            # A cell the portal's own export quoted (portal.spreadsheets) reads back as it was.
            cells = [unquote_cell(cell) if isinstance(cell, str) else cell for cell in cells]
            values = {name: cells[index] if index < len(cells) else "" for index, name in enumerate(self.header) if name}
            yield Row(number=number, values=values)

    def _jsonl_rows(self) -> Iterator[Row]:
        with self.opener() as binary:
            for number, line in enumerate(binary, start=1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line.decode("utf-8-sig"))
                except UnicodeDecodeError:
                    yield Row(number=number, values={}, error=_("ข้อความไม่ได้เข้ารหัสแบบ UTF-8"))
                    continue
                except json.JSONDecodeError as error:
                    yield Row(number=number, values={}, error=_("JSON ไม่ถูกต้อง: %(error)s") % {"error": error.msg})
                    continue
                if not isinstance(data, dict):
                    yield Row(number=number, values={}, error=_("แต่ละบรรทัดต้องเป็น JSON object"))
                    continue
                yield Row(number=number, values={normalise_header(key): _cell(value) for key, value in data.items()})


def check_archive(members: list[zipfile.ZipInfo], total_limit: str, what: str) -> None:
    """Refuse an archive from its central directory alone, before anything is decompressed:
    too much in all, or a member that inflates like a bomb. zipfile never returns more than a
    member's declared size (a member that inflates further fails its CRC check), so the
    declared sizes are a bound on what reading can cost."""
    total = sum(info.file_size for info in members)
    if total > limit(total_limit):
        raise ImportFileError(
            _("%(what)s: ขนาดเมื่อแตกไฟล์รวม %(size)s เกินขีดจำกัด %(limit)s")
            % {"what": what, "size": filesizeformat(total), "limit": filesizeformat(limit(total_limit))}
        )
    ratio = limit("IMPORT_MAX_COMPRESSION_RATIO")
    for info in members:
        if info.file_size > RATIO_CHECKED_ABOVE and info.file_size > ratio * max(info.compress_size, 1):
            raise ImportFileError(
                _("%(what)s: “%(name)s” ถูกบีบอัดมากผิดปกติ (เกิน %(ratio)s เท่า) จึงไม่เปิด")
                % {"what": what, "name": info.filename[:100], "ratio": ratio}
            )


def check_xlsx(binary: IO[bytes]) -> None:
    """An XLSX is a ZIP: its size once unpacked and its shared-strings part (which openpyxl
    loads whole, even read-only) are checked from the central directory before openpyxl
    opens it."""
    try:
        with zipfile.ZipFile(binary) as workbook:
            members = workbook.infolist()
    except (zipfile.BadZipFile, OSError):
        raise ImportFileError(_("อ่านไฟล์ Excel ไม่ได้: ไม่ใช่ไฟล์ XLSX")) from None
    check_archive(members, "IMPORT_XLSX_MAX_UNCOMPRESSED", _("ไฟล์ Excel"))
    shared = sum(info.file_size for info in members if info.filename.lower().endswith("sharedstrings.xml"))
    if shared > limit("IMPORT_XLSX_MAX_SHARED_STRINGS"):
        raise ImportFileError(
            _("ไฟล์ Excel: ข้อความในตาราง (shared strings) %(size)s เกินขีดจำกัด %(limit)s แบ่งไฟล์ให้เล็กลงหรือใช้ CSV")
            % {"size": filesizeformat(shared), "limit": filesizeformat(limit("IMPORT_XLSX_MAX_SHARED_STRINGS"))}
        )


@dataclass
class MediaCopy:
    """A picture or document of a ZIP, copied to a temporary file in chunks (never held in
    memory whole), with its SHA-1 as Wagtail computes file_hash."""

    name: str
    file: IO[bytes]
    size: int
    sha1: str

    def uploaded(self) -> UploadedFile:
        """The copy as an upload, for Wagtail's own upload fields and models."""
        self.file.seek(0)
        return UploadedFile(file=self.file, name=self.name, size=self.size)

    def close(self) -> None:
        self.file.close()


class ImportSource:
    """A data file, and for a ZIP the other files in it, found by file name."""

    def __init__(self, path: Path | str, name: str | None = None):
        self.path = Path(path)
        self.name = name or self.path.name
        self.archive: zipfile.ZipFile | None = None
        self.media: dict[str, zipfile.ZipInfo] = {}
        self.duplicate_media: set[str] = set()
        suffix = PurePosixPath(self.name.lower()).suffix
        if suffix == ".zip":
            self.data = self._open_zip()
        elif suffix in DATA_EXTENSIONS:
            self.data = DataFile(name=self.name, opener=lambda: self.path.open("rb"))
        else:
            raise ImportFileError(_("ไม่รองรับไฟล์ชนิดนี้: ใช้ CSV, XLSX, JSON Lines (.jsonl) หรือ ZIP"))
        self.data.prepare()

    def _open_zip(self) -> DataFile:
        try:
            self.archive = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError):
            raise ImportFileError(_("ไฟล์ ZIP เสียหายหรือไม่ใช่ ZIP")) from None
        members = [info for info in self.archive.infolist() if not info.is_dir() and not info.filename.startswith("__MACOSX/")]
        check_archive(members, "IMPORT_ZIP_MAX_UNCOMPRESSED", _("ไฟล์ ZIP"))
        data_members = [info for info in members if PurePosixPath(info.filename.lower()).suffix in DATA_EXTENSIONS]
        if len(data_members) != 1:
            raise ImportFileError(_("ZIP ต้องมีไฟล์ข้อมูล (CSV, XLSX หรือ JSONL) หนึ่งไฟล์พอดี พบ %(count)s ไฟล์") % {"count": len(data_members)})
        data_member = data_members[0]
        for info in members:
            if info is data_member:
                continue
            base = PurePosixPath(info.filename).name
            if base in self.media:
                self.duplicate_media.add(base)
            self.media[base] = info
        archive = self.archive
        return DataFile(name=data_member.filename, opener=lambda: archive.open(data_member))

    @property
    def header(self) -> list[str]:
        return self.data.header

    @property
    def notices(self) -> list[str]:
        return self.data.notices

    def rows(self) -> Iterator[Row]:
        return self.data.rows()

    def media_size(self, name: str) -> int:
        """The member's size as the ZIP declares it: reading never yields more."""
        return self.media[name].file_size

    def copy_media(self, name: str) -> MediaCopy:
        """The member copied to a temporary file chunk by chunk; its size is bounded by the
        archive checks (declared size, total, compression ratio) made when it was opened."""
        assert self.archive is not None
        digest = hashlib.sha1(usedforsecurity=False)
        copy = tempfile.SpooledTemporaryFile(max_size=COPY_CHUNK)  # noqa: SIM115 - closed by MediaCopy.close
        size = 0
        with self.archive.open(self.media[name]) as stream:
            while chunk := stream.read(COPY_CHUNK):
                digest.update(chunk)
                copy.write(chunk)
                size += len(chunk)
        copy.seek(0)
        return MediaCopy(name=name, file=copy, size=size, sha1=digest.hexdigest())

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()

    def __enter__(self) -> ImportSource:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_source(path: Path | str, name: str | None, report: ImportReport) -> ImportSource | None:
    """The file to import, or None when it cannot be read, the reason written in `report`."""
    try:
        return ImportSource(path, name=name)
    except ImportFileError as error:
        report.error(None, None, str(error))
        return None
