"""Template helpers of case-study pages: sizes and types of downloads, dates, search links."""

import datetime
from urllib.parse import quote

import pytest
import wagtail_factories

from django.utils import translation

from learning_centres.templatetags.case_study_tags import document_size, file_size, file_type, search_filter_url
from learning_centres.templatetags.era_tags import era_date


@pytest.mark.parametrize(
    ("size", "thai"),
    [(850, "850 ไบต์"), (12 * 1024, "12 กิโลไบต์"), (int(1.45 * 1024 * 1024), "1.4 เมกะไบต์"), (25 * 1024 * 1024, "25.0 เมกะไบต์")],
)
def test_file_size_reads_in_thai(size, thai):
    with translation.override("th"):
        assert file_size(size) == thai


def test_file_size_of_an_unknown_size_is_empty():
    assert file_size(None) == ""


def test_follow_up_dates_follow_the_language():
    with translation.override("th"):
        assert era_date(datetime.date(2025, 3, 1)) == "1 มีนาคม พ.ศ. 2568"
    with translation.override("en"):
        assert era_date(datetime.date(2025, 3, 1)) == "1 March 2025"


@pytest.mark.django_db
class TestDocuments:
    def test_file_type_names_office_formats(self):
        document = wagtail_factories.DocumentFactory(file__filename="รายงาน.docx")
        assert file_type(document) == "Word"
        assert file_type(wagtail_factories.DocumentFactory(file__filename="plan.pdf")) == "PDF"
        assert file_type(wagtail_factories.DocumentFactory(file__filename="map.kmz")) == "KMZ"

    def test_document_size_reads_the_file_without_writing_the_database(self, django_assert_num_queries):
        document = wagtail_factories.DocumentFactory(file__data=b"x" * 2048)
        document.file_size = None
        with django_assert_num_queries(0):
            assert document_size(document) == 2048


@pytest.mark.django_db
def test_search_filter_url_uses_the_search_parameters():
    assert search_filter_url("area", "community-welfare") == "/search/?area=community-welfare"
    assert search_filter_url("keyword", "ผู้สูงอายุ") == "/search/?keyword=" + quote("ผู้สูงอายุ")
    with pytest.raises(ValueError, match="not a search filter"):
        search_filter_url("areas", "x")
