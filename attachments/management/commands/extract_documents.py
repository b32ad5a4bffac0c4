from django.core.management.base import BaseCommand

from wagtail.documents import get_document_model

from attachments.models import DocumentText
from attachments.reading import read_document


class Command(BaseCommand):
    help = "Read the text of documents never read (or all with --force): for documents uploaded before this feature, or after a failure."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="read every document again, changed or not")
        parser.add_argument("--failed", action="store_true", help="also read again the documents whose reading failed")

    def handle(self, *args, force=False, failed=False, **options):
        documents = get_document_model().objects.order_by("pk")
        if not force:
            done = DocumentText.objects.exclude(status=DocumentText.Status.PENDING)
            if failed:
                done = done.exclude(status=DocumentText.Status.FAILED)
            documents = documents.exclude(pk__in=done.values("document_id"))
        counts: dict[str, int] = {}
        for document_id in documents.values_list("pk", flat=True):
            record = read_document(document_id, force=force or failed)
            if record is not None:
                counts[record.status] = counts.get(record.status, 0) + 1
        self.stdout.write(", ".join(f"{status}: {count}" for status, count in sorted(counts.items())) or "nothing to read")
