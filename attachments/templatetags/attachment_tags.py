from django import template
from django.utils.translation import gettext as _

from attachments.models import DocumentText

register = template.Library()


@register.simple_tag
def document_text_status(document) -> dict:
    """What the worker made of a document's file, for its editor in the admin."""
    record = DocumentText.objects.filter(document=document).defer("pages", "marked").first() if document and document.pk else None
    if record is None:
        return {"label": DocumentText.Status.PENDING.label, "error": "", "pages": 0, "ocr_pages": ""}
    pages = DocumentText.objects.filter(pk=record.pk).values_list("pages", flat=True).first() or []
    return {
        "label": record.get_status_display() + (_(" (ตัดเฉพาะส่วนต้น)") if record.truncated else ""),
        "error": record.error_message(),
        "pages": len(pages) if record.status == DocumentText.Status.DONE else 0,
        "ocr_pages": ", ".join(str(number) for number in record.ocr_pages or []),
    }
