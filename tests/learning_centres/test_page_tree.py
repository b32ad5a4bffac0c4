"""Where each page type may live."""

import pytest

from home.models import HomePage, StandardPage
from learning_centres.models import CaseStudyIndexPage, CaseStudyPage, CentreIndexPage, LearningCentrePage


@pytest.mark.django_db
class TestPageTree:
    def test_case_studies_live_only_under_a_learning_centre(self, home_page, centre_index, centre):
        assert CaseStudyPage.can_create_at(centre)
        assert not CaseStudyPage.can_create_at(home_page)
        assert not CaseStudyPage.can_create_at(centre_index)

    def test_learning_centres_live_only_in_the_directory(self, home_page, centre_index, case_study):
        assert LearningCentrePage.can_create_at(centre_index)
        assert not LearningCentrePage.can_create_at(home_page)
        assert not LearningCentrePage.can_create_at(case_study)

    def test_case_studies_have_no_children(self, case_study):
        assert case_study.specific_class.allowed_subpage_models() == []

    def test_directory_and_listing_exist_once(self, home_page, centre_index):
        assert not CentreIndexPage.can_create_at(home_page)  # max_count reached
        assert CaseStudyIndexPage.can_create_at(home_page)
        home_page.add_child(instance=CaseStudyIndexPage(title="กรณีศึกษา", slug="case-studies"))
        assert not CaseStudyIndexPage.can_create_at(home_page)  # and a second one cannot be made
        assert not HomePage.can_create_at(home_page)

    def test_standard_pages_nest_under_home(self, home_page, centre):
        assert StandardPage.can_create_at(home_page)
        assert not StandardPage.can_create_at(centre)
