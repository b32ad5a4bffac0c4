"""The year filter reads years as every other form of the portal does (thai.dates)."""

import pytest

from django.http import QueryDict

from search.params import parse


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
