"""What one import file may cost: an XLSX or a ZIP is refused from its central directory
(too much unpacked, a shared-strings part openpyxl would load whole, a member that inflates
like a bomb) before anything is decompressed, with a message naming the limit; pictures and
documents in a ZIP are streamed and pass exactly the admin upload's checks, each refusal
reported with its row number."""

import io
import os
import zipfile

import openpyxl
import pytest
from PIL import Image as PILImage

from django.template.defaultfilters import filesizeformat

from wagtail.images import get_image_model

from open_data.importing import sources
from open_data.importing.case_studies import import_case_studies
from tests.portal.test_uploads import png_declaring

from .conftest import case_row, write_csv

pytestmark = pytest.mark.django_db
MiB = 1024 * 1024


def write_bomb_member(archive: zipfile.ZipFile, name: str, size: int, unit: bytes = b"<si><t>a</t></si>") -> None:
    """A member of `size` bytes once unpacked, a few dozen KiB on disk, written in chunks."""
    chunk = unit * (MiB // len(unit))
    with archive.open(name, "w", force_zip64=True) as member:
        for _ in range(size // len(chunk)):
            member.write(chunk)


def bomb_xlsx(path, shared_strings: int = 100 * MiB):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        write_bomb_member(archive, "xl/sharedStrings.xml", shared_strings)
    assert path.stat().st_size < MiB
    return path


@pytest.fixture
def openpyxl_calls(monkeypatch):
    """Records every openpyxl.load_workbook call (a spy: the real function still runs)."""
    calls = []
    real = openpyxl.load_workbook

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    return calls


def file_errors(report) -> str:
    return " ".join(error.message for error in report.errors if error.row is None)


def test_an_xlsx_bomb_is_refused_before_openpyxl_opens_it(centre_index, tmp_path, openpyxl_calls):
    report = import_case_studies(bomb_xlsx(tmp_path / "cases.xlsx"), dry_run=True)
    assert not report.ok and "100 เท่า" in file_errors(report)
    assert openpyxl_calls == []


def test_an_xlsx_shared_strings_part_over_its_cap_is_refused_naming_the_cap(centre_index, tmp_path, settings, openpyxl_calls):
    settings.IMPORT_MAX_COMPRESSION_RATIO = 10**6  # let the shared-strings cap speak
    report = import_case_studies(bomb_xlsx(tmp_path / "cases.xlsx", 64 * MiB), dry_run=True)
    assert "shared strings" in file_errors(report) and filesizeformat(settings.IMPORT_XLSX_MAX_SHARED_STRINGS) in file_errors(report)
    assert openpyxl_calls == []


def test_an_xlsx_over_its_unpacked_size_is_refused_naming_the_cap(centre_index, tmp_path, settings, openpyxl_calls):
    settings.IMPORT_MAX_COMPRESSION_RATIO = 10**6
    settings.IMPORT_XLSX_MAX_UNCOMPRESSED = 32 * MiB
    report = import_case_studies(bomb_xlsx(tmp_path / "cases.xlsx", 48 * MiB), dry_run=True)
    assert filesizeformat(32 * MiB) in file_errors(report) and "shared strings" not in file_errors(report)
    assert openpyxl_calls == []


def test_a_real_workbook_is_read_under_the_caps_and_refused_over_them(centre_index, tmp_path, settings):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    row = case_row()
    sheet.append(list(row))
    sheet.append(list(row.values()))
    for number in range(20_000):
        sheet.append([f"ข้อความที่ไม่ซ้ำกันลำดับที่ {number:06d} สำหรับทดสอบ"])
    workbook.save(tmp_path / "cases.xlsx")
    assert not file_errors(import_case_studies(tmp_path / "cases.xlsx", dry_run=True))
    settings.IMPORT_XLSX_MAX_UNCOMPRESSED = MiB  # its sheet is 3.8 MB unpacked
    assert filesizeformat(MiB) in file_errors(import_case_studies(tmp_path / "cases.xlsx", dry_run=True))


def zip_with(tmp_path, rows, files: dict[str, bytes], bombs: dict[str, int] | None = None):
    path = tmp_path / "cases.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(write_csv(tmp_path / "data.csv", rows), "data.csv")
        for name, content in files.items():
            archive.writestr(f"files/{name}", content)
        for name, size in (bombs or {}).items():
            write_bomb_member(archive, f"files/{name}", size, unit=b"\x00")
    return path


def test_a_zip_member_that_inflates_like_a_bomb_is_refused_before_reading(centre_index, tmp_path):
    path = zip_with(tmp_path, [case_row(documents="huge.pdf")], {}, bombs={"huge.pdf": 200 * MiB})
    assert path.stat().st_size < MiB
    report = import_case_studies(path, dry_run=True)
    assert "“files/huge.pdf”" in file_errors(report) and "100 เท่า" in file_errors(report)


def test_a_zip_over_its_unpacked_total_is_refused_naming_the_cap(centre_index, tmp_path, settings):
    settings.IMPORT_MAX_COMPRESSION_RATIO = 10**6
    settings.IMPORT_ZIP_MAX_UNCOMPRESSED = 64 * MiB
    report = import_case_studies(zip_with(tmp_path, [case_row()], {}, bombs={"a.pdf": 40 * MiB, "b.pdf": 40 * MiB}), dry_run=True)
    assert filesizeformat(64 * MiB) in file_errors(report)


def test_media_are_copied_in_chunks_never_read_whole(centre_index, tmp_path, monkeypatch):
    path = zip_with(tmp_path, [case_row(images="visit.png")], {"visit.png": png(40, 30)})
    monkeypatch.setattr(sources, "COPY_CHUNK", 64)
    monkeypatch.setattr(zipfile.ZipFile, "read", None)  # reading a member whole would now fail
    report = import_case_studies(path, publish=True)
    assert report.ok, str(report)
    assert get_image_model().objects.get().width == 40


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 100, 50)).save(buffer, format="PNG")
    return buffer.getvalue()


