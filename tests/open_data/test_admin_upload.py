"""The editors' import page in the admin: editors upload, the import runs in the background
(the immediate task backend in tests, `db_worker` in production), and its report is kept on
a page of its own; oversized uploads are refused; contributors are refused."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat

from learning_centres.models import CaseStudyPage
from open_data.models import ImportRun

from .conftest import case_row, write_csv

pytestmark = pytest.mark.django_db
URL = "/admin/open-data/import/"


def upload(client, path, **data):
    return client.post(URL, {"kind": "case_studies", "file": SimpleUploadedFile(path.name, path.read_bytes()), **data})


def test_an_editor_sees_the_menu_item_and_the_form(client, editor, centre_index):
    client.force_login(editor)
    assert URL in client.get("/admin/").content.decode()
    response = client.get(URL)
    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()


def test_the_page_offers_a_template_and_the_column_guide_and_the_template_imports(client, editor, centre_index, tmp_path):
    client.force_login(editor)
    html = client.get(URL).content.decode()
    assert f'href="{URL}template/case_studies.csv"' in html and f'href="{URL}template/laos.csv"' in html
    assert "<code>focus_areas</code>" in html and "ด้านตามบันทึกความร่วมมือ คั่นด้วย ;" in html
    assert "docs/open-data.md" not in html  # the guide is on the page, not in the repository

    template = client.get(f"{URL}template/case_studies.csv")
    assert template["Content-Type"] == "text/csv; charset=utf-8"
    header = template.content.decode("utf-8-sig").strip().split(",")
    assert {"external_id", "title", "centre", "focus_areas"} <= set(header) and "url" not in header  # export-only columns left out
    # Filled in as a spreadsheet program would, the template is a valid import file.
    path = write_csv(tmp_path / "filled.csv", [case_row()], columns=header)
    upload(client, path, publish="on")
    assert CaseStudyPage.objects.get().live
    assert client.get(f"{URL}template/nothing.csv").status_code == 404


def test_contributors_cannot_download_the_template(client, contributor):
    client.force_login(contributor)
    refused = client.get(f"{URL}template/case_studies.csv")
    assert (refused.status_code, refused.url) == (302, "/admin/")


def test_an_editor_dry_runs_then_imports_in_the_background(client, editor, centre_index, tmp_path):
    client.force_login(editor)
    path = write_csv(tmp_path / "cases.csv", [case_row()])
    response = upload(client, path, dry_run="on")
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == f"{URL}{run.pk}/"
    assert (run.status, run.user, run.file_name, run.dry_run, run.stored_file) == ("succeeded", editor, "cases.csv", True, "")
    assert "ไม่พบข้อผิดพลาด" in client.get(response.url).content.decode()
    assert not CaseStudyPage.objects.exists()

    response = upload(client, path, publish="on")
    page = CaseStudyPage.objects.get()
    assert page.live and page.latest_revision.user == editor
    assert ImportRun.objects.first().report["counts"] == {"created": 1, "centres_created": 1, "laos_created": 1}


def test_the_kept_report_lists_rows_and_reasons_and_the_import_page_lists_the_runs(client, editor, centre_index, tmp_path, settings):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    client.force_login(editor)
    response = upload(client, write_csv(tmp_path / "cases.csv", [case_row(), case_row(external_id="X", focus_areas="ไม่มี")]))
    run = ImportRun.objects.get()
    assert run.status == "failed" and run.report["errors"][0]["row"] == 3
    html = client.get(response.url).content.decode()
    assert "<td>3</td><td>focus_areas</td>" in html and "ไม่รู้จัก “ไม่มี”" in html
    assert not CaseStudyPage.objects.exists()
    assert f'href="{URL}{run.pk}/"' in client.get(URL).content.decode()
    assert not any(settings.IMPORT_UPLOAD_DIR.iterdir())  # the stored upload is removed once read


def test_an_upload_over_the_limit_is_refused_with_the_limit_named(client, editor, centre_index, tmp_path, settings):
    settings.IMPORT_MAX_UPLOAD_SIZE = 1000
    client.force_login(editor)
    response = upload(client, write_csv(tmp_path / "cases.csv", [case_row()] * 20))
    assert response.status_code == 400
    assert filesizeformat(1000) in response.content.decode()
    assert not ImportRun.objects.exists()


def test_contributors_are_refused(client, contributor, tmp_path):
    client.force_login(contributor)
    # Wagtail's admin answers a permission refusal with a redirect to the dashboard and a message.
    refused = client.get(URL)
    assert (refused.status_code, refused.url) == (302, "/admin/")
    response = upload(client, write_csv(tmp_path / "cases.csv", [case_row()]))
    assert (response.status_code, response.url) == (302, "/admin/")
    assert URL not in client.get("/admin/").content.decode()
    assert not CaseStudyPage.objects.filter(external_id="KK-001").exists()
    assert not ImportRun.objects.exists()


def test_contributors_cannot_read_a_kept_report(client, editor, contributor, centre_index, tmp_path):
    client.force_login(editor)
    upload(client, write_csv(tmp_path / "cases.csv", [case_row()]), dry_run="on")
    client.force_login(contributor)
    response = client.get(f"{URL}{ImportRun.objects.get().pk}/")
    assert (response.status_code, response.url) == (302, "/admin/")
