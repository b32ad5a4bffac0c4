"""import_case_studies: every row is checked first; a file with any invalid row writes
nothing and says which rows are wrong and why; a valid file creates (or, by external id,
updates) case studies, their centres and LAOs, through the normal publish path."""

import io
import zipfile

import openpyxl
import pytest
from PIL import Image as PILImage

from django.core.management import CommandError, call_command

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from learning_centres.models import CaseStudyPage, LearningCentrePage, LocalAdministrativeOrganisation
from open_data.importing.case_studies import import_case_studies
from search.models import FallbackDocument

from .conftest import case_row, write_csv, write_jsonl

pytestmark = pytest.mark.django_db


def nothing_written() -> bool:
    return (
        not CaseStudyPage.objects.exists()
        and not LearningCentrePage.objects.exists()
        and not LocalAdministrativeOrganisation.objects.exists()
    )


def messages(report) -> list[tuple]:
    return [(error.row, error.column) for error in report.errors]


def test_a_valid_file_creates_the_case_study_its_centre_and_its_lao(centre_index, tmp_path):
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [case_row()]), publish=True)

    assert report.ok and report.written, str(report)
    page = CaseStudyPage.objects.get(external_id="KK-001")
    assert page.live and page.year == 2023  # 2566 BE
    assert page.budget_baht == 150000
    assert set(page.focus_areas.values_list("slug", flat=True)) == {"community-welfare", "community-health-care"}
    assert set(page.keywords.names()) == {"ธนาคารเวลา", "อาสาสมัคร"}
    assert page.context_and_problem == "<p>ผู้สูงอายุติดเตียงไม่มีผู้ดูแลในเวลากลางวัน</p>"
    assert "<b>ทุกสัปดาห์</b>" in page.results
    centre = page.get_parent().specific
    assert (centre.title, centre.centre_type, centre.province_id, centre.district.name_th) == (
        "ศูนย์เรียนรู้ผู้สูงอายุบ้านทดสอบ",
        "elderly_care",
        "40",
        "เมืองขอนแก่น",
    )
    assert centre.live and centre.lao.lao_type == "subdistrict_municipality"
    assert report.counts == {"created": 1, "centres_created": 1, "laos_created": 1}


def test_published_imports_reach_the_search_through_the_publish_path(centre_index, tmp_path):
    import_case_studies(write_csv(tmp_path / "cases.csv", [case_row()]), publish=True)
    page = CaseStudyPage.objects.get(external_id="KK-001")
    assert FallbackDocument.objects.filter(page_id=page.pk).exists()
    assert page.revisions.count() == 1


def test_without_publish_pages_are_drafts(centre_index, tmp_path):
    import_case_studies(write_csv(tmp_path / "cases.csv", [case_row()]))
    page = CaseStudyPage.objects.get(external_id="KK-001")
    assert not page.live and page.has_unpublished_changes


def test_rows_for_an_existing_centre_need_only_its_title(centre, tmp_path):
    row = case_row(centre=centre.title, centre_type="", lao="", lao_type="", province="", district="")
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [row]), publish=True)
    assert report.ok, str(report)
    assert CaseStudyPage.objects.get().get_parent().pk == centre.pk


def test_an_existing_centre_is_matched_by_its_thai_original_not_its_english_copy(site_tree, tmp_path):
    centre = site_tree["centre"]
    assert LearningCentrePage.objects.filter(title=centre.title).count() == 2  # Thai and its English alias
    row = case_row(centre=centre.title, centre_type="", lao="", lao_type="", province="", district="")
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [row]), publish=True)
    assert report.ok, str(report)
    assert CaseStudyPage.objects.get(external_id="KK-001").get_parent().pk == centre.pk


def test_a_dry_run_reports_and_writes_nothing(centre_index, tmp_path):
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [case_row()]), dry_run=True)
    assert report.ok and not report.written
    assert report.counts["created"] == 1
    assert nothing_written()


def test_reimport_by_external_id_updates_instead_of_duplicating(centre_index, tmp_path):
    import_case_studies(write_csv(tmp_path / "first.csv", [case_row()]), publish=True)
    report = import_case_studies(write_csv(tmp_path / "second.csv", [case_row(title="ธนาคารเวลา ฉบับปรับปรุง", year_be="๒๕๖๗")]), publish=True)

    assert report.ok and report.counts == {"updated": 1}, str(report)
    page = CaseStudyPage.objects.get()
    assert (page.title, page.year) == ("ธนาคารเวลา ฉบับปรับปรุง", 2024)
    assert LearningCentrePage.objects.count() == 1


