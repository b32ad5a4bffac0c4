"""The site's chrome on every page: the main menu with the current section marked, breadcrumbs
(with their schema.org BreadcrumbList) and the footer's optional links."""

from __future__ import annotations

import functools
from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from wagtail.models import Page

from learning_centres import structured_data
from learning_centres.models import CaseStudyIndexPage, CaseStudyPage, CentreIndexPage, LearningCentrePage

register = template.Library()

# The menu's sections: (key, URL name, wagtail path or None).
SECTIONS = (
    ("centres", "centres/"),
    ("case-studies", "case-studies/"),
    ("search", None),
    ("about", "about/"),
)


def _section_label(key: str) -> str:
    return {
        "centres": _("ศูนย์เรียนรู้"),
        "case-studies": _("กรณีศึกษา"),
        "search": _("ค้นหา"),
        "about": _("เกี่ยวกับโครงการ"),
    }[key]


def current_section(request: HttpRequest | None, page: Any) -> str:
    """Which menu section the page belongs to. A case study lives under its centre in the
    page tree but readers reach it as a case study, so the page type decides first."""
    if isinstance(page, (CaseStudyPage, CaseStudyIndexPage)):
        return "case-studies"
    if isinstance(page, (LearningCentrePage, CentreIndexPage)):
        return "centres"
    if request is None:
        return ""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name == "search_page":
        return "search"
    if isinstance(page, Page) and page.slug == "about":
        return "about"
    return ""


@register.simple_tag(takes_context=True)
def site_menu(context) -> list[dict]:
    """[{key, label, url, current}] where current is "page" on the section's own page,
    "true" inside the section, "" elsewhere (the value of aria-current)."""
    request = context.get("request")
    page = context.get("page")
    section = current_section(request, page if isinstance(page, Page) else None)
    path = request.path if request is not None else ""
    items = []
    for key, wagtail_path in SECTIONS:
        url = reverse("wagtail_serve", args=[wagtail_path]) if wagtail_path else reverse("search_page")
        current = ""
        if key == section:
            current = "page" if path == url else "true"
        items.append({"key": key, "label": _section_label(key), "url": url, "current": current})
    return items


@register.simple_tag(takes_context=True)
def breadcrumbs(context) -> list[dict]:
    """[{title, url, absolute_url}] from the home page down to the page's parent."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        return []
    cached = getattr(page, "_breadcrumbs", None)  # <head> (JSON-LD) and the trail share one query
    if cached is not None:
        return cached
    crumbs = []
    for ancestor in _ancestors_below_root(page):
        url = ancestor.get_url(request)
        if not url:
            continue
        title = _("หน้าแรก") if ancestor.depth == 2 else ancestor.title
        crumbs.append({"title": title, "url": url, "absolute_url": request.build_absolute_uri(url) if request else url})
    page._breadcrumbs = crumbs
    return crumbs


def _ancestors_below_root(page: Page) -> list[Page]:
    """The page's ancestors from its language's home page (depth 2; depth 1 is Wagtail's
    invisible root) down: the pages the router met on the way (home.models.HomePage.route
    leaves each one's parent on it), else one query."""
    chain: list[Page] = []
    node = getattr(page, "_cached_parent_obj", None)
    while node is not None and node.depth > 2:
        chain.append(node)
        node = getattr(node, "_cached_parent_obj", None)
    if node is not None and node.depth == 2:
        return [node, *reversed(chain)]
    return list(page.get_ancestors().filter(depth__gte=2))


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context, crumbs: list[dict]):
    """The trail as a schema.org BreadcrumbList, the page itself last."""
    request = context.get("request")
    page = context.get("page")
    if not crumbs or not isinstance(page, Page):
        return ""
    page_url = page.get_url(request)
    items = [*crumbs, {"title": page.title, "absolute_url": request.build_absolute_uri(page_url) if request else page_url}]
    data = {
        "@context": structured_data.SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(item["title"]), "item": item["absolute_url"]}
            for position, item in enumerate(items, start=1)
        ],
    }
    return structured_data.json_ld_script(data, nonce=context.get("csp_nonce", ""))


@register.simple_tag
def contact_email() -> str:
    return getattr(settings, "PORTAL_CONTACT_EMAIL", "")


@register.filter
def with_distinct_alts(gallery) -> list[dict]:
    """[{item, alt}] where no two pictures share an alt text: a screen reader hearing the
    same description twice cannot tell the pictures apart, so repeats get their position."""
    items = list(gallery)
    alts = [item.alt_text for item in items]
    repeated = {alt for alt in alts if alts.count(alt) > 1}
    return [
        {
            "item": item,
            "alt": _("%(alt)s (ภาพที่ %(n)d จาก %(total)d)") % {"alt": alt, "n": n, "total": len(items)} if alt in repeated else alt,
        }
        for n, (item, alt) in enumerate(zip(items, alts, strict=True), start=1)
    ]


@register.simple_tag(takes_context=True)
def share_links(context, url: str, title: str) -> dict:
    """Plain share links (no SDK, nothing loaded from those sites until the reader clicks)."""
    from urllib.parse import quote

    return {
        "line": "https://social-plugins.line.me/lineit/share?url=" + quote(url, safe=""),
        "facebook": "https://www.facebook.com/sharer/sharer.php?u=" + quote(url, safe=""),
    }


@register.filter(is_safe=True)
def wrap_words(text) -> str:
    """Thai text whose lines wrap only between the segmenter's words: each word unbreakable
    (white-space: nowrap in .nw) with a <wbr> opportunity between adjacent words. Text
    without Thai is returned escaped and unchanged."""
    from thai.text import THAI

    text = str(text or "")
    if not THAI.search(text):
        return conditional_escape(text)
    return mark_safe(_wrapped_words(text))  # noqa: S308  # nosec B308 B703 - every piece is escaped by format_html


@functools.lru_cache(maxsize=4096)
def _wrapped_words(text: str) -> str:
    """The markup of wrap_words, once per text a process meets: the same facet labels and
    titles come back on every search page (bounded: the least recently used go first)."""
    from thai.line_breaks import word_runs

    parts: list[str] = []
    previous_word = False
    for run in word_runs(text):
        if run.isspace():
            parts.append(run)
            previous_word = False
            continue
        if previous_word:
            parts.append("<wbr>")
        parts.append(format_html('<span class="nw">{}</span>', run))
        previous_word = True
    return "".join(parts)
