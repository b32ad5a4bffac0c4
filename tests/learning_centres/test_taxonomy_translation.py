"""The vocabularies are translated through Wagtail's i18n: each Thai term is the original that
case studies, facets and URLs point to; its English name is a Wagtail translation of it, made
and edited in the admin like any translatable snippet."""

import pytest

from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale

from learning_centres.models import CaseStudyPage, FocusArea, FundingSource, TargetGroup
from learning_centres.models.taxonomy import labels
from learning_centres.taxonomy_data import FOCUS_AREAS, FUNDING_SOURCES, TARGET_GROUPS

pytestmark = pytest.mark.django_db

VOCABULARIES = [(FocusArea, FOCUS_AREAS), (TargetGroup, TARGET_GROUPS), (FundingSource, FUNDING_SOURCES)]


@pytest.mark.parametrize(("model", "terms"), VOCABULARIES, ids=lambda v: getattr(v, "__name__", ""))
def test_every_seeded_term_is_a_thai_original_with_an_english_translation(model, terms):
    english = Locale.objects.get(language_code="en")
    originals = model.objects.originals()
    assert [term.slug for term in originals] == [term.slug for term in terms]
    for original, seeded in zip(originals, terms, strict=True):
        assert original.locale.language_code == "th" and original.label == seeded.name_th
        translation_ = original.get_translation(english)
        assert (translation_.label, translation_.slug) == (seeded.name_en, seeded.slug)
        assert (original.name_th, original.name_en) == (seeded.name_th, seeded.name_en)
        assert (translation_.name_th, translation_.name_en) == (seeded.name_th, seeded.name_en)


def test_name_follows_the_active_language_and_falls_back_to_thai():
    area = FocusArea.objects.originals().get(slug="community-health-care")
    assert area.name == "ด้านการดูแลสุขภาพโดยชุมชน"
    with translation.override("en"):
        assert area.name == "Community health care"
    FocusArea.objects.filter(translation_key=area.translation_key, locale__language_code="en").update(label="")
    labels.clear()  # another process renamed it
    with translation.override("en"):
        assert area.name == "ด้านการดูแลสุขภาพโดยชุมชน"


def test_case_studies_can_only_point_at_the_originals():
    form = CaseStudyPage.get_edit_handler().get_form_class()()
    for field, count in (("focus_areas", 8), ("target_groups", TargetGroup.objects.originals().count())):
        choices = form.fields[field].queryset
        assert choices.count() == count
        assert set(choices.values_list("locale__language_code", flat=True)) == {"th"}


def test_editing_the_english_translation_in_the_admin_renames_it_in_the_english_interface_only(admin_client, client, site_tree):
    area = FocusArea.objects.originals().get(slug="community-health-care")
    english = area.get_translation(Locale.objects.get(language_code="en"))
    url = reverse("wagtailsnippets_learning_centres_focusarea:edit", args=[english.pk])
    response = admin_client.post(url, {"label": "Health care by the community", "description": ""})
    assert response.status_code == 302

    english_page = client.get("/en/case-studies/").content.decode()
    assert "Health care by the community" in english_page and "Community health care" not in english_page
    thai_page = client.get("/case-studies/").content.decode()
    assert "ด้านการดูแลสุขภาพโดยชุมชน" in thai_page and "Health care by the community" not in thai_page
    assert FocusArea.objects.originals().get(pk=area.pk).label == "ด้านการดูแลสุขภาพโดยชุมชน"


def test_a_new_term_is_translated_with_wagtails_translate_action(admin_client):
    thai, english = Locale.objects.get(language_code="th"), Locale.objects.get(language_code="en")
    group = TargetGroup.objects.create(slug="farmers", label="เกษตรกร", locale=thai, sort_order=99)
    assert group.name_en == ""

    submit = reverse("simple_translation:submit_snippet_translation", args=["learning_centres", "targetgroup", group.pk])
    assert admin_client.post(submit, {"locales": [english.pk]}).status_code == 302
    copy = group.get_translation(english)
    assert (copy.slug, copy.label) == ("farmers", "เกษตรกร")  # a copy until an editor translates it

    edit = reverse("wagtailsnippets_learning_centres_targetgroup:edit", args=[copy.pk])
    assert admin_client.post(edit, {"label": "Farmers"}).status_code == 302
    assert TargetGroup.objects.originals().get(slug="farmers").name_en == "Farmers"
    assert TargetGroup.objects.originals().filter(slug="farmers").count() == 1


def test_the_thai_and_english_rows_of_one_vocabulary_cannot_share_a_slug_twice_in_one_locale():
    from django.db import IntegrityError, transaction

    thai = Locale.objects.get(language_code="th")
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingSource.objects.create(slug="lao_budget", label="ซ้ำ", locale=thai)
