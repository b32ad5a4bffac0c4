"""The admin's image and document forms (WAGTAILIMAGES_IMAGE_FORM_BASE,
WAGTAILDOCS_DOCUMENT_FORM_BASE): replacing the file of an existing image or document is an
editor's right. A picture or file shown on a live page would otherwise change in public at
once, without the review every page change goes through; a contributor uploads a new file
instead and puts it on the page, which the editors then review. docs/decisions.md,
"Admin isolation"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .roles import EDITORS

REPLACE_REFUSED = _("เฉพาะบรรณาธิการเปลี่ยนไฟล์ของรายการที่มีอยู่แล้วได้: อัปโหลดเป็นไฟล์ใหม่ แล้วเลือกใช้ในหน้าเพื่อส่งตรวจทาน")


def may_replace_files(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.groups.filter(name=EDITORS).exists()))


class _ReplaceFileOnlyForEditors:
    def __init__(self, *args, user=None, **kwargs):
        self.replacing_user = user
        super().__init__(*args, user=user, **kwargs)

    def clean(self):
        cleaned = super().clean()
        replacing = self.instance.pk and "file" in self.changed_data
        if replacing and self.replacing_user is not None and not may_replace_files(self.replacing_user):
            self.add_error("file", REPLACE_REFUSED)
        return cleaned


class ImageForm(_ReplaceFileOnlyForEditors, BaseImageForm):
    pass


class DocumentForm(_ReplaceFileOnlyForEditors, BaseDocumentForm):
    pass
