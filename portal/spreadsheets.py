"""Cells written into CSV and XLSX files that people open in a spreadsheet program.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and a leading
tab or carriage return can hide one), so text typed by visitors or contributors
(`=HYPERLINK(...)`) could act when an editor opens an export. Every export writes its cells
through `safe_cell` (OWASP "CSV injection": prefix such a cell with a single quote, which the
spreadsheet shows as text and hides).

Numbers stay numbers: an `int`, `float` or `Decimal` is returned as it is, and so is a text
that is exactly a plain decimal number (an optional minus, ASCII digits, at most one decimal
point: `-125`, `-0.5`), since a spreadsheet reads it as that number and nothing else.
Anything else that starts with a dangerous character gets the quote, e.g. a phone number
typed as `+66 81 234 5678` is exported as `'+66 81 234 5678`.

`unquote_cell` undoes it for the importer, so that an export can be imported back unchanged.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def safe_cell(value: Any) -> Any:
    """`value` as a spreadsheet may show it without running it (see the module's docstring)."""
    if value is None or isinstance(value, (bool, int, float, Decimal)):
        return value
    if not isinstance(value, str):
        return value
    if (value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value)) or _quoted(value):
        # A text that already looks quoted gets one more quote, so unquote_cell gives it back.
        return "'" + value
    return value


def _quoted(value: str) -> bool:
    return value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS)


def safe_row(values: list[Any] | tuple[Any, ...]) -> list[Any]:
    return [safe_cell(value) for value in values]


def unquote_cell(value: str) -> str:
    """What `safe_cell` was given: the quote it added is taken off again."""
    return value[1:] if _quoted(value) else value


class SafeSpreadsheetExportMixin:
    """For Wagtail's SpreadsheetExportMixin views (admin listings and reports with
    `list_export`): every cell of the CSV and the XLSX goes through `safe_cell`."""

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        return safe_cell(super().preprocess_field_value(field, value, export_format))  # type: ignore[misc]
