from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.locales import english_active


class BilingualNameMixin(models.Model):
    """Thai and English names; `name` follows the active language (Thai by default)."""

    name_th = models.CharField(_("ชื่อภาษาไทย"), max_length=255)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if english_active() and self.name_en:
            return self.name_en
        return self.name_th
