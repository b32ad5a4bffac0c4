"""How well the worker's OCR reads scanned Thai: a test set the project builds itself.

Paragraphs of the demo case studies (home/demo/case_studies/*.json) are rendered with the
portal's own font (Sarabun) into scanned-looking PDFs (attachments.samples.scanned_pdf:
rasterised at 150 dpi, rotated ±0.7°, speckled, blurred, no text layer), read back through
the worker's own path (attachments.extract: pdftoppm + tesseract, then normalise_ocr), and
compared with the text that was drawn. Character accuracy = 1 − Levenshtein distance / length,
with all whitespace removed first (Thai marks phrases with spaces that OCR places freely).

    .venv/bin/python tools/ocr_accuracy.py [--pages 12] [--noise 0.004] [--rotation 0.7]

Needs Debian's tesseract-ocr, tesseract-ocr-tha and poppler-utils (`make ocr`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from attachments import samples  # noqa: E402
from attachments.extract import Limits, normalise_ocr, ocr_available, ocr_page  # noqa: E402


def paragraphs(count: int) -> list[str]:
    """`count` paragraphs of 150–400 characters from the demo case studies, in a fixed order."""
    found: list[str] = []
    for path in sorted((ROOT / "home" / "demo" / "case_studies").glob("*.json")):
        sections = json.loads(path.read_text(encoding="utf-8"))["sections"]
        for text in sections.values():
            for paragraph in text.split("\n\n"):
                paragraph = re.sub(r"^- ", "", paragraph.strip(), flags=re.MULTILINE).replace("\n", " ")
                if 150 <= len(paragraph) <= 400:
                    found.append(paragraph)
                    break
        if len(found) >= count:
            break
    return found[:count]


def accuracy(truth: str, read: str) -> float:
    truth, read = re.sub(r"\s+", "", truth), re.sub(r"\s+", "", read)
    return 1 - Levenshtein.distance(truth, read) / max(len(truth), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--noise", type=float, default=0.004)
    parser.add_argument("--rotation", type=float, default=0.7)
    args = parser.parse_args()
    if not ocr_available():
        print("OCR is not installed: make ocr (Debian's tesseract-ocr tesseract-ocr-tha poppler-utils)", file=sys.stderr)
        return 1
    limits = Limits()
    raw_scores, scores, seconds, characters = [], [], 0.0, 0
    with tempfile.TemporaryDirectory() as folder:
        for number, text in enumerate(paragraphs(args.pages)):
            path = Path(folder) / f"scan-{number}.pdf"
            path.write_bytes(samples.scanned_pdf([text], rotation=args.rotation, noise=args.noise, seed=number))
            started = time.perf_counter()
            raw = ocr_page(str(path), 1, limits)
            seconds += time.perf_counter() - started
            raw_scores.append(accuracy(text, raw))
            scores.append(accuracy(text, normalise_ocr(raw)))
            characters += len(text)
            print(f"page {number + 1:2}: {len(text):3} characters, accuracy {raw_scores[-1]:.3f} raw, {scores[-1]:.3f} normalised")
    pages = len(scores)
    print(
        f"\n{pages} pages, {characters} characters (noise {args.noise}, rotation ±{args.rotation}°): "
        f"mean character accuracy {sum(raw_scores) / pages:.3f} raw, {sum(scores) / pages:.3f} normalised; "
        f"worst page {min(scores):.3f}; {seconds / pages:.1f} s per page"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
