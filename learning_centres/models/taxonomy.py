from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from .bilingual import BilingualNameMixin


class SeededTerm(BilingualNameMixin):
    """A term of a fixed vocabulary seeded by a data migration (see taxonomy_data.py)."""

    slug = models.SlugField("slug", max_length=64, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    panels = [FieldPanel("name_th"), FieldPanel("name_en")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "slug"]


class FocusArea(SeededTerm):
    """One of the eight basic areas. Editors may edit the names and description; nobody can
    delete one, because URLs, the API and every case study depend on them."""

    description = models.TextField(_("คำอธิบาย"), blank=True)

    panels = SeededTerm.panels + [FieldPanel("description")]

    class Meta(SeededTerm.Meta):
        verbose_name = _("ด้านพื้นฐาน")
        verbose_name_plural = _("๘ ด้านพื้นฐาน")

    def delete(self, *args, **kwargs):
        raise models.ProtectedError("The eight basic areas cannot be deleted.", {self})


class TargetGroup(SeededTerm):
    class Meta(SeededTerm.Meta):
        verbose_name = _("กลุ่มเป้าหมาย")
        verbose_name_plural = _("กลุ่มเป้าหมาย")


class FundingSource(SeededTerm):
    class Meta(SeededTerm.Meta):
        verbose_name = _("แหล่งงบประมาณ")
        verbose_name_plural = _("แหล่งงบประมาณ")
