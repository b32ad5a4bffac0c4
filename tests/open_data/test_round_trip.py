"""What the portal exports, it can import: an export imported into an empty portal
reproduces the content."""

import pytest

from learning_centres.models import (
    CaseStudyPage,
    FocusArea,
    FundingSource,
    LearningCentrePage,
    LocalAdministrativeOrganisation,
    TargetGroup,
)
from open_data.importing.case_studies import import_case_studies
from tests.learning_centres.factories import CaseStudyPageFactory, LAOFactory, LearningCentrePageFactory

from .test_exports import csv_rows

pytestmark = pytest.mark.django_db
EXPORT_ONLY = {"page_id", "url", "first_published_at", "image_urls", "document_urls"}


def comparable(rows: list[dict]) -> list[dict]:
    return sorted(({key: value for key, value in row.items() if key not in EXPORT_ONLY} for row in rows), key=lambda row: row["title"])


def test_export_then_import_into_an_empty_portal_reproduces_the_content(client, centre_index, tmp_path):
    lao = LAOFactory(code="6400101", name_th="เทศบาลตำบลทดลองส่งออก")
    centre = LearningCentrePageFactory(
        parent=centre_index,
        title="ศูนย์ส่งออก",
        lao=lao,
        district_id="5001",
        older_people_served=1240,
        caregivers_trained=35,
        staff_count=4,
        volunteer_count=60,
        opening_days="1,2,3,4,5",
        latitude="18.788300",
        longitude="98.985300",
    )
    centre.save_revision().publish()
    child_centre = LearningCentrePageFactory(
        parent=centre_index,
        title="ศูนย์เด็กส่งออก",
        centre_type="child_development",
        children_enrolled=48,
        children_age_from=2,
        children_age_to=5,
        dla_standard_level=3,
    )
    child_centre.save_revision().publish()
    first = CaseStudyPageFactory(
        parent=centre,
        title="กรณีที่หนึ่ง",
        slug="first-case",
        external_id="EX-1",
        year=2019,
        budget_baht="125000.50",
        objectives="<p>ลดการพลัดตก</p><ul><li>เยี่ยมบ้าน</li></ul>",
        focus_areas=["community-health-care", "community-welfare"],
    )
    first.keywords.add("ผู้สูงอายุ", "เยี่ยมบ้าน")
    first.target_groups.set(TargetGroup.objects.originals()[:1])
    first.funding_sources.set(FundingSource.objects.originals()[:2])
    first.save()
    second = CaseStudyPageFactory(parent=child_centre, title="กรณีที่สอง", slug="second-case", focus_areas=["child-youth-learning"])
    for page in (first, second):
        page.save_revision().publish()

    body, before = csv_rows(client.get("/search/export.csv"))
    (tmp_path / "export.csv").write_bytes(body)

    # An empty portal: no case study, centre or LAO left.
    for page in LearningCentrePage.objects.all():
        page.delete()
    LocalAdministrativeOrganisation.objects.all().delete()
    assert not CaseStudyPage.objects.exists()

    report = import_case_studies(tmp_path / "export.csv", publish=True)
    assert report.ok, str(report)
    assert report.counts == {"created": 2, "centres_created": 2, "laos_created": 2}

    _body, after = csv_rows(client.get("/search/export.csv"))
    assert comparable(after) == comparable(before)
    imported = LearningCentrePage.objects.get(title="ศูนย์ส่งออก", locale__language_code="th")
    assert (imported.older_people_served, imported.opening_days, str(imported.latitude)) == (1240, "1,2,3,4,5", "18.788300")
    assert LearningCentrePage.objects.get(title="ศูนย์เด็กส่งออก", locale__language_code="th").dla_standard_level == 3
    assert FocusArea.objects.originals().count() == 8  # vocabularies are matched, never created
