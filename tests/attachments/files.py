"""Bad files made on the spot: each one a kind of trouble an uploaded document can bring."""

import io
import zipfile

from pypdf import PdfWriter

from attachments import samples


def encrypted_pdf(password: str = "secret") -> bytes:  # noqa: S107 - a test file's password
    writer = PdfWriter(clone_from=io.BytesIO(samples.text_pdf(["เอกสารลับเฉพาะ"])))
    writer.encrypt(user_password=password, owner_password=password)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def corrupt_pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a pdf at all\n%%EOF"


def many_pages_pdf(pages: int = 100_000) -> bytes:
    """A small file that claims a huge number of pages: every page is the same object."""
    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    page = writer.pages[0]
    for _ in range(pages - 1):
        writer.add_page(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def docx_zip_bomb(inflated: int = 64 * 1024 * 1024) -> bytes:
    """A DOCX whose document.xml inflates from a few hundred kB to `inflated` bytes."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b" " * (1024 * 1024)
            for _ in range(inflated // len(block)):
                member.write(block)
    return output.getvalue()