def test_rows_are_reported_with_numbers_and_reasons_and_nothing_is_written(centre_index, tmp_path):
    rows = [
        case_row(),  # row 2: fine
        case_row(external_id="KK-002", focus_areas="ด้านที่ไม่มีจริง"),  # row 3
        case_row(external_id="KK-003", year_be="๒๕ก๗"),  # row 4: not a year (Thai digits with a letter)
        case_row(external_id="KK-004", year_be="3100"),  # row 5: out of range
        case_row(external_id="KK-001"),  # row 6: duplicate id of row 2
        case_row(external_id="KK-006", province="แอตแลนติส"),  # row 7
        case_row(external_id="KK-007", budget_baht="มาก"),  # row 8
    ]
    report = import_case_studies(write_csv(tmp_path / "cases.csv", rows), publish=True)

    assert not report.ok and not report.written
    assert messages(report) == [
        (3, "focus_areas"),
        (4, "year_be"),
        (5, "year_be"),
        (6, "external_id"),
        (7, "province"),
        (8, "budget_baht"),
    ]
    assert "ด้านที่ไม่มีจริง" in report.errors[0].message
    assert "แถว 2" in report.errors[3].message
    assert nothing_written()


def test_thai_digit_and_ce_years_are_accepted(centre_index, tmp_path):
    rows = [
        case_row(external_id="A", year_be="๒๕๖๐"),
        case_row(external_id="B", year_be="2019"),
        case_row(external_id="C", year_be="พ.ศ. 2555"),
    ]
    report = import_case_studies(write_csv(tmp_path / "cases.csv", rows), publish=True)
    assert report.ok, str(report)
    assert dict(CaseStudyPage.objects.values_list("external_id", "year")) == {"A": 2017, "B": 2019, "C": 2012}


def test_missing_columns_are_named(centre_index, tmp_path):
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [case_row()], columns=["external_id", "title", "centre"]))
    assert not report.ok
    assert report.errors[0].row == 1
    assert all(name in report.errors[0].message for name in ("summary", "year_be", "focus_areas"))
    assert nothing_written()


def test_a_tis620_file_from_thai_windows_is_read_as_thai(centre_index, tmp_path):
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [case_row(budget_baht="150,000")], encoding="cp874"), publish=True)
    assert report.ok, str(report)
    assert any("TIS-620" in notice for notice in report.notices)
    assert CaseStudyPage.objects.get().title == "ธนาคารเวลาดูแลผู้สูงอายุติดเตียง"


def test_a_utf16_file_is_refused_with_a_clear_message(centre_index, tmp_path):
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [case_row()], encoding="utf-16"))
    assert not report.ok
    assert "UTF-16" in report.errors[0].message and "CSV UTF-8" in report.errors[0].message
    assert nothing_written()


def test_a_new_centre_needs_its_type_lao_and_province(centre_index, tmp_path):
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [case_row(centre_type="", lao_type="", province="")]))
    assert {column for _row, column in messages(report)} == {"centre_type", "province"}
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [case_row(lao_type="")]))
    assert messages(report) == [(2, "lao_type")]
    assert nothing_written()


def test_a_district_outside_the_province_is_refused(centre_index, tmp_path):
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [case_row(district="หาดใหญ่")]))
    assert messages(report) == [(2, "district")]


def test_json_lines_with_lists_and_a_broken_line(centre_index, tmp_path):
    good = case_row(focus_areas=["community-welfare", "Community health care"], keywords=["ธนาคารเวลา"])
    path = write_jsonl(tmp_path / "cases.jsonl", [good])
    with path.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    report = import_case_studies(path)
    assert messages(report) == [(2, None)]
    assert nothing_written()

    report = import_case_studies(write_jsonl(tmp_path / "ok.jsonl", [good]), publish=True)
    assert report.ok, str(report)
    assert CaseStudyPage.objects.get().focus_areas.count() == 2


def test_xlsx_with_numbers_in_cells(centre_index, tmp_path):
    row = case_row(year_be=2566, budget_baht=150000)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(row))
    sheet.append(list(row.values()))
    workbook.save(tmp_path / "cases.xlsx")

    report = import_case_studies(tmp_path / "cases.xlsx", publish=True)
    assert report.ok, str(report)
    assert CaseStudyPage.objects.get().budget_baht == 150000


def _picture() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 100, 50)).save(buffer, format="PNG")
    return buffer.getvalue()


def _zip(tmp_path, rows, files: dict[str, bytes]):
    path = tmp_path / "cases.zip"
    data = io.StringIO()
    write_csv(tmp_path / "data.csv", rows)
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(tmp_path / "data.csv", "export/data.csv")
        for name, content in files.items():
            archive.writestr(f"export/files/{name}", content)
    del data
    return path


def test_a_zip_carries_pictures_and_documents_named_in_rows(centre_index, tmp_path):
    path = _zip(tmp_path, [case_row(images="visit.png", documents="manual.pdf")], {"visit.png": _picture(), "manual.pdf": b"%PDF-1.4 test"})
    report = import_case_studies(path, publish=True)
    assert report.ok, str(report)
    page = CaseStudyPage.objects.get()
    assert page.gallery_images.get().image.width == 40
    assert page.documents.get().document.file_extension == "pdf"


def test_missing_or_broken_media_are_reported_before_any_file_is_stored(centre_index, tmp_path, settings):
    path = _zip(tmp_path, [case_row(images="missing.png;broken.png")], {"broken.png": b"not a picture"})
    report = import_case_studies(path, publish=True)
    assert messages(report) == [(2, "images"), (2, "images")]
    assert not get_image_model().objects.exists()
    assert nothing_written()


