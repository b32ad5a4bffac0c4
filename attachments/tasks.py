"""The task worker's side of attachments (`manage.py db_worker`)."""

import logging

from django_tasks import task

from .reading import read_document

logger = logging.getLogger(__name__)


@task()
def extract_document_text(document_id: int) -> None:
    """Read one document's text (skipped when its file is unchanged). Enqueued after every
    commit that saves a document; a failure is the document's status, never the task's."""
    try:
        read_document(document_id)
    except Exception:  # noqa: BLE001 - logged; the next save or `extract_documents` retries
        logger.exception("Reading the text of document %s failed", document_id)
