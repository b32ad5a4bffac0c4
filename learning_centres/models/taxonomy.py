import time
import uuid
from collections import defaultdict

from django.conf import settings
from django.core.signals import request_started
from django.db import models
from django.db.models import Value
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

from portal.locales import english_active

# How long a process may show a term's name after another process renamed it (web requests
# always reload: the cache is emptied when each request starts).
LABELS_MAX_AGE_SECONDS = 60.0


# What the case studies' term fields may point to: the originals, never a translation.
THAI_TERMS = {"locale__language_code": settings.LANGUAGE_CODE}


class TermQuerySet(models.QuerySet):
    def originals(self) -> "TermQuerySet":
        """One row per term: the Thai originals, which case studies, facets, URLs and the API
        refer to. Their English versions are Wagtail translations of these rows."""
        return self.filter(**THAI_TERMS)


class _Labels:
    """Every term's name in every language, by vocabulary and translation key, loaded with one
    query for all vocabularies. A page shows many terms; this keeps their names off the N+1 path."""

    def __init__(self) -> None:
        self._loaded_at = 0.0
        self._names: dict[str, dict[uuid.UUID, dict[str, str]]] | None = None

    def clear(self, **_kwargs) -> None:
        self._names = None

    def of(self, model: type) -> dict[uuid.UUID, dict[str, str]]:
        """{translation key: {language: name, ..., "slug": the original's slug}}"""
        if self._names is None or time.monotonic() - self._loaded_at > LABELS_MAX_AGE_SECONDS:
            self._names = self._load()
            self._loaded_at = time.monotonic()
        return self._names.get(model._meta.model_name, {})

    @staticmethod
    def _load() -> dict[str, dict[uuid.UUID, dict[str, str]]]:
        columns = ("vocabulary", "translation_key", "locale__language_code", "label", "slug")
        first, *others = [
            model.objects.order_by().annotate(vocabulary=Value(model._meta.model_name)).values_list(*columns) for model in VOCABULARIES
        ]
        names: dict[str, dict[uuid.UUID, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
        for vocabulary, key, language, label, slug in first.union(*others, all=True):
            names[vocabulary][key][language] = label
            if language == settings.LANGUAGE_CODE:
                names[vocabulary][key]["slug"] = slug
        return names

    def by_slug(self, model: type, language: str) -> dict[str, str]:
        """{slug: name in `language`, or in Thai where it has no translation}"""
        return {names["slug"]: names.get(language) or names[settings.LANGUAGE_CODE] for names in self.of(model).values() if "slug" in names}


labels = _Labels()
request_started.connect(labels.clear, dispatch_uid="taxonomy-labels")


class SeededTerm(TranslatableMixin, models.Model):
    """A term of a fixed vocabulary seeded by a data migration (see taxonomy_data.py).

    Translated through Wagtail's i18n: the Thai row is the original, an English row with the
    same translation key (made with the admin's "Translate" action) carries the English name.
    `name_th`, `name_en` and `name` (the active language's) read across the translations."""

    slug = models.SlugField("slug", max_length=64)
    label = models.CharField(_("ชื่อ"), max_length=255)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = TermQuerySet.as_manager()

    panels = [FieldPanel("label")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "slug"]

    def __str__(self) -> str:
        return self.name

    def _names(self) -> dict[str, str]:
        return labels.of(type(self)).get(self.translation_key, {})

    @property
    def name_th(self) -> str:
        return self._names().get(settings.LANGUAGE_CODE) or self.label

    @property
    def name_en(self) -> str:
        return self._names().get("en", "")

    @property
    def name(self) -> str:
        if english_active():
            return self.name_en or self.name_th
        return self.name_th


def _unique_slug_per_locale(model_name: str) -> list[models.UniqueConstraint]:
    return [models.UniqueConstraint(fields=["slug", "locale"], name=f"{model_name}_slug_per_locale")]


class FocusArea(SeededTerm):
    """One of the eight basic areas. Editors may edit the names and description; nobody can
    delete one, because URLs, the API and every case study depend on them."""

    description = models.TextField(_("คำอธิบาย"), blank=True)

    panels = SeededTerm.panels + [FieldPanel("description")]

    class Meta(SeededTerm.Meta):
        verbose_name = _("ด้านพื้นฐาน")
        verbose_name_plural = _("๘ ด้านพื้นฐาน")
        constraints = _unique_slug_per_locale("focusarea")

    def delete(self, *args, **kwargs):
        raise models.ProtectedError("The eight basic areas cannot be deleted.", {self})


class TargetGroup(SeededTerm):
    class Meta(SeededTerm.Meta):
        verbose_name = _("กลุ่มเป้าหมาย")
        verbose_name_plural = _("กลุ่มเป้าหมาย")
        constraints = _unique_slug_per_locale("targetgroup")


class FundingSource(SeededTerm):
    class Meta(SeededTerm.Meta):
        verbose_name = _("แหล่งงบประมาณ")
        verbose_name_plural = _("แหล่งงบประมาณ")
        constraints = _unique_slug_per_locale("fundingsource")


VOCABULARIES = (FocusArea, TargetGroup, FundingSource)
for _model in VOCABULARIES:
    post_save.connect(labels.clear, sender=_model, dispatch_uid=f"taxonomy-labels-save-{_model.__name__}")
    post_delete.connect(labels.clear, sender=_model, dispatch_uid=f"taxonomy-labels-delete-{_model.__name__}")
