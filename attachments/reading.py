"""Reading a document's text: the file copied out of storage and hashed, read by a child
process (attachments.extract) under limits on size, memory, CPU and wall-clock time, and the
result stored in DocumentText. Nothing a file contains can fail the caller: every failure
becomes the document's status and error, shown to editors on the document."""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import signal
import subprocess  # nosec B404 - our own interpreter running our own module, no shell
import sys
import tempfile
import time
from dataclasses import asdict

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model

from thai.text import mark_words, segmenter_version

from .extract import Limits
from .models import DocumentText

logger = logging.getLogger(__name__)

# Sent (after the commit) when a document's stored text changed: search reindexes the pages
# that attach it.
text_changed = Signal()

MB = 1024 * 1024


def setting(name: str, default):
    return getattr(settings, f"ATTACHMENTS_{name}", default)


def limits() -> Limits:
    return Limits(
        max_pages=setting("MAX_PAGES", 500),
        max_chars=setting("MAX_CHARS", 1_000_000),
        ocr=setting("OCR", True),
        ocr_max_pages=setting("OCR_MAX_PAGES", 20),
    )


def indexed_chars() -> int:
    """Characters of a document's text that search indexes (the first ones): bounds the size
    of an index document and of the fallback's rows whatever the file holds."""
    return setting("INDEXED_CHARS", 200_000)


def marked_text(record: DocumentText) -> str:
    """The record's indexed text cut into words: stored by the worker, cut again here only
    if the segmenter changed since (then stored for next time)."""
    if record.marked_version == segmenter_version() or not record.pages:
        return record.marked if record.pages else ""
    record.marked, record.marked_version = mark_words(record.text()[: indexed_chars()]), segmenter_version()
    DocumentText.objects.filter(pk=record.pk).update(marked=record.marked, marked_version=record.marked_version)
    return record.marked


def error_message(code: str, detail: str = "") -> str:
    messages = {
        "encrypted": _("ไฟล์ถูกเข้ารหัสด้วยรหัสผ่าน จึงอ่านข้อความไม่ได้"),
        "corrupt": _("ไฟล์เสียหรือไม่ตรงกับชนิดไฟล์ จึงอ่านข้อความไม่ได้"),
        "too_many_pages": _("ไฟล์มีหน้ามากเกินไป: อ่านได้ไม่เกิน %(limit)s หน้า") % {"limit": limits().max_pages},
        "too_large": _("ไฟล์ใหญ่เกินไป: อ่านได้ไม่เกิน %(limit)s MB") % {"limit": setting("MAX_BYTES", 50 * MB) // MB},
        "bomb": _("ไฟล์บีบอัดผิดปกติ: ขยายออกแล้วใหญ่เกินกำหนด"),
        "timeout": _("อ่านไฟล์นานเกินกำหนด (%(seconds)s วินาที)") % {"seconds": setting("MAX_SECONDS", 120)},
        "memory": _("อ่านไฟล์แล้วใช้หน่วยความจำเกินกำหนด"),
        "unsupported": _("ไม่รองรับชนิดไฟล์นี้ (อ่านได้: PDF, DOCX, XLSX, ODT, ODS และไฟล์ข้อความ)"),
        "missing": _("ไม่พบไฟล์ในที่เก็บ"),
    }
    message = messages.get(code, _("อ่านไฟล์ไม่สำเร็จ"))
    return f"{message} ({detail})" if detail else message


def _copy_and_hash(document, folder: str) -> tuple[str | None, str, int]:
    """(path of a private copy, SHA-256, size); no path when the file is over the size limit
    (the hash is still taken, so the same oversized file is not read again)."""
    # The original extension kept: openpyxl, for one, judges a file by it.
    path = os.path.join(folder, "file" + os.path.splitext(document.file.name)[1].lower()[:10])
    digest = hashlib.sha256()
    size = 0
    limit = setting("MAX_BYTES", 50 * MB)
    with document.file.open("rb") as source, open(path, "wb") as copy:
        while chunk := source.read(MB):
            digest.update(chunk)
            size += len(chunk)
            if size <= limit:
                copy.write(chunk)
    return (path if size <= limit else None), digest.hexdigest(), size


def run_child(path: str, name: str) -> dict:
    """attachments.extract in a child process: its own session (so a timeout kills pdftoppm
    and tesseract too), its own memory and CPU limits."""
    seconds = setting("MAX_SECONDS", 120)
    arguments = {
        **asdict(limits()),
        "name": name,
        "memory_bytes": setting("MAX_MEMORY_MB", 1024) * MB,
        "cpu_seconds": max(1, math.ceil(seconds)),
    }
    process = subprocess.Popen(  # nosec B603 - our interpreter, our module, a JSON argument
        [sys.executable, "-m", "attachments.extract", json.dumps(arguments), path],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        cwd=settings.BASE_DIR,
    )
    try:
        out, err = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return {"error": "timeout"}
    if process.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return {"error": "timeout"}
    try:
        return json.loads(out.decode("utf-8"))
    except ValueError:
        # A crash in a C extension, most often on the memory limit.
        detail = err.decode("utf-8", errors="replace").strip().splitlines()[-1:] or [f"exit {process.returncode}"]
        return {"error": "memory" if "MemoryError" in err.decode("utf-8", "replace") else "corrupt", "detail": detail[0][:300]}


def read_document(document_id: int, *, force: bool = False) -> DocumentText | None:
    """Read (or re-read, when the file changed or `force`) one document's text and store it.
    Returns the stored row, or None when the document no longer exists."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return None
    record = DocumentText.objects.filter(document=document).first()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="attachment-") as folder:
        try:
            path, digest, size = _copy_and_hash(document, folder)
        except (FileNotFoundError, OSError) as error:
            path, digest, result = None, "", {"error": "missing", "detail": str(error)[:300]}
        else:
            if record and record.file_hash == digest and record.status != DocumentText.Status.PENDING and not force:
                return record  # the same file: never read twice
            result = {"error": "too_large", "detail": f"{size // MB} MB"} if path is None else run_child(path, document.file.name)
    code = result.get("error", "")
    status = (
        DocumentText.Status.DONE if not code else DocumentText.Status.UNSUPPORTED if code == "unsupported" else DocumentText.Status.FAILED
    )
    before = (record.pages, record.status) if record else None
    values = {
        "file_hash": digest,
        "status": status,
        "error": code,
        "detail": result.get("detail", ""),
        "kind": result.get("kind", ""),
        "pages": result.get("pages", []),
        "ocr_pages": result.get("ocr_pages", []),
        "truncated": result.get("truncated", False),
        "marked": mark_words("\n".join(result.get("pages", []))[: indexed_chars()]) if result.get("pages") else "",
        "marked_version": segmenter_version(),
        "seconds": round(time.monotonic() - started, 3),
        "extracted_at": timezone.now(),
    }
    with transaction.atomic():
        record, _created = DocumentText.objects.update_or_create(document=document, defaults=values)
        if before != (record.pages, record.status):
            transaction.on_commit(lambda: text_changed.send_robust(sender=DocumentText, document_id=document_id))
    if code:
        logger.info("Document %s: text not read (%s %s)", document_id, code, values["detail"])
    return record
