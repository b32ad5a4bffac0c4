"""Reading import files row by row (CSV, XLSX, JSON Lines, or a ZIP carrying one of them
plus pictures and documents), never the whole file at once: a source can be read any
number of times (the importer validates in one pass and writes in a second)."""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING

from django.utils.translation import gettext as _

from portal.spreadsheets import unquote_cell

DATA_EXTENSIONS = (".csv", ".xlsx", ".jsonl", ".ndjson")
SNIFF_BYTES = 64 * 1024
MAX_ZIP_UNCOMPRESSED = 1024 * 1024 * 1024  # 1 GiB in all: a ZIP bomb stops here
_THAI = range(0x0E00, 0x0E80)


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
        if sum(info.file_size for info in members) > MAX_ZIP_UNCOMPRESSED:
            raise ImportFileError(_("ไฟล์ใน ZIP รวมกันใหญ่เกิน 1 GB"))
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

    def media_bytes(self, name: str) -> bytes:
        assert self.archive is not None
        return self.archive.read(self.media[name])

    def open_media(self, name: str) -> IO[bytes]:
        assert self.archive is not None
        return self.archive.open(self.media[name])

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
