"""schema.org descriptions (JSON-LD) of the portal's pages, for search engines and link previews.

Each function returns a plain dict; `json_ld_script` renders one as a
``<script type="application/ld+json">`` element. JSON-LD is data, not code, so it stays
allowed under the site's strict Content-Security-Policy; it still carries the request's
nonce, so the policy never has to make an exception for it.

Names are given in Thai whatever the visitor's language: the registry and the case studies
are written in Thai. English is a URL prefix (/en/, Django's i18n_patterns) over a mirrored
English page tree, so each page's structured data describes that page's own URL.
See https://schema.org/Article, https://schema.org/Organization and
https://developers.google.com/search/docs/appearance/structured-data/intro-structured-data
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from .models import CaseStudyPage, LearningCentrePage

if TYPE_CHECKING:
    from django.http import HttpRequest

    from wagtail.models import Page

    from .models import LocalAdministrativeOrganisation

SCHEMA_CONTEXT = "https://schema.org"
CONTENT_LANGUAGE = "th"
DESCRIPTION_LENGTH = 300

# Characters that could end the <script> element or open an HTML comment inside it, and the
# two line separators that older JavaScript parsers reject; all are valid as JSON escapes.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


def to_json(data: dict[str, Any]) -> str:
    """JSON that is safe inside a <script> element: "</script>" in content cannot end it."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def json_ld_script(data: dict[str, Any] | None, nonce: str = "") -> SafeString:
    if not data:
        return SafeString("")
    # Safe: to_json escapes every character that could close the element (<, >, &).
    body = mark_safe(to_json(data))  # noqa: S308  # nosec B308, B703
    if nonce:
        return format_html('<script type="application/ld+json" nonce="{}">{}</script>', nonce, body)
    return format_html('<script type="application/ld+json">{}</script>', body)


def _iso(moment) -> str | None:
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat() if timezone.is_aware(moment) else moment.isoformat()


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values: schema.org consumers prefer a missing property to an empty one."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


# Wagtail's first Site record names "localhost" until an operator sets the real host name.
UNCONFIGURED_SITE_HOSTS = frozenset({"localhost", "127.0.0.1"})


def page_full_url(page: Page, request: HttpRequest | None) -> str | None:
    """The page's absolute URL; from the request's own host while the Site record still has
    its placeholder host name, so links shared from a real server never say localhost."""
    url = page.get_full_url(request)
    if request is None or not url:
        return url
    if urlsplit(url).hostname in UNCONFIGURED_SITE_HOSTS and request.get_host().split(":")[0] not in UNCONFIGURED_SITE_HOSTS:
        return request.build_absolute_uri(page.get_url(request))
    return url


def plain_text(html: str) -> str:
    return Truncator(" ".join(strip_tags(html or "").split())).chars(DESCRIPTION_LENGTH)


def lao_organization(lao: LocalAdministrativeOrganisation) -> dict[str, Any]:
    """The LAO running a centre: a government body (a kind of schema.org Organization)."""
    return _compact(
        {
            "@type": "GovernmentOrganization",
            "name": lao.name_th,
            "alternateName": lao.name_en,
        }
    )


def centre_address(centre: LearningCentrePage) -> dict[str, Any]:
    return _compact(
        {
            "@type": "PostalAddress",
            "streetAddress": centre.address,
            "addressLocality": centre.district.name_th if centre.district_id else None,
            "addressRegion": centre.province.name_th,
            "addressCountry": "TH",
        }
    )


def centre_organization(centre: LearningCentrePage, request: HttpRequest | None = None, *, context: bool = True) -> dict[str, Any]:
    """A learning centre as a schema.org Organization, part of its LAO."""
    data = {
        "@context": SCHEMA_CONTEXT if context else None,
        "@type": "Organization",
        "name": centre.title,
        "url": page_full_url(centre, request),
        "description": centre.search_description or plain_text(centre.description),
        "address": centre_address(centre),
        "telephone": centre.contact_phone,
        "foundingDate": str(centre.year_established) if centre.year_established else None,
        "parentOrganization": lao_organization(centre.lao),
    }
    return _compact(data)


def case_study_article(
    case_study: CaseStudyPage,
    request: HttpRequest | None = None,
    *,
    centre: LearningCentrePage | None = None,
    image_url: str | None = None,
) -> dict[str, Any]:
    """A case study as a schema.org Article written and published by its centre."""
    centre = centre if centre is not None else case_study.centre
    url = page_full_url(case_study, request)
    publisher = centre_organization(centre, request, context=False) if centre is not None else None
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Article",
        "headline": case_study.seo_title or case_study.title,
        "description": case_study.search_description or case_study.summary,
        "url": url,
        "mainEntityOfPage": url,
        "image": image_url,
        "datePublished": _iso(case_study.first_published_at),
        "dateModified": _iso(case_study.last_published_at or case_study.latest_revision_created_at),
        "inLanguage": CONTENT_LANGUAGE,
        # The year the practice started (CE), as an open-ended ISO 8601 interval.
        "temporalCoverage": f"{case_study.year}/.." if case_study.year else None,
        "about": [{"@type": "Thing", "name": area.name_th} for area in case_study.focus_areas.all()],
        "keywords": ", ".join(tag.name for tag in case_study.keywords.all()),
        "author": publisher,
        "publisher": publisher,
    }
    return _compact(data)


def website(home: Page, request: HttpRequest | None = None, *, site_name: str = "") -> dict[str, Any]:
    """The site itself, with the search box search engines may offer for it."""
    url_parts = home.get_url_parts(request)
    root_url = url_parts[1] if url_parts else None
    search_action = None
    if root_url:
        try:
            search_url = root_url + reverse("search_page")
        except NoReverseMatch:
            search_url = None
        if search_url:
            search_action = {
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint", "urlTemplate": search_url + "?q={search_term_string}"},
                "query-input": "required name=search_term_string",
            }
    return _compact(
        {
            "@context": SCHEMA_CONTEXT,
            "@type": "WebSite",
            "name": site_name or home.title,
            "url": page_full_url(home, request),
            "inLanguage": CONTENT_LANGUAGE,
            "potentialAction": search_action,
        }
    )


def for_page(
    page: Page,
    request: HttpRequest | None = None,
    *,
    centre: LearningCentrePage | None = None,
    image_url: str | None = None,
    site_name: str = "",
) -> dict[str, Any] | None:
    """The JSON-LD for a rendered page, or None for page types that describe nothing."""
    if isinstance(page, CaseStudyPage):
        return case_study_article(page, request, centre=centre, image_url=image_url)
    if isinstance(page, LearningCentrePage):
        data = centre_organization(page, request)
        if image_url:
            data["image"] = image_url
        return data
    describe = getattr(page, "structured_data", None)  # other apps' page types (the home page) describe themselves
    return describe(request, site_name=site_name) if describe else None
