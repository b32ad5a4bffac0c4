"""On the English pages, a hit whose page an editor translated shows the translation's title,
summary and address; any other hit says it is in Thai only (presenters). Read from the
database for the hits shown, so both backends answer alike."""

from __future__ import annotations

from wagtail.models import Page

from learning_centres.models import CaseStudyPage, LearningCentrePage
from portal.locales import english_active

from .contract import Hit


def add_english_versions(hits: list[Hit]) -> None:
    """Set `translation` ({"title", "summary", "url"}) on each hit with a live English
    translation, when the page is shown in English. Three queries however many hits."""
    if not hits or not english_active():
        return
    keys = dict(Page.objects.filter(pk__in=[hit.page_id for hit in hits]).values_list("pk", "translation_key"))
    english = Page.objects.filter(translation_key__in=keys.values(), locale__language_code="en", alias_of__isnull=True).live()
    found: dict = {}
    for page in CaseStudyPage.objects.filter(pk__in=english.values("pk")).only("title", "summary", "url_path", "translation_key"):
        found[page.translation_key] = {"title": page.title, "summary": page.summary, "url": page.url}
    for centre in LearningCentrePage.objects.filter(pk__in=english.values("pk")).only("title", "url_path", "translation_key"):
        found[centre.translation_key] = {"title": centre.title, "summary": "", "url": centre.url}
    for hit in hits:
        hit.translation = found.get(keys.get(hit.page_id))
