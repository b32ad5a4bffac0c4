"""Thai OCR output as a reader would have typed it, before it is cut into words."""

import pytest

from attachments.extract import normalise_ocr


@pytest.mark.parametrize(
    ("ocr", "typed"),
    [
        ("ผู้สูงอา ยุ", "ผู้สูงอายุ"),  # a stray space inside a word
        ("ก ร ม", "กรม"),  # letters read one by one
        ("เ ด็ก", "เด็ก"),  # a space after a leading vowel
        ("สุ ขภาพ", "สุขภาพ"),
        ("ก\u0e48\u0e34น", "กิ่น"),  # tone mark before the vowel mark: swapped into Unicode order
        ("ท\u0e4d\u0e32งาน", "ทำงาน"),  # nikhahit + sara aa is sara am
        ("ชุมชน  บ้านหนองบัว", "ชุมชน บ้านหนองบัว"),  # a space between phrases stays, once
        ("report 2566", "report 2566"),  # Latin and digits untouched
    ],
)
def test_ocr_output_is_normalised(ocr, typed):
    assert normalise_ocr(ocr) == typed
