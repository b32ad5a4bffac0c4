"""Thai and English page trees (Wagtail i18n with wagtail.contrib.simple_translation).

The Thai tree is the original. The English tree mirrors it: fixed pages (home, listings,
about) are real English translations; centres and case studies are aliases of the Thai
pages until an editor translates them, so /en/centres/<centre>/<case-study>/ shows the Thai
content inside the English interface. Everything that counts or indexes pages reads the
Thai originals only (`originals`), so each case study is counted, listed and indexed once.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import translate_url
from django.utils.translation import get_language, get_language_from_path, override

from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page


def content_language(language: str | None = None) -> str:
    """The content language ('th' or 'en') for a UI language such as 'en-gb'."""
    try:
        return get_supported_content_language_variant(language or get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def english_active() -> bool:
    """Whether the page is being shown in English: the /en/ URL prefix (i18n_patterns)
    activates English for the request; everything else is Thai."""
    return (get_language() or settings.LANGUAGE_CODE).startswith("en")


def originals(queryset: QuerySet) -> QuerySet:
    """The pages of the default-language (Thai) tree: each piece of content once."""
    return queryset.filter(locale__language_code=settings.LANGUAGE_CODE)


def in_active_language(queryset: QuerySet) -> QuerySet:
    """The pages of the tree of the language being shown (their URLs stay in that language)."""
    return queryset.filter(locale__language_code=content_language())


def localized_url(url: str, language: str | None = None) -> str:
    """The same address in `language` (default: the active one), e.g. /centres/x/ →
    /en/centres/x/ and back; addresses outside the language-specific URLs are unchanged."""
    if not url:
        return url
    source = get_language_from_path(urlsplit(url).path) or settings.LANGUAGE_CODE
    target = content_language(language)
    if source == target:
        return url
    with override(source):  # resolve the address in the language it is written in
        return translate_url(url, target)


def ensure_locales() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}


def default_locale() -> Locale:
    return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]


@transaction.atomic
def mirror_page_tree(root: Page) -> int:
    """Give every page under `root` (inclusive) an alias in each other locale that lacks a
    translation, parents first. Idempotent; returns how many aliases were created.

    Pages created in the admin are mirrored by simple_translation's own hook
    (WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE); this covers pages created in code (demo
    content, imports) and existing databases (`manage.py sync_page_trees`)."""
    created = 0
    others = [locale for locale in ensure_locales().values() if locale.pk != root.locale_id]
    for page in root.get_descendants(inclusive=True).filter(locale_id=root.locale_id).order_by("path").specific():
        for locale in others:
            if not page.has_translation(locale):
                page.copy_for_translation(locale, copy_parents=True, alias=True)
                created += 1
    return created


@transaction.atomic
def translate_page(page: Page, language: str, **fields) -> Page:
    """The translation of `page` into `language` with `fields` set and published.

    An existing alias becomes a real translation; an existing translation an editor wrote
    is left as it is (so the demo loader never overwrites editors' work)."""
    locale = ensure_locales()[language]
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    elif translation.alias_of_id is None:
        return translation.specific
    else:
        ConvertAliasPageAction(translation).execute(skip_permission_checks=True)
        translation.refresh_from_db()
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def translation_for(page: Page, language: str) -> Page | None:
    """The live version of `page` in `language` (the page itself if it is in it), else None."""
    return Page.objects.filter(translation_key=page.translation_key, locale__language_code=language).live().first()


_locale_codes: dict[int, str] = {}


def locale_code(locale_id: int | None) -> str:
    """A locale's language code without a query per page (locales are few and never renamed)."""
    if locale_id not in _locale_codes:
        _locale_codes.update(Locale.objects.values_list("pk", "language_code"))
    return _locale_codes.get(locale_id, settings.LANGUAGE_CODE)