def row_errors(report) -> list[tuple]:
    return [(error.row, error.column, error.message) for error in report.errors]


def test_an_image_over_the_upload_size_is_refused_with_its_row(centre_index, tmp_path, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2 * MiB  # the admin upload's own setting
    big = png(40, 30) + os.urandom(3 * MiB)  # random, so it does not look like a bomb
    report = import_case_studies(zip_with(tmp_path, [case_row(), case_row(external_id="KK-2", images="big.png")], {"big.png": big}))
    [(row, column, message)] = row_errors(report)
    assert (row, column) == (3, "images") and filesizeformat(2 * MiB) in message
    assert not get_image_model().objects.exists()


def test_an_image_with_too_many_pixels_is_refused_with_its_row(centre_index, tmp_path, settings):
    report = import_case_studies(zip_with(tmp_path, [case_row(images="wide.png")], {"wide.png": png_declaring(8000, 6000)}))
    [(row, column, message)] = row_errors(report)
    assert (row, column) == (2, "images") and str(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS) in message


def test_an_image_whose_content_does_not_match_its_extension_is_refused(centre_index, tmp_path):
    report = import_case_studies(zip_with(tmp_path, [case_row(images="photo.jpg")], {"photo.jpg": png(40, 30)}))
    [(row, column, message)] = row_errors(report)
    assert (row, column) == (2, "images") and "png" in message.lower()


def test_a_document_over_the_upload_size_is_refused_with_its_row(centre_index, tmp_path, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    report = import_case_studies(zip_with(tmp_path, [case_row(documents="manual.pdf")], {"manual.pdf": b"%PDF-1.4\n" + os.urandom(2000)}))
    [(row, column, message)] = row_errors(report)
    assert (row, column) == (2, "documents") and filesizeformat(1000) in message


def test_a_document_type_the_admin_refuses_is_refused(centre_index, tmp_path, settings):
    settings.WAGTAILDOCS_EXTENSIONS = ["pdf"]  # the model's own extension check reads it
    report = import_case_studies(zip_with(tmp_path, [case_row(documents="notes.txt")], {"notes.txt": b"hello"}))
    assert [(row, column) for row, column, _message in row_errors(report)] == [(2, "documents")]
