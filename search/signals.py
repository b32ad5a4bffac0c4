"""Every change that alters what a visitor can find reaches the outbox (search.indexing).

Publish, unpublish, move and delete of centres and case studies, a view restriction added,
changed or removed on them or any ancestor (a private page is never searchable), and edits to the things
documents copy from (a centre's fields reach its case studies; an LAO, district, province
or a focus area, target group or funding source reaches every document that names it).
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from attachments.reading import text_changed
from learning_centres.models import (
    CaseStudyDocument,
    CaseStudyPage,
    District,
    FocusArea,
    FundingSource,
    LearningCentrePage,
    LocalAdministrativeOrganisation,
    Province,
    TargetGroup,
)

from .indexing import enqueue

INDEXED_PAGE_TYPES = (CaseStudyPage, LearningCentrePage)


def _with_case_studies(centres) -> set[int]:
    page_ids: set[int] = set()
    for centre in centres:
        page_ids.add(centre.pk)
        page_ids.update(CaseStudyPage.objects.descendant_of(centre).values_list("pk", flat=True))
    return page_ids


def _originals_of(page) -> set[int]:
    """The Thai original of an English translation: its document carries the translation's text."""
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return set()
    originals = Page.objects.filter(translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE)
    return set(originals.values_list("pk", flat=True))


def _affected(page) -> set[int]:
    page = page.specific
    if isinstance(page, INDEXED_PAGE_TYPES) and page.locale.language_code != settings.LANGUAGE_CODE:
        return {page.pk} | _originals_of(page)
    if isinstance(page, LearningCentrePage):
        return _with_case_studies([page])
    if isinstance(page, CaseStudyPage):
        return {page.pk}
    return set(CaseStudyPage.objects.descendant_of(page).values_list("pk", flat=True)) | set(
        LearningCentrePage.objects.descendant_of(page).values_list("pk", flat=True)
    )


@receiver(page_published)
def page_was_published(sender, instance, **kwargs):
    enqueue(_affected(instance), "publish")


@receiver(page_unpublished)
def page_was_unpublished(sender, instance, **kwargs):
    enqueue(_affected(instance), "unpublish")


@receiver(post_page_move)
def page_was_moved(sender, instance, **kwargs):
    enqueue(_affected(instance), "move")


@receiver(post_delete)
def page_was_deleted(sender, instance, **kwargs):
    if isinstance(instance, INDEXED_PAGE_TYPES):
        enqueue({instance.pk} | _originals_of(instance), "delete")


@receiver(post_save, sender=LocalAdministrativeOrganisation)
def lao_was_edited(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        enqueue(_with_case_studies(LearningCentrePage.objects.filter(lao=instance)), "lao edit")


@receiver(post_save, sender=Province)
@receiver(post_save, sender=District)
def place_was_edited(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    centres = LearningCentrePage.objects.filter(**{sender._meta.model_name: instance})
    enqueue(_with_case_studies(centres), "place edit")


# Case studies carry the names of their areas, target groups and funding sources in their
# searchable text (search.documents), so renaming one reindexes the case studies that use it.
_TERM_RELATIONS = {FocusArea: "focus_areas", TargetGroup: "target_groups", FundingSource: "funding_sources"}


@receiver(post_save, sender=FocusArea)
@receiver(post_save, sender=TargetGroup)
@receiver(post_save, sender=FundingSource)
def term_was_edited(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        # An English translation renamed is the same term: case studies point at its Thai original.
        terms = sender.objects.filter(translation_key=instance.translation_key)
        relation = _TERM_RELATIONS[sender]
        enqueue(CaseStudyPage.objects.filter(**{f"{relation}__in": terms}).values_list("pk", flat=True), "term edit")


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, raw=False, **kwargs):
    """Privacy changes reach the fallback at once and the index through the outbox: the
    documents of the restricted page and everything under it are removed (or, once no
    restriction is left, written again)."""
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()  # gone when the page itself is deleted
    if page is not None:
        enqueue(_affected(page), "privacy")


@receiver(text_changed)
def attachment_text_changed(sender, document_id, **kwargs):
    """The worker read a document's text (new, or its file changed): the case studies that
    attach it carry that text in their documents."""
    enqueue(CaseStudyDocument.objects.filter(document_id=document_id).values_list("page_id", flat=True), "attachment")
