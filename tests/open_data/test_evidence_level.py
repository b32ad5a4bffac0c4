"""The evidence level and the LAOs that adopted a case, in the API, the exports and imports."""

import pytest

from exchange.models import VisitFeedback, VisitRequest, VisitStatus
from learning_centres.models import CaseStudyPage, EvidenceLevel
from open_data.importing.case_studies import import_case_studies
from open_data.records import records
from tests.learning_centres.factories import CaseStudyPageFactory, LAOFactory, LearningCentrePageFactory

from .conftest import case_row, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(centre_index, home_page):
    centre = LearningCentrePageFactory(parent=centre_index)
    case = CaseStudyPageFactory(parent=centre, title="ธนาคารเวลา", evidence_level=EvidenceLevel.ADOPTED)
    for page in (centre, case):
        page.save_revision().publish()
    lao = LAOFactory(name_th="เทศบาลตำบลบ้านใหม่", code="5012345")
    visit = VisitRequest.objects.create(
        centre=centre, lao=lao, organisation=lao.name_th, contact_name="ก", group_size=5, preferred_date="2025-01-10",
        purpose="ดูงาน", status=VisitStatus.COMPLETED, consent_at="2025-01-01T00:00:00Z",
    )  # fmt: skip
    feedback = VisitFeedback.objects.create(request=visit, rating=5, approved=True)
    feedback.adopted_case_studies.add(case)
    return case


def test_the_api_gives_the_level_with_both_names_and_the_adopting_laos(client, adopted):
    data = client.get(f"/api/v2/pages/{adopted.pk}/").json()
    assert data["evidence_level"] == {"level": 5, "name_th": "อปท. อื่นนำไปใช้", "name_en": "Adopted by other LAOs"}
    [adoption] = data["adopted_by"]
    assert (adoption["lao"], adoption["lao_code"]) == ("เทศบาลตำบลบ้านใหม่", "5012345")
    listing = client.get("/api/v2/pages/", {"type": "learning_centres.CaseStudyPage"}).json()
    assert listing["items"][0]["evidence_level"]["level"] == 5


def test_an_export_record_carries_the_level_and_the_adopting_laos(adopted):
    [record] = records([adopted.pk])
    assert (record["evidence_level"], record["adopted_by"]) == (5, "เทศบาลตำบลบ้านใหม่")


@pytest.mark.parametrize(("given", "stored"), [("4", 4), ("๓", 3), ("Measured results", 3), ("ปฏิบัติจริง", 2), ("", 2)])
def test_import_reads_a_number_or_a_name_and_empty_is_the_default(centre_index, tmp_path, given, stored):
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [case_row(evidence_level=given)]), publish=True)
    assert report.ok, str(report)
    assert CaseStudyPage.objects.get(external_id="KK-001").evidence_level == stored


def test_an_empty_level_on_reimport_keeps_the_editors_level(centre_index, tmp_path):
    import_case_studies(write_csv(tmp_path / "a.csv", [case_row(evidence_level="4")]), publish=True)
    import_case_studies(write_csv(tmp_path / "b.csv", [case_row(evidence_level="")]), publish=True)
    assert CaseStudyPage.objects.get(external_id="KK-001").evidence_level == 4


def test_an_unknown_level_is_refused_and_nothing_is_written(centre_index, tmp_path):
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [case_row(evidence_level="6")]), publish=True)
    assert not report.ok
    assert [(error.row, error.column) for error in report.errors] == [(2, "evidence_level")]
    assert not CaseStudyPage.objects.exists()
