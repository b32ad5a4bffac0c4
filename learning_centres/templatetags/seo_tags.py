"""Template tags for what search engines, feed readers and link previews read in <head>:
the canonical URL, OpenGraph values, schema.org JSON-LD and links to the case-study feeds."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import template

from wagtail.models import Page

from learning_centres import structured_data
from learning_centres.models import CaseStudyPage, LearningCentrePage
from learning_centres.structured_data import page_full_url

register = template.Library()

# Query parameters that only say where a visitor came from; a canonical URL never has them.
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "ref_src"}
)


def is_tracking_param(name: str) -> bool:
    name = name.lower()
    return name.startswith("utm_") or name in TRACKING_PARAMS


def without_tracking_params(url: str) -> str:
    parts = urlsplit(url)
    query = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(name)]
    return urlunsplit(parts._replace(query=urlencode(query), fragment=""))


def first_gallery_image(page: Page | None):
    """The first picture of a centre or case study (prefetched by their get_context)."""
    gallery = getattr(page, "gallery_images", None)
    if gallery is None:
        return None
    item = gallery.all().first()
    return item.image if item else None


def page_description(page: Page | None) -> str:
    if page is None:
        return ""
    if page.search_description:
        return page.search_description
    if isinstance(page, CaseStudyPage):
        return page.summary
    if isinstance(page, LearningCentrePage):
        return structured_data.plain_text(page.description)
    # The home page's introduction, a listing's intro (other page types; base.html falls back to the portal's own line).
    return structured_data.plain_text(getattr(page, "introduction", "") or getattr(page, "intro", ""))


@register.simple_tag(takes_context=True)
def page_seo(context) -> dict:
    """Canonical URL and OpenGraph values for the page being rendered.

    `page` is a Wagtail page only on Wagtail views (the search view uses it for a page number).
    """
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    canonical = page_full_url(page, request) if page is not None else None
    if not canonical and request is not None:
        canonical = without_tracking_params(request.build_absolute_uri())
    return {
        "page": page,
        # Each language's home page sits right under Wagtail's root.
        "is_home": page is not None and page.depth == 2,
        "canonical": canonical or "",
        "title": (page.seo_title or page.title) if page is not None else "",
        "description": page_description(page),
        "type": "article" if isinstance(page, CaseStudyPage) else "website",
        "image": first_gallery_image(page),
    }


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    request = context.get("request")
    if not url or request is None:
        return url or ""
    return request.build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def page_structured_data(context, seo: dict, image_url: str = "", site_name: str = ""):
    """The page's schema.org JSON-LD as a <script type="application/ld+json"> element."""
    page = seo.get("page") if seo else None
    if page is None:
        return ""
    centre = context.get("centre") if isinstance(page, CaseStudyPage) else None
    if not isinstance(centre, LearningCentrePage):
        centre = None
    data = structured_data.for_page(page, context.get("request"), centre=centre, image_url=image_url or None, site_name=str(site_name))
    return structured_data.json_ld_script(data, nonce=context.get("csp_nonce", ""))
