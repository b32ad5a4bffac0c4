"""Uploads through the real admin views: decompression bombs, oversized files, SVG and other
unlisted types are refused with a clear message; documents are always downloads."""

import io
import struct
import zlib

import pytest
from PIL import Image as PILImage

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

pytestmark = pytest.mark.django_db


def png_declaring(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of the given size: a few kilobytes of zeros on disk that would take
    width × height pixels of memory once decoded (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + packed bits
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def small_png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def add_image(client, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    data = {"title": "ภาพทดสอบ", "file": upload, "collection": Collection.get_first_root_node().pk}
    return client.post(reverse("wagtailimages:add"), data)


def add_document(client, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content)
    data = {"title": "เอกสารทดสอบ", "file": upload, "collection": Collection.get_first_root_node().pk}
    return client.post(reverse("wagtaildocs:add"), data)


def form_errors(response) -> str:
    return " ".join(str(error) for errors in response.context["form"].errors.values() for error in errors)


def test_limits_are_configured():
    assert 30_000_000 <= settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 50_000_000
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS and "svg" not in settings.WAGTAILDOCS_EXTENSIONS
    assert settings.WAGTAILDOCS_INLINE_CONTENT_TYPES == []


def test_an_ordinary_picture_is_accepted(admin_client):
    response = add_image(admin_client, "picture.png", small_png())
    assert response.status_code == 302
    image = Image.objects.get(title="ภาพทดสอบ")
    assert (image.width, image.height) == (40, 30)
    image.file.delete(save=False)


def test_a_decompression_bomb_is_refused(admin_client):
    # 64 megapixels: over our 40 MP limit, yet under both Pillow's and Wagtail's own defaults.
    bomb = png_declaring(8000, 8000)
    assert len(bomb) < 50_000
    response = add_image(admin_client, "bomb.png", bomb)
    assert response.status_code == 200
    assert "64000000" in form_errors(response).replace(",", "")
    assert not Image.objects.exists()


def test_a_decompression_bomb_is_refused_by_the_multiple_upload_view(admin_client):
    upload = SimpleUploadedFile("bomb.png", png_declaring(8000, 8000), content_type="image/png")
    response = admin_client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload})
    body = response.json()
    assert body["success"] is False and "64000000" in body["error_message"].replace(",", "")
    assert not Image.objects.exists()


def test_an_oversized_picture_is_refused(admin_client):
    too_big = small_png() + b"\x00" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = add_image(admin_client, "huge.png", too_big)
    assert response.status_code == 200
    assert "10.0" in form_errors(response)  # "… Maximum filesize 10.0 MB"
    assert not Image.objects.exists()


def test_svg_pictures_are_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = add_image(admin_client, "drawing.svg", svg)
    assert response.status_code == 200
    assert "PNG" in form_errors(response)  # lists the formats that are accepted
    assert not Image.objects.exists()


@pytest.mark.parametrize("name", ["page.svg", "page.html", "script.js", "run.exe"])
def test_documents_outside_the_allow_list_are_refused(admin_client, name):
    response = add_document(admin_client, name, b"<script>alert(1)</script>")
    assert response.status_code == 200
    assert form_errors(response)
    assert not Document.objects.exists()


def test_an_oversized_document_is_refused(admin_client):
    response = add_document(admin_client, "big.pdf", b"%PDF-1.4\n" + b"0" * settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
    assert response.status_code == 200
    assert "20.0" in form_errors(response)
    assert not Document.objects.exists()


def test_even_a_pdf_is_downloaded_not_shown_inline(admin_client, client):
    assert add_document(admin_client, "report.pdf", b"%PDF-1.4\n%%EOF\n").status_code == 302
    document = Document.objects.get()
    response = client.get(document.url)
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Content-Security-Policy"] == "default-src 'none'"
    document.file.delete(save=False)


def test_a_form_body_over_the_memory_limit_is_a_400_not_a_500(client, home_page):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "someone", "padding": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    )
    assert response.status_code == 400
