"""The year filter reads years as every other form of the portal does (thai.dates)."""

import pytest

from django.http import QueryDict

from search.params import MAX_PAGE, parse


def year_filter(typed: str):
    params = QueryDict(mutable=True)
    params["year"] = typed
    return parse(params)


@pytest.mark.parametrize(
    ("typed", "indexed"),
    [
        ("2567", "2567"),
        ("๒๕๖๗", "2567"),
        ("2024", "2567"),
        ("พ.ศ. 2567", "2567"),
        ("ค.ศ. 2024", "2567"),
        ("2443", "2443"),
        ("2643", "2643"),
    ],
)
def test_a_year_in_either_era_filters_on_the_buddhist_year(typed, indexed):
    parsed = year_filter(typed)
    assert (parsed.filters, parsed.errors) == ({"year": (indexed,)}, [])


@pytest.mark.parametrize("typed", ["69", "2644", "1899", "สองพัน", "20245"])
def test_an_implausible_year_is_an_error(typed):
    parsed = year_filter(typed)
    assert parsed.filters == {}
    assert parsed.errors == [f"year: unknown value “{typed}”"]


@pytest.mark.parametrize(("typed", "page"), [("2", 2), ("๒", 2), ("๑๐", 10)])
def test_a_page_number_in_arabic_or_thai_digits_is_read(typed, page):
    parsed = parse(QueryDict(f"page={typed}"))
    assert (parsed.query.page, parsed.errors) == (page, [])


@pytest.mark.parametrize("typed", ["²", "①", "١", "0", "-1", "9" * 5000])
def test_a_page_that_is_not_a_whole_number_in_range_is_an_error_not_a_crash(typed):
    params = QueryDict(mutable=True)
    params["page"] = typed
    parsed = parse(params)
    assert parsed.query.page == 1
    assert parsed.errors == [f"page: must be a whole number from 1 to {MAX_PAGE}"]
