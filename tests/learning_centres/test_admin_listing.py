"""The admin's flat list of case studies filters by centre type, focus area and province."""

import pytest

from django.urls import reverse

from learning_centres.models import CentreType, Province

from .factories import CaseStudyPageFactory, LAOFactory, LearningCentrePageFactory


@pytest.fixture
def two_centres(centre_index):
    elderly = LearningCentrePageFactory(parent=centre_index, centre_type=CentreType.ELDERLY_CARE)
    songkhla = LAOFactory(province=Province.objects.get(code="90"))
    child = LearningCentrePageFactory(parent=centre_index, centre_type=CentreType.CHILD_DEVELOPMENT, lao=songkhla)
    return (
        CaseStudyPageFactory(parent=elderly, title="ผู้สูงอายุติดเตียง", focus_areas=["community-health-care"]),
        CaseStudyPageFactory(parent=child, title="แปรงฟันหลังอาหาร", focus_areas=["child-youth-learning"]),
    )


def listed_titles(client, **params) -> set[str]:
    response = client.get(reverse("case_studies:index"), params)
    assert response.status_code == 200
    return {page.title for page in response.context["pages"]}


@pytest.mark.django_db
class TestCaseStudyListing:
    def test_lists_all_case_studies(self, admin_client, two_centres):
        assert listed_titles(admin_client) == {"ผู้สูงอายุติดเตียง", "แปรงฟันหลังอาหาร"}

    def test_filters_by_centre_type(self, admin_client, two_centres):
        assert listed_titles(admin_client, centre_type="child_development") == {"แปรงฟันหลังอาหาร"}

    def test_filters_by_focus_area(self, admin_client, two_centres):
        from learning_centres.models import FocusArea

        area = FocusArea.objects.originals().get(slug="community-health-care")
        assert listed_titles(admin_client, focus_areas=area.pk) == {"ผู้สูงอายุติดเตียง"}

    def test_filters_by_province(self, admin_client, two_centres):
        assert listed_titles(admin_client, province="90") == {"แปรงฟันหลังอาหาร"}

    def test_admin_speaks_thai_by_default(self, admin_client, two_centres):
        response = admin_client.get(reverse("case_studies:index"))
        assert 'lang="th"' in response.content.decode()
        assert "ประเภทศูนย์" in response.content.decode()
