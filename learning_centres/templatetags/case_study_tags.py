"""Template helpers for case-study and centre pages: download
sizes and types in words, and links to the search page filtered by a tag."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

KILOBYTE = 1024
MEGABYTE = 1024 * KILOBYTE
# File types by extension, named as visitors know them; others show the extension.
FILE_TYPES = {
    "pdf": "PDF",
    "doc": "Word",
    "docx": "Word",
    "odt": "OpenDocument",
    "xls": "Excel",
    "xlsx": "Excel",
    "ods": "OpenDocument",
    "csv": "CSV",
    "ppt": "PowerPoint",
    "pptx": "PowerPoint",
    "odp": "OpenDocument",
    "zip": "ZIP",
    "txt": "TXT",
}


@register.filter
def file_size(size: int | None) -> str:
    """A byte count in words: 850 ไบต์, 12 กิโลไบต์, 1.4 เมกะไบต์ (translated for English)."""
    if size is None:
        return ""
    if size < KILOBYTE:
        return _("%(size)s ไบต์") % {"size": size}
    if size < MEGABYTE:
        return _("%(size)s กิโลไบต์") % {"size": number_format(round(size / KILOBYTE))}
    return _("%(size)s เมกะไบต์") % {"size": number_format(size / MEGABYTE, decimal_pos=1)}


@register.filter
def file_type(document) -> str:
    extension = (document.file_extension or "").lower()
    return FILE_TYPES.get(extension, extension.upper())


@register.filter
def document_size(document) -> int | None:
    """The stored size; for an older document without one, the file's own size (a stat on
    storage, never Document.get_file_size(), which writes to the database on a page view)."""
    if document.file_size is not None:
        return document.file_size
    try:
        return document.file.size
    except (OSError, ValueError):
        return None


@register.simple_tag
def search_filter_url(param: str, value: str) -> str:
    """/search/?<param>=<value>, with the search page's own parameter names."""
    from search.listing import filter_url  # lazily: search imports the page models

    return filter_url(param, value)
