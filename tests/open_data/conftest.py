"""Helpers for the open-data tests: import files written on the fly, editors and
contributors, and the search engine fixture of the search tests."""

import csv
import json
from pathlib import Path

import pytest

from django.contrib.auth import get_user_model

from learning_centres.roles import add_contributor
from tests.search.conftest import index_now, search_engine  # noqa: F401 - fixtures shared with the search tests

User = get_user_model()


def case_row(**overrides) -> dict:
    """A valid row that names a centre and an LAO not yet in the portal."""
    row = {
        "external_id": "KK-001",
        "title": "ธนาคารเวลาดูแลผู้สูงอายุติดเตียง",
        "summary": "อาสาสมัครในตำบลสะสมเวลาดูแลผู้สูงอายุ แล้วใช้เวลานั้นเมื่อตนเองต้องการการดูแล",
        "year_be": "2566",
        "centre": "ศูนย์เรียนรู้ผู้สูงอายุบ้านทดสอบ",
        "centre_type": "elderly_care",
        "lao": "เทศบาลตำบลบ้านทดสอบ",
        "lao_type": "เทศบาลตำบล",
        "province": "ขอนแก่น",
        "district": "เมืองขอนแก่น",
        "focus_areas": "community-welfare;ด้านการดูแลสุขภาพโดยชุมชน",
        "keywords": "ธนาคารเวลา;อาสาสมัคร",
        "budget_baht": "๑๕๐,๐๐๐",
        "context_and_problem": "ผู้สูงอายุติดเตียงไม่มีผู้ดูแลในเวลากลางวัน",
        "results": "<p>ผู้สูงอายุได้รับการเยี่ยม <b>ทุกสัปดาห์</b></p>",
    }
    row.update(overrides)
    return row


def write_csv(path: Path, rows: list[dict], columns: list[str] | None = None, encoding: str = "utf-8-sig") -> Path:
    columns = columns or list(dict.fromkeys(name for row in rows for name in row))
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def contributor(centre):
    user = User.objects.create_user("somsri", password="pw")
    add_contributor(user, centre)
    return user
