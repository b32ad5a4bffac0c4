"""The editors' import page in the admin: editors upload and read the report; contributors
are refused."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from learning_centres.models import CaseStudyPage

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


def test_an_editor_dry_runs_then_imports(client, editor, centre_index, tmp_path):
    client.force_login(editor)
    path = write_csv(tmp_path / "cases.csv", [case_row()])
    response = upload(client, path, dry_run="on")
    assert response.status_code == 200 and "ไม่พบข้อผิดพลาด" in response.content.decode()
    assert not CaseStudyPage.objects.exists()

    response = upload(client, path, publish="on")
    assert response.status_code == 200
    page = CaseStudyPage.objects.get()
    assert page.live and page.latest_revision.user == editor


def test_the_report_lists_rows_and_reasons(client, editor, centre_index, tmp_path):
    client.force_login(editor)
    response = upload(client, write_csv(tmp_path / "cases.csv", [case_row(), case_row(external_id="X", focus_areas="ไม่มี")]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "<td>3</td><td>focus_areas</td>" in html and "ไม่รู้จัก “ไม่มี”" in html
    assert not CaseStudyPage.objects.exists()


def test_contributors_are_refused(client, contributor, tmp_path):
    client.force_login(contributor)
    # Wagtail's admin answers a permission refusal with a redirect to the dashboard and a message.
    refused = client.get(URL)
    assert (refused.status_code, refused.url) == (302, "/admin/")
    response = upload(client, write_csv(tmp_path / "cases.csv", [case_row()]))
    assert (response.status_code, response.url) == (302, "/admin/")
    assert URL not in client.get("/admin/").content.decode()
    assert not CaseStudyPage.objects.filter(external_id="KK-001").exists()
