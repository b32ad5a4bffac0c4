"""The province map: every one of the 77 provinces drawn from npm's @svg-maps/thailand and
matched to its DOPA code, shaded in quantile classes, each a keyboard-reachable link to the
search filtered by that province, with the same numbers in a table."""

import re

import pytest

from django.utils import translation

from home.province_map import ShadeClass, full_name, map_shapes, shade_classes, shade_of
from learning_centres.models import Province
from tests.learning_centres.factories import CaseStudyPageFactory, LAOFactory, LearningCentrePageFactory

PROVINCE_LINK = re.compile(
    r'<a href="/search/\?province=(\d\d)" class="map-province" aria-label="([^"]+)"[^>]*><title>[^<]*</title><path class="map-shade-(\d)"'
)


@pytest.mark.django_db
def test_every_province_has_exactly_one_shape():
    shapes = map_shapes()
    assert set(shapes.provinces) == set(Province.objects.values_list("code", flat=True))
    assert len(shapes.provinces) == 77
    assert shapes.provinces["38"].name_en == "Bueng Kan"  # the newest province (2011)
    assert shapes.provinces["10"].name_en == "Bangkok"
    assert [shape.name_en for shape in shapes.water] == ["Lake Songkha"]
    assert all(shape.path.startswith("m ") for shape in shapes.provinces.values())


def test_no_case_study_anywhere_is_one_class():
    assert shade_classes({"10": 0, "50": 0}) == [ShadeClass(0, 0, 0)]


def test_quantile_classes_split_the_provinces_that_have_case_studies():
    counts = {str(code): count for code, count in enumerate([0, 0, 1, 1, 2, 3, 5, 8, 13, 40])}
    classes = shade_classes(counts)
    assert classes == [ShadeClass(0, 0, 0), ShadeClass(1, 1, 1), ShadeClass(2, 2, 3), ShadeClass(3, 4, 8), ShadeClass(4, 9, 40)]
    assert [shade_of(n, classes) for n in (0, 1, 2, 3, 4, 8, 9, 40)] == [0, 1, 2, 2, 3, 3, 4, 4]


def test_few_distinct_counts_give_fewer_classes_the_darkest_ones():
    classes = shade_classes({"10": 2, "50": 2, "90": 0})
    assert classes == [ShadeClass(0, 0, 0), ShadeClass(4, 1, 2)]
    assert shade_classes({"10": 1, "50": 1, "90": 3}) == [ShadeClass(0, 0, 0), ShadeClass(3, 1, 1), ShadeClass(4, 2, 3)]


@pytest.fixture
def case_studies_in_three_provinces(centre_index, settings):
    settings.SEARCH_URL = ""  # counted by the database fallback; test_home_page covers the engine
    per_province = {"50": 3, "90": 1, "38": 1}
    for code, count in per_province.items():
        lao = LAOFactory(province=Province.objects.get(code=code))
        centre = LearningCentrePageFactory(parent=centre_index, lao=lao)
        centre.save_revision().publish()
        for i in range(count):
            CaseStudyPageFactory(parent=centre, title=f"กรณี {code}-{i}").save_revision().publish()
    return per_province


@pytest.mark.django_db
def test_the_home_page_draws_77_linked_shaded_provinces(client, case_studies_in_three_provinces):
    html = client.get("/").content.decode()
    links = {code: (label, int(shade)) for code, label, shade in PROVINCE_LINK.findall(html)}
    assert len(links) == 77
    assert links["50"] == ("จังหวัดเชียงใหม่: 3 กรณีศึกษา", 4)
    assert links["90"] == ("จังหวัดสงขลา: 1 กรณีศึกษา", 3)
    assert links["38"] == ("จังหวัดบึงกาฬ: 1 กรณีศึกษา", 3)
    assert links["10"] == ("กรุงเทพมหานคร: 0 กรณีศึกษา", 0)  # Bangkok is not a จังหวัด
    assert 'class="map-water"' in html


@pytest.mark.django_db
def test_the_legend_and_the_table_give_the_same_numbers(client, case_studies_in_three_provinces):
    html = client.get("/").content.decode()
    legend = html.split('class="map-legend"')[1].split("</ul>")[0]
    assert "ยังไม่มีกรณีศึกษา" in legend and "1 กรณีศึกษา" in legend and "3 กรณีศึกษา" in legend
    table = html.split("<table>")[1].split("</table>")[0]
    assert "<caption>" in table and '<th scope="col">' in table
    rows = re.findall(r'<tr><th scope="row"><a href="/search/\?province=(\d\d)">([^<]+)</a></th><td>(\d+)</td></tr>', table)
    assert len(rows) == 77
    assert rows[0] == ("50", "เชียงใหม่", "3")  # most first
    assert ("38", "บึงกาฬ", "1") in rows


@pytest.mark.django_db
def test_the_map_needs_no_script_and_no_style_attribute(client, case_studies_in_three_provinces):
    """A content security policy with nonces is coming: nothing inline."""
    html = client.get("/").content.decode()
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)", html)


@pytest.mark.django_db
def test_the_map_credits_its_source_under_cc_by(client, home_page):
    html = client.get("/").content.decode()
    assert "@svg-maps/thailand" in html and "Tae Noppakun Wongsrinoppakun" in html
    assert '<a href="/static/maps/thailand/LICENSE.md" rel="license">CC BY 4.0</a>' in html
    assert "Attribution 4.0 International" in b"".join(client.get("/static/maps/thailand/LICENSE.md").streaming_content).decode()


def test_labels_say_province_in_either_language_except_for_bangkok():
    assert full_name("50", "เชียงใหม่") == "จังหวัดเชียงใหม่"
    assert full_name("10", "กรุงเทพมหานคร") == "กรุงเทพมหานคร"
    with translation.override("en"):
        assert full_name("50", "Chiang Mai") == "Chiang Mai Province"
        assert full_name("10", "Bangkok") == "Bangkok"
