"""Cells that a spreadsheet would run as a formula are written as text; numbers stay numbers;
the importer reads back what the export wrote (portal.spreadsheets)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.spreadsheets import FORMULA_STARTS, safe_cell, unquote_cell


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("http://evil.example","คลิก")',
        "+1+2",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "-",
        "+66 81 234 5678",
    ],
)
def test_a_cell_that_starts_a_formula_is_quoted(typed):
    assert safe_cell(typed) == "'" + typed


@pytest.mark.parametrize("number", [-125, -0.5, Decimal("-125000.50"), 0, "-125", "-0.5", "125000.50"])
def test_numbers_stay_numbers(number):
    assert safe_cell(number) == number


@pytest.mark.parametrize("text", ["ผู้สูงอายุ", "อบต. = องค์การบริหารส่วนตำบล", "a-b", "", None])
def test_other_cells_are_left_alone(text):
    assert safe_cell(text) == text


def test_a_text_that_already_looks_quoted_survives_the_round_trip():
    assert safe_cell("'=1+1") == "''=1+1"
    assert unquote_cell(safe_cell("'=1+1")) == "'=1+1"


@given(st.one_of(st.text(), st.sampled_from(["'=x", "''-1", "=", "-1", "'"]).flatmap(lambda start: st.text().map(start.__add__))))
def test_no_quoted_cell_starts_a_formula_and_the_importer_reads_it_back(text):
    cell = safe_cell(text)
    assert not cell.startswith(FORMULA_STARTS) or cell.lstrip("-").replace(".", "", 1).isdecimal()
    assert unquote_cell(cell) == text


def test_the_importer_reads_an_exported_cell_back_as_it_was(tmp_path):
    import csv

    from open_data.importing.sources import DataFile

    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([["title", "budget_baht"], [safe_cell("=1+1 ผู้สูงอายุ"), safe_cell("-125")]])
    data = DataFile(name="export.csv", opener=lambda: path.open("rb"))
    data.prepare()
    assert [row.values for row in data.rows()] == [{"title": "=1+1 ผู้สูงอายุ", "budget_baht": "-125"}]