def test_a_failure_while_writing_rolls_back_and_removes_stored_files(centre_index, tmp_path, monkeypatch):
    from open_data.importing import case_studies

    path = _zip(tmp_path, [case_row(images="visit.png"), case_row(external_id="KK-002")], {"visit.png": _picture()})
    original = case_studies.CaseStudyWriter.write
    calls = []

    def fail_on_second_row(self, row, existing_pk):
        calls.append(row.number)
        if len(calls) == 2:
            raise RuntimeError("disk full")  # a fault we cannot cause for real mid-transaction
        return original(self, row, existing_pk)

    monkeypatch.setattr(case_studies.CaseStudyWriter, "write", fail_on_second_row)
    stored = []
    real_remove = case_studies.MediaFiles.remove_written

    def remember(self):
        stored.extend(self.written)
        real_remove(self)

    monkeypatch.setattr(case_studies.MediaFiles, "remove_written", remember)
    report = import_case_studies(path, publish=True)

    assert not report.ok and "disk full" in str(report)
    assert nothing_written() and not get_image_model().objects.exists() and not get_document_model().objects.exists()
    assert stored and all(not storage.exists(name) for storage, name in stored)


def test_images_need_a_zip(centre_index, tmp_path):
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [case_row(images="a.jpg")]))
    assert messages(report) == [(2, "images")]


def test_an_unsupported_file_type_is_refused(centre_index, tmp_path):
    (tmp_path / "cases.txt").write_text("hello")
    report = import_case_studies(tmp_path / "cases.txt")
    assert not report.ok and "CSV" in report.errors[0].message


def test_the_command_prints_the_report_and_fails_on_errors(centre_index, tmp_path, capsys):
    bad = write_csv(tmp_path / "bad.csv", [case_row(focus_areas="ไม่มี")])
    with pytest.raises(CommandError):
        call_command("import_case_studies", str(bad), "--dry-run", "--no-progress")
    assert "แถว 2 [focus_areas]" in capsys.readouterr().out

    good = write_csv(tmp_path / "good.csv", [case_row()])
    call_command("import_case_studies", str(good), "--publish")
    captured = capsys.readouterr()
    assert "บันทึก [" in captured.err  # the progress bar
    assert CaseStudyPage.objects.get().live


def test_ten_thousand_rows_are_checked_in_bounded_memory(centre_index, tmp_path):
    """Rows are streamed, never held: checking 10,000 rows peaks at a few MiB of Python
    allocations (2.3 MiB measured; tools/measure_import_memory.py), far below the file."""
    import tracemalloc

    from tools.measure_import_memory import write_rows

    path = tmp_path / "rows.csv"
    write_rows(path, 10_000)
    tracemalloc.start()
    report = import_case_studies(path, dry_run=True)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert report.ok and report.rows == 10_000, str(report)
    assert peak < 16 * 2**20
    assert peak < path.stat().st_size


def test_the_centre_profile_columns_set_a_new_centre_and_update_an_existing_one(centre, centre_index, tmp_path):
    new = case_row(centre_older_people_served="๑,๒๔๐", centre_opening_days="5;1,3", centre_latitude="16.4419", centre_longitude="102.8360")
    existing = case_row(
        external_id="KK-002",
        centre=centre.title,
        centre_type="",
        lao="",
        lao_type="",
        province="",
        district="",
        centre_volunteer_count="45",
    )
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [new, existing]), publish=True)
    assert report.ok, str(report)
    created = LearningCentrePage.objects.get(title=new["centre"])
    assert (created.older_people_served, created.opening_days, str(created.latitude)) == (1240, "1,3,5", "16.441900")
    centre.refresh_from_db()
    assert centre.volunteer_count == 45 and centre.live and not centre.has_unpublished_changes
    assert report.counts["centres_updated"] == 1


@pytest.mark.parametrize(
    ("profile", "column"),
    [
        ({"centre_children_enrolled": "30"}, "centre_children_enrolled"),  # an elderly-care centre's row
        ({"centre_staff_count": "มาก"}, "centre_staff_count"),
        ({"centre_latitude": "40.5", "centre_longitude": "100.5"}, "centre_latitude"),  # outside Thailand
        ({"centre_latitude": "16.4"}, "centre_latitude"),  # half a pair
        ({"centre_opening_days": "1,8"}, "centre_opening_days"),
    ],
)
def test_bad_centre_profile_values_are_reported_by_row_and_column(centre_index, tmp_path, profile, column):
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [case_row(), case_row(external_id="KK-009", **profile)]), publish=True)
    assert (3, column) in messages(report)
    assert nothing_written()


def test_one_centre_described_two_ways_is_refused(centre_index, tmp_path):
    rows = [case_row(centre_staff_count="4"), case_row(external_id="KK-002", centre_staff_count="5")]
    report = import_case_studies(write_csv(tmp_path / "cases.csv", rows), publish=True)
    assert (3, "centre") in messages(report)
