"""The page being read in each language: for the language switcher and hreflang links."""

from django import template
from django.conf import settings

from wagtail.models import Page

from portal.locales import content_language, locale_code, localized_url, translation_for

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict]:
    """[{code, name, url, absolute_url, current}] for every language of the portal.

    A Wagtail page links to its live version in the other language (the mirrored tree
    always has one; failing that, that language's home page); any other view links to the
    same address with or without /en/."""
    request = context.get("request")
    page = context.get("page")
    current = content_language()
    versions = []
    page_language = locale_code(page.locale_id) if isinstance(page, Page) else None
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            version = page if code == page_language else translation_for(page, code)
            url = version.get_url(request) if version else localized_url("/", code)
        elif request is not None:
            url = localized_url(request.get_full_path(), code)
        else:
            url = localized_url("/", code)
        versions.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url) if request is not None else url,
                "current": code == current,
            }
        )
    return versions


@register.filter(name="content_language")
def page_content_language(page) -> str:
    """The language a page's content is written in, for a `lang` attribute: an alias in the
    English tree shows its Thai original. No query per page (listings call this per card)."""
    if getattr(page, "alias_of_id", None):
        return settings.LANGUAGE_CODE
    return locale_code(getattr(page, "locale_id", None))
