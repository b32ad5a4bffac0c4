"""Documents the project makes itself, in Thai with the portal's own font (Sarabun): the test
files, the demo's attachments and the OCR test set (tools/ocr_accuracy.py). A PDF with a
text layer (fpdf2), a scanned-looking PDF (Pillow: the text rasterised, a slight rotation and
noise, no text layer), a DOCX (python-docx) and an XLSX (openpyxl)."""

from __future__ import annotations

import io
import logging
import random
import tempfile
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

# fpdf2 subsets the font through fontTools, which logs every glyph at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_FOLDER = Path(__file__).resolve().parent.parent / "static" / "fonts" / "sarabun"
THAI_FONT = FONT_FOLDER / "sarabun-thai-400-normal.woff2"
LATIN_FONT = FONT_FOLDER / "sarabun-latin-400-normal.woff2"


@lru_cache(maxsize=4)
def ttf(font: Path) -> str:
    """The web font as a TrueType file (fpdf2 embeds TrueType only), converted once per process."""
    from fontTools.ttLib import TTFont

    target = Path(tempfile.gettempdir()) / f"portal-{font.stem}.ttf"
    if not target.exists():
        converted = TTFont(str(font))
        converted.flavor = None
        partial = target.with_suffix(".part")
        converted.save(str(partial))
        partial.replace(target)
    return str(target)


def text_pdf(pages: list[str]) -> bytes:
    """A PDF with a real text layer, one string per page."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("sarabun-thai", fname=ttf(THAI_FONT))
    pdf.add_font("sarabun-latin", fname=ttf(LATIN_FONT))
    pdf.set_font("sarabun-thai", size=16)
    pdf.set_fallback_fonts(["sarabun-latin"])
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 10, text)
    return bytes(pdf.output())


@lru_cache(maxsize=1)
def _thai_characters() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(THAI_FONT)).getBestCmap())


class _Fonts:
    """Sarabun comes as two web-font files (Thai, Latin): each run of text is drawn with the
    file that has its characters."""

    def __init__(self, size: int) -> None:
        self.thai = ImageFont.truetype(str(THAI_FONT), size)
        self.latin = ImageFont.truetype(str(LATIN_FONT), size)

    def runs(self, text: str) -> list[tuple[str, ImageFont.FreeTypeFont]]:
        runs: list[tuple[str, ImageFont.FreeTypeFont]] = []
        thai = _thai_characters()
        for char in text:
            font = self.thai if ord(char) in thai and not char.isspace() else self.latin
            if runs and runs[-1][1] is font:
                runs[-1] = (runs[-1][0] + char, font)
            else:
                runs.append((char, font))
        return runs

    def getlength(self, text: str) -> float:
        return sum(font.getlength(run) for run, font in self.runs(text))

    def draw(self, draw: ImageDraw.ImageDraw, x: float, y: float, text: str) -> None:
        for run, font in self.runs(text):
            draw.text((x, y), run, font=font, fill=20)
            x += font.getlength(run)


def page_image(text: str, *, width: int = 1240, size: int = 34, rotation: float = 0.0, noise: float = 0.0, seed: int = 0) -> Image.Image:
    """`text` on a white A4-wide page at 150 dpi, as a scanner might have seen it."""
    fonts = _Fonts(size)
    lines = _wrap(text, fonts, width - 160)
    height = max(400, 120 + len(lines) * int(size * 1.7))
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        fonts.draw(draw, 80, 80 + number * int(size * 1.7), line)
    randomness = random.Random(seed)  # noqa: S311  # nosec B311 - noise for a picture, not a secret
    if noise:
        pixels = image.load()
        for _ in range(int(width * height * noise)):
            x, y = randomness.randrange(width), randomness.randrange(height)
            pixels[x, y] = randomness.choice((0, 90, 160, 255))
        image = image.filter(ImageFilter.GaussianBlur(0.6))
    if rotation:
        image = image.rotate(rotation, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return image


def _wrap(text: str, font: _Fonts, width: int) -> list[str]:
    """Lines no wider than `width`, broken at spaces (Thai phrases are separated by spaces)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}".strip()
            if line and font.getlength(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def scanned_pdf(pages: list[str], *, rotation: float = 0.7, noise: float = 0.004, seed: int = 0) -> bytes:
    """A PDF of page images only: no text layer, as a scanner makes them."""
    images = [
        page_image(text, rotation=rotation * (1 if index % 2 else -1), noise=noise, seed=seed + index) for index, text in enumerate(pages)
    ]
    output = io.BytesIO()
    images[0].save(output, format="PDF", resolution=150, save_all=True, append_images=images[1:])
    return output.getvalue()


def docx_file(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def xlsx_file(rows: list[list]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
