"""The vocabularies become Wagtail-translatable snippets: each Thai row keeps its id (case
studies keep pointing at it) and gains a locale and translation key; its English name moves to
a new English row that is the Wagtail translation of it."""

import uuid

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

MODELS = ("focusarea", "targetgroup", "fundingsource")
THAI_TERMS = {"locale__language_code": "th"}


def split_languages(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    thai = Locale.objects.get_or_create(language_code="th")[0]
    english = Locale.objects.get_or_create(language_code="en")[0]
    for name in MODELS:
        model = apps.get_model("learning_centres", name)
        for term in model.objects.order_by("pk"):
            term.locale = thai
            term.translation_key = uuid.uuid4()
            term.save(update_fields=["locale", "translation_key"])
            copy = {field: getattr(term, field) for field in ("slug", "sort_order", "description") if hasattr(term, field)}
            model.objects.create(**copy, label=term.name_en or term.label, locale=english, translation_key=term.translation_key)


def join_languages(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("learning_centres", name)
        translations = model.objects.filter(locale__language_code="en")
        english = {row.translation_key: row.label for row in translations}
        # Nothing points at a translation (case studies take originals only), so the rows go
        # without the deletion collector, which cannot follow historical models' relations.
        translations._raw_delete(schema_editor.connection.alias)
        for term in model.objects.all():
            term.name_en = english.get(term.translation_key, "")
            term.save(update_fields=["name_en"])


def locale_field(null: bool):
    return models.ForeignKey(
        null=null,
        editable=False,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="wagtailcore.locale",
        verbose_name="locale",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("learning_centres", "0005_merge_0004_case_study_external_id_0004_centre_website"),
        ("home", "0003_english_locale"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        *[
            operation
            for name in MODELS
            for operation in (
                migrations.RenameField(model_name=name, old_name="name_th", new_name="label"),
                migrations.AlterField(model_name=name, name="label", field=models.CharField(max_length=255, verbose_name="ชื่อ")),
                migrations.AlterField(model_name=name, name="slug", field=models.SlugField(max_length=64, verbose_name="slug")),
                migrations.AddField(model_name=name, name="locale", field=locale_field(null=True)),
                migrations.AddField(model_name=name, name="translation_key", field=models.UUIDField(null=True, editable=False)),
            )
        ],
        migrations.RunPython(split_languages, join_languages),
        *[
            operation
            for name in MODELS
            for operation in (
                migrations.AlterField(model_name=name, name="locale", field=locale_field(null=False)),
                migrations.AlterField(model_name=name, name="translation_key", field=models.UUIDField(default=uuid.uuid4, editable=False)),
                migrations.RemoveField(model_name=name, name="name_en"),
                migrations.AlterUniqueTogether(name=name, unique_together={("translation_key", "locale")}),
                migrations.AddConstraint(model_name=name, constraint=models.UniqueConstraint(fields=("slug", "locale"), name=f"{name}_slug_per_locale")),
            )
        ],
        migrations.AlterField(
            model_name="casestudypage",
            name="focus_areas",
            field=modelcluster.fields.ParentalManyToManyField(
                limit_choices_to=THAI_TERMS, related_name="case_studies", to="learning_centres.focusarea", verbose_name="ด้านพื้นฐาน"
            ),
        ),
        migrations.AlterField(
            model_name="casestudypage",
            name="funding_sources",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True, limit_choices_to=THAI_TERMS, related_name="case_studies", to="learning_centres.fundingsource", verbose_name="แหล่งงบประมาณ"
            ),
        ),
        migrations.AlterField(
            model_name="casestudypage",
            name="target_groups",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True, limit_choices_to=THAI_TERMS, related_name="case_studies", to="learning_centres.targetgroup", verbose_name="กลุ่มเป้าหมาย"
            ),
        ),
    ]
