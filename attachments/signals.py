"""A saved document (uploaded, or its file replaced) is read by the task worker after the commit."""

import logging

from django.db import transaction
from django.db.models.signals import post_save

from wagtail.documents import get_document_model

logger = logging.getLogger(__name__)


def schedule_reading(document_id: int) -> None:
    from .tasks import extract_document_text

    try:
        extract_document_text.enqueue(document_id)
    except Exception:  # noqa: BLE001 - the upload has committed; `extract_documents` catches up
        logger.exception("Could not enqueue reading document %s", document_id)


def document_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        transaction.on_commit(lambda: schedule_reading(instance.pk))


post_save.connect(document_saved, sender=get_document_model(), dispatch_uid="attachments.document_saved")
