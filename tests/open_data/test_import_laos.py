"""import_laos: the LAO registry from a CSV, checked against the provinces and districts."""

import pytest

from django.core.management import CommandError, call_command

from learning_centres.models import LocalAdministrativeOrganisation
from open_data.importing.laos import import_laos
from tests.learning_centres.factories import LAOFactory

from .conftest import write_csv

pytestmark = pytest.mark.django_db


def lao(**overrides) -> dict:
    row = {"code": "5500101", "name": "เทศบาลตำบลทดลองน่าน", "name_en": "", "type": "เทศบาลตำบล", "province": "น่าน", "district": "เมืองน่าน"}
    row.update(overrides)
    return row


def test_valid_rows_create_laos_in_their_province_and_district(tmp_path):
    rows = [lao(), lao(code="๕๕๐๐๑๐๒", name="อบต.ทดลอง", type="อบต.", province="55", district="")]
    report = import_laos(write_csv(tmp_path / "laos.csv", rows))
    assert report.ok and report.counts == {"created": 2}, str(report)
    first = LocalAdministrativeOrganisation.objects.get(code="5500101")
    assert (first.lao_type, first.province_id, first.district.name_th) == ("subdistrict_municipality", "55", "เมืองน่าน")
    assert LocalAdministrativeOrganisation.objects.get(code="5500102").lao_type == "sao"


def test_lao_types_and_names_may_be_abbreviated_as_on_the_visit_form(tmp_path):
    from exchange.forms import find_laos

    rows = [
        lao(name="ทต.ทดลอง", type="ทต."),
        lao(code="5500102", name="ทม ทดลอง", type="ทม"),
        lao(code="5500103", name="ทดลอง", type="ทน."),
    ]
    report = import_laos(write_csv(tmp_path / "laos.csv", rows))
    assert report.ok, str(report)
    stored = dict(LocalAdministrativeOrganisation.objects.values_list("code", "lao_type"))
    assert stored == {"5500101": "subdistrict_municipality", "5500102": "town_municipality", "5500103": "city_municipality"}
    assert LocalAdministrativeOrganisation.objects.get(code="5500101").name_th == "เทศบาลตำบลทดลอง"
    assert [found.code for found in find_laos("ทต.ทดลอง")] == ["5500101"]


def test_reimport_updates_by_code_and_gives_a_known_lao_its_code(tmp_path):
    existing = LAOFactory(name_th="เทศบาลตำบลทดลองน่าน", code=None, province_id="55")
    report = import_laos(write_csv(tmp_path / "laos.csv", [lao(name_en="Test Nan")]))
    assert report.counts == {"updated": 1}, str(report)
    existing.refresh_from_db()
    assert (existing.code, existing.name_en) == ("5500101", "Test Nan")


def test_invalid_rows_are_reported_and_nothing_is_written(tmp_path):
    rows = [
        lao(),
        lao(code="2", province="ไม่มีจังหวัดนี้"),
        lao(code="3", name="อื่น", district="หาดใหญ่"),  # a district of Songkhla, not Nan
        lao(code="4", name="อีก", type="สภาตำบล"),
        lao(name="ซ้ำรหัส"),
    ]
    report = import_laos(write_csv(tmp_path / "laos.csv", rows))
    assert [(error.row, error.column) for error in report.errors] == [(3, "province"), (4, "district"), (5, "type"), (6, "code")]
    assert not LocalAdministrativeOrganisation.objects.exists()


def test_missing_columns(tmp_path):
    report = import_laos(write_csv(tmp_path / "laos.csv", [lao()], columns=["code", "name"]))
    assert not report.ok and "type" in report.errors[0].message and "province" in report.errors[0].message


def test_the_command(tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("import_laos", str(write_csv(tmp_path / "bad.csv", [lao(type="")])))
    assert "แถว 2 [type]" in capsys.readouterr().out
    call_command("import_laos", str(write_csv(tmp_path / "good.csv", [lao()])))
    assert LocalAdministrativeOrganisation.objects.filter(code="5500101").exists()
