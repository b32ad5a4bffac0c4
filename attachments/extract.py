"""Reading the text of one file, in a child process with its own memory and CPU limits.

`python -m attachments.extract LIMITS_JSON PATH` prints one JSON object on stdout:
{"kind": "pdf", "pages": ["text of page 1", …], "ocr_pages": [3], "truncated": false} or
{"error": CODE, "detail": "…"}. It imports no Django and trusts nothing in the file: a
corrupt, encrypted or bomb-like file ends in an error code (attachments.sandbox maps the codes
to messages for editors), and the limits set first thing (address space, CPU seconds) stop
anything the checks here miss. The parent adds a wall-clock limit and kills the whole process
group (pdftoppm and tesseract included) when it runs out.
"""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import subprocess  # nosec B404 - fixed Debian programs (pdftoppm, tesseract), no shell
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from typing import Any


class ExtractionError(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Limits:
    max_pages: int = 500  # a PDF with more pages is refused
    max_chars: int = 1_000_000  # text kept per file; the rest is dropped (truncated=True)
    max_unzipped_bytes: int = 200 * 1024 * 1024  # DOCX/XLSX/ODT/ODS: every member, uncompressed
    max_zip_ratio: int = 200  # a member that inflates more than this is a zip bomb
    max_zip_members: int = 10_000
    max_cells: int = 2_000_000  # XLSX/ODS cells read
    ocr: bool = True
    ocr_max_pages: int = 20  # scanned pages read by OCR per file
    ocr_dpi: int = 300
    ocr_languages: str = "tha+eng"
    min_text_chars: int = 16  # a PDF page with less text than this is treated as scanned


# --- formats -------------------------------------------------------------------------------


def kind_of(name: str, head: bytes) -> str:
    """The format by its first bytes, then its extension (an Office file is a zip either way)."""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and extension in ("docx", "xlsx", "odt", "ods"):
        return extension
    if extension in ("txt", "csv", "md") and b"\x00" not in head:
        return "txt"
    return "unsupported"


def check_zip(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a zip bomb before inflating anything: too many members, too much uncompressed
    data in total, or one member compressed far beyond what text ever is."""
    members = archive.infolist()
    if len(members) > limits.max_zip_members:
        raise ExtractionError("bomb", f"{len(members)} members")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > 1_000_000 and member.file_size > limits.max_zip_ratio * max(member.compress_size, 1):
            raise ExtractionError("bomb", f"{member.filename}: {member.file_size} bytes from {member.compress_size}")
    if total > limits.max_unzipped_bytes:
        raise ExtractionError("bomb", f"{total} bytes uncompressed")


def _open_zip(path: str, limits: Limits) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise ExtractionError("corrupt", str(error)) from error
    check_zip(archive, limits)
    return archive


def docx_pages(path: str, limits: Limits) -> list[str]:
    import docx  # python-docx

    with _open_zip(path, limits):
        pass
    document = docx.Document(path)
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return ["\n".join(line for line in lines if line.strip())]


def xlsx_pages(path: str, limits: Limits) -> list[str]:
    import openpyxl

    with _open_zip(path, limits):
        pass
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = 0
    sheets = []
    try:
        for sheet in workbook.worksheets:  # one "page" per sheet
            lines = []
            for row in sheet.iter_rows(values_only=True):
                cells += len(row)
                if cells > limits.max_cells:
                    raise ExtractionError("too_large", f"more than {limits.max_cells} cells")
                values = [str(value) for value in row if value is not None and str(value).strip()]
                if values:
                    lines.append(" ".join(values))
            sheets.append("\n".join([sheet.title, *lines]))
    finally:
        workbook.close()
    return sheets


_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def odf_pages(path: str, limits: Limits) -> list[str]:
    """ODT/ODS: the paragraphs (text:p, text:h) of content.xml, read with defusedxml (no
    entity expansion). A library for the whole format would add a dependency for a few lines."""
    from defusedxml import ElementTree

    with _open_zip(path, limits) as archive:
        try:
            content = archive.read("content.xml")
        except KeyError as error:
            raise ExtractionError("corrupt", "no content.xml") from error
    try:
        root = ElementTree.fromstring(content)
    except Exception as error:  # noqa: BLE001 - any parse failure is a corrupt file
        raise ExtractionError("corrupt", str(error)[:200]) from error
    pages = []
    tables = list(root.iter(f"{{{_ODF_TABLE}}}table"))
    if tables:  # a spreadsheet: one "page" per sheet
        for table in tables:
            lines = ["".join(paragraph.itertext()) for paragraph in table.iter(f"{{{_ODF_TEXT}}}p")]
            pages.append("\n".join([table.get(f"{{{_ODF_TABLE}}}name", ""), *filter(str.strip, lines)]))
        return pages
    lines = ["".join(node.itertext()) for node in root.iter() if node.tag in (f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h")]
    return ["\n".join(filter(str.strip, lines))]


def text_pages(path: str, limits: Limits) -> list[str]:
    with open(path, "rb") as handle:
        raw = handle.read(limits.max_chars * 4)
    for encoding in ("utf-8-sig", "cp874"):  # cp874: Thai Windows (TIS-620 and its extensions)
        try:
            return [raw.decode(encoding)]
        except UnicodeDecodeError:
            continue
    return [raw.decode("utf-8", errors="replace")]


def ocr_available() -> bool:
    return bool(shutil.which("pdftoppm") and shutil.which("tesseract"))


def ocr_page(path: str, number: int, limits: Limits) -> str:
    """One PDF page (1-based) rendered by poppler's pdftoppm in greyscale, cleared of scanner
    speckles (a 3×3 median filter: tesseract reads them as lines of stray letters), read by tesseract."""
    from PIL import Image, ImageFilter

    with tempfile.TemporaryDirectory(prefix="ocr-") as folder:
        prefix = os.path.join(folder, "page")
        subprocess.run(  # nosec B603 B607 - fixed program and arguments, no shell
            ["pdftoppm", "-gray", "-r", str(limits.ocr_dpi), "-f", str(number), "-l", str(number), "-singlefile", "-png", path, prefix],
            check=True,
            capture_output=True,
        )
        with Image.open(f"{prefix}.png") as image:
            image.filter(ImageFilter.MedianFilter(3)).save(f"{prefix}.png")
        # --psm 11 (sparse text): with a block layout (--psm 6) tesseract read Thai's marks
        # above the line as a line of their own, losing them from the words (character
        # accuracy 0.89 against 0.96 on tools/ocr_accuracy.py's test set).
        result = subprocess.run(  # nosec B603 B607
            ["tesseract", f"{prefix}.png", "stdout", "-l", limits.ocr_languages, "--psm", "11"],
            check=True,
            capture_output=True,
            # One thread: the worker shares its machine with the site.
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    return result.stdout.decode("utf-8", errors="replace")


def pdf_pages(path: str, limits: Limits) -> tuple[list[str], list[int]]:
    """The text layer of each page, and OCR of the pages that have none (page numbers 1-based)."""
    import pypdf
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

    try:
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted:
            # Many PDFs are encrypted with an empty user password (printing/copying rules only).
            try:
                if not reader.decrypt(""):
                    raise ExtractionError("encrypted")
            except (FileNotDecryptedError, NotImplementedError) as error:
                raise ExtractionError("encrypted", str(error)) from error
        count = len(reader.pages)
    except ExtractionError:
        raise
    except LimitReachedError as error:  # pypdf's own bounds on what a file may declare
        raise ExtractionError("too_large", str(error)[:300]) from error
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise ExtractionError("corrupt", f"{type(error).__name__}: {error}"[:300]) from error
    if count > limits.max_pages:
        raise ExtractionError("too_many_pages", str(count))
    pages: list[str] = []
    scanned: list[int] = []
    total = 0
    for index in range(count):
        try:
            text = reader.pages[index].extract_text() or ""
        except Exception:  # noqa: BLE001 - one unreadable page does not lose the others
            text = ""
        if len(text.strip()) < limits.min_text_chars:
            scanned.append(index + 1)
        pages.append(text)
        total += len(text)
        if total > limits.max_chars:
            break
    ocr_pages: list[int] = []
    if limits.ocr and scanned and ocr_available():
        for number in scanned[: limits.ocr_max_pages]:
            try:
                pages[number - 1] = normalise_ocr(ocr_page(path, number, limits))
            except subprocess.CalledProcessError:
                continue
            ocr_pages.append(number)
    return pages, ocr_pages


# --- Thai OCR output -----------------------------------------------------------------------

_THAI = "\u0e01-\u0e5b"
# Marks that sit above or below a consonant (never start a word): a space before one is noise.
_COMBINING = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_LEADING_VOWELS = "\u0e40-\u0e44"  # เ แ โ ใ ไ: written before their consonant
_TONES = "\u0e48-\u0e4b"
_BELOW_ABOVE_VOWELS = "\u0e31\u0e34-\u0e3a\u0e47"


def normalise_ocr(text: str) -> str:
    """Tesseract's Thai as a reader would have typed it: no space before a combining mark or
    after a leading vowel (OCR splits words there), a tone mark after the vowel mark it shares a
    consonant with (Unicode order: consonant, vowel, tone), sara am (ำ) as one character, and
    spaces between two Thai letters dropped when both sides are short fragments."""
    import re
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u0e4d\u0e32", "\u0e33")  # nikhahit + sara aa → sara am
    text = re.sub(f"[ \t]+(?=[{_COMBINING}])", "", text)
    text = re.sub(f"(?<=[{_LEADING_VOWELS}])[ \t]+(?=[{_THAI}])", "", text)
    # tone before an upper/lower vowel: swap into consonant + vowel + tone
    text = re.sub(f"([{_TONES}])([{_BELOW_ABOVE_VOWELS}])", r"\2\1", text)
    # a doubled mark (OCR reads one mark twice) is one mark
    text = re.sub(f"([{_COMBINING}])\\1+", r"\1", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return "\n".join(_join_fragments(line) for line in text.split("\n"))


def _thai_run(text: str, from_end: bool) -> int:
    """How many Thai characters `text` starts (or ends) with."""
    count = 0
    for char in reversed(text) if from_end else text:
        if not "\u0e01" <= char <= "\u0e5b":
            break
        count += 1
    return count


def _join_fragments(line: str) -> str:
    """Thai has no spaces inside a phrase; OCR leaves them between the letters of a word. A
    space with a Thai fragment of one or two characters on either side is such a stray space."""
    parts = line.split(" ")
    joined = [parts[0]]
    for part in parts[1:]:
        before = _thai_run(joined[-1], from_end=True)
        after = _thai_run(part, from_end=False)
        if before and after and (before <= 2 or after <= 2):
            joined[-1] += part
        else:
            joined.append(part)
    return " ".join(joined)


# --- the child process ---------------------------------------------------------------------


def extract(path: str, name: str, limits: Limits) -> dict[str, Any]:
    with open(path, "rb") as handle:
        head = handle.read(8)
    kind = kind_of(name, head)
    ocr_pages: list[int] = []
    if kind == "pdf":
        pages, ocr_pages = pdf_pages(path, limits)
    elif kind == "docx":
        pages = docx_pages(path, limits)
    elif kind == "xlsx":
        pages = xlsx_pages(path, limits)
    elif kind in ("odt", "ods"):
        pages = odf_pages(path, limits)
    elif kind == "txt":
        pages = text_pages(path, limits)
    else:
        raise ExtractionError("unsupported", os.path.splitext(name)[1].lower())
    kept, total, truncated = [], 0, False
    for page in pages:
        page = page.replace("\x00", "")
        if total + len(page) > limits.max_chars:
            page, truncated = page[: max(limits.max_chars - total, 0)], True
        kept.append(page)
        total += len(page)
    return {"kind": kind, "pages": kept, "ocr_pages": ocr_pages, "truncated": truncated or len(kept) < len(pages)}


def _limit_self(memory_bytes: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: list[str]) -> int:
    settings = json.loads(argv[1])
    _limit_self(settings.pop("memory_bytes"), settings.pop("cpu_seconds"))
    name = settings.pop("name")
    limits = Limits(**settings)
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8")
    try:
        result = extract(argv[2], name, limits)
    except ExtractionError as error:
        result = {"error": error.code, "detail": error.detail[:500]}
    except MemoryError:
        result = {"error": "memory"}
    except zipfile.BadZipFile as error:
        result = {"error": "corrupt", "detail": str(error)[:500]}
    except Exception as error:  # noqa: BLE001 - anything a hostile file causes is that file's error
        result = {"error": "corrupt", "detail": f"{type(error).__name__}: {error}"[:500]}
    out.write(json.dumps(result, ensure_ascii=False))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
