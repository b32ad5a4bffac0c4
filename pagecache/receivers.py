"""Purges on every change a visitor could see (pagecache.purge says what each purges)."""

import logging

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from learning_centres.models import (
    CaseStudyPage,
    District,
    FocusArea,
    FundingSource,
    LearningCentrePage,
    LocalAdministrativeOrganisation,
    Province,
    TargetGroup,
)
from search.backends.engine.client import get_engine
from search.indexing import index_delivered

from .purge import purge_pages, purge_site

logger = logging.getLogger(__name__)


def _in_menu(page: Page) -> bool:
    """A page the site's menu may show (a child of a site's root page)."""
    return page.show_in_menus and page.depth <= 3


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    if _in_menu(instance):
        purge_site()
    else:
        purge_pages({instance.pk})


@receiver(post_page_move)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def site_changed(sender, instance=None, raw=False, **kwargs):
    if not raw:
        purge_site()


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is Page:
        purge_site()


@receiver(post_save, sender=LocalAdministrativeOrganisation)
@receiver(post_save, sender=Province)
@receiver(post_save, sender=District)
def place_edited(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    field = {LocalAdministrativeOrganisation: "lao", Province: "province", District: "district"}[sender]
    purge_pages(LearningCentrePage.objects.filter(**{field: instance}).values_list("pk", flat=True))


@receiver(post_save, sender=FocusArea)
@receiver(post_save, sender=TargetGroup)
@receiver(post_save, sender=FundingSource)
@receiver(post_delete, sender=FocusArea)
@receiver(post_delete, sender=TargetGroup)
@receiver(post_delete, sender=FundingSource)
def term_edited(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # An English translation renamed is the same term: pages point at its Thai original.
    terms = sender.objects.filter(translation_key=instance.translation_key)
    relation = {FocusArea: "focus_areas", TargetGroup: "target_groups", FundingSource: "funding_sources"}[sender]
    purge_pages(CaseStudyPage.objects.filter(**{f"{relation}__in": terms}).values_list("pk", flat=True))


@receiver(index_delivered)
def index_updated(sender, page_ids, **kwargs):
    """Listings, counts and related cases come from the engine: purged once it shows the
    change. A delivery is not searchable until the engine's next refresh (up to a second),
    and a page rendered in between would be stored stale, so refresh first (once per
    delivered batch)."""
    if settings.PAGE_CACHE_SECONDS > 0:
        engine = get_engine()
        try:
            if engine is not None:
                engine.refresh()
        except Exception:  # noqa: BLE001 - the purge below still helps; the engine refreshes itself
            logger.warning("Could not refresh the search index before purging pages", exc_info=True)
    purge_pages(page_ids)
