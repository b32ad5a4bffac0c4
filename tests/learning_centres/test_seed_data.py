"""What the data migrations put in every database."""

from collections import Counter

import pytest

from django.db.models import ProtectedError
from django.urls import reverse

from learning_centres.models import District, FocusArea, FundingSource, Province, TargetGroup
from learning_centres.taxonomy_data import FOCUS_AREAS


@pytest.mark.django_db
class TestGeography:
    def test_all_77_provinces_with_official_codes(self):
        assert Province.objects.count() == 77
        bangkok = Province.objects.get(code="10")
        assert (bangkok.name_th, bangkok.name_en) == ("กรุงเทพมหานคร", "Bangkok")

    def test_every_province_sits_in_one_of_six_regions(self):
        regions = Counter(Province.objects.values_list("region", flat=True))
        assert regions == {"central": 22, "northeast": 20, "south": 14, "north": 9, "east": 7, "west": 5}
        assert Province.objects.get(name_th="เชียงใหม่").region == "north"
        assert Province.objects.get(name_th="สงขลา").region == "south"

    def test_all_928_districts_belong_to_their_province(self):
        assert District.objects.count() == 928
        district = District.objects.get(code="5001")
        assert district.name_th == "เมืองเชียงใหม่"
        assert district.province_id == "50"


@pytest.mark.django_db
class TestVocabularies:
    def test_the_eight_basic_areas_with_stable_slugs(self):
        assert list(FocusArea.objects.originals().values_list("slug", flat=True)) == [term.slug for term in FOCUS_AREAS]
        assert FocusArea.objects.originals().get(slug="disaster-management").name_th == "ด้านการจัดการภัยพิบัติโดยชุมชนท้องถิ่น"

    def test_target_groups_and_funding_sources_are_seeded(self):
        assert TargetGroup.objects.originals().filter(slug="bedridden_elderly").exists()
        assert FundingSource.objects.originals().get(slug="local_health_fund").name_th == "กองทุนหลักประกันสุขภาพระดับท้องถิ่น"

    def test_a_focus_area_cannot_be_deleted_in_code(self):
        with pytest.raises(ProtectedError):
            FocusArea.objects.originals().first().delete()
        assert FocusArea.objects.originals().count() == 8

    def test_not_even_a_superuser_can_delete_one_in_the_admin(self, admin_client):
        area = FocusArea.objects.originals().get(slug="sustainable-agriculture")
        url = reverse("wagtailsnippets_learning_centres_focusarea:delete", args=[area.pk])
        response = admin_client.post(url)
        assert response.status_code in (302, 403)
        assert FocusArea.objects.originals().filter(pk=area.pk).exists()

    def test_editors_can_rename_a_focus_area(self, admin_client):
        area = FocusArea.objects.originals().get(slug="sustainable-agriculture")
        url = reverse("wagtailsnippets_learning_centres_focusarea:edit", args=[area.pk])
        response = admin_client.post(url, {"label": "ด้านเกษตรกรรมยั่งยืน (แก้ไข)", "description": ""})
        assert response.status_code == 302
        area.refresh_from_db()
        assert area.name_th.endswith("(แก้ไข)")
