"""The database backend's rows stay equal to what is searchable: editorial signals, batches,
rebuilds, the command and `migrate` (search.backends.database.sync)."""

import pytest

from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction

from learning_centres.models import CaseStudyPage
from search.backends.database import query as database
from search.backends.database import sqlite, sync
from search.contract import SearchQuery
from search.documents import document_id, expected_documents
from search.indexing import batch, enqueue
from search.models import FallbackDocument
from tests.learning_centres.factories import CaseStudyPageFactory
from tests.search.corpus import publish_case

from .conftest import make_centre, titles

pytestmark = pytest.mark.django_db


# --- staying equal to the pages --------------------------------------------------------------


def rows() -> set[str]:
    return set(FallbackDocument.objects.values_list("doc_id", flat=True))


def full_text_in_sync() -> bool:
    """The engine-specific full-text structures hold exactly the rows."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT rowid FROM {sqlite.FTS_TABLE}")  # noqa: S608 - a constant table name
            fts = {row[0] for row in cursor.fetchall()}
            return fts == set(FallbackDocument.objects.values_list("page_id", flat=True))
        cursor.execute("SELECT count(*) FROM portal_search_fallbackdocument WHERE fine_tsv IS NULL OR words_tsv IS NULL")
        return cursor.fetchone()[0] == 0


def test_publishing_adds_a_row_and_unpublishing_removes_it(centre):
    page = CaseStudyPageFactory(parent=centre, live=False, title="ใหม่ล่าสุด")
    assert document_id("case_study", page.pk) not in rows()
    page.save_revision().publish()
    assert document_id("case_study", page.pk) in rows()
    assert titles("ใหม่ล่าสุด") == {"ใหม่ล่าสุด"}
    assert full_text_in_sync()
    page.refresh_from_db()
    page.unpublish()
    assert document_id("case_study", page.pk) not in rows()
    assert titles("ใหม่ล่าสุด") == set()
    assert full_text_in_sync()


def test_an_edit_replaces_the_row(case_study):
    case_study.save_revision().publish()
    case_study.title = "ชื่อใหม่หลังแก้ไข"
    case_study.save_revision().publish()
    assert titles("ชื่อใหม่หลังแก้ไข") == {"ชื่อใหม่หลังแก้ไข"}
    assert FallbackDocument.objects.filter(page_id=case_study.pk).count() == 1
    assert full_text_in_sync()


def test_deleting_removes_the_row(case_study):
    case_study.save_revision().publish()
    doc_id = document_id("case_study", case_study.pk)
    assert doc_id in rows()
    case_study.delete()
    assert doc_id not in rows()
    assert full_text_in_sync()


def test_a_centre_rename_reaches_its_case_studies(centre, case_study):
    case_study.save_revision().publish()
    centre.title = "ศูนย์เรียนรู้บ้านหนองบัวแดง"
    centre.save_revision().publish()
    hits = database.search(SearchQuery(text="")).hits
    assert [hit.source["centre_title"] for hit in hits] == ["ศูนย์เรียนรู้บ้านหนองบัวแดง"]


def test_an_lao_rename_reaches_centres_and_case_studies(centre, case_study):
    centre.save_revision().publish()
    case_study.save_revision().publish()
    centre.lao.name_th = "เทศบาลตำบลหนองบัวแดง"
    centre.lao.save()
    result = database.search(SearchQuery(text="หนองบัวแดง", kinds=("case_study", "centre")))
    assert {hit.page_id for hit in result.hits} == {centre.pk, case_study.pk}


def test_moving_a_case_study_updates_its_place(centre, centre_index, case_study):
    songkhla = make_centre(centre_index, province="90")
    case_study.save_revision().publish()
    CaseStudyPage.objects.get(pk=case_study.pk).move(songkhla, pos="last-child")
    result = database.search(SearchQuery(filters={"province": ("90",)}))
    assert [hit.page_id for hit in result.hits] == [case_study.pk]


def test_a_case_study_under_an_unpublished_centre_is_not_searchable(centre, case_study):
    case_study.save_revision().publish()
    assert rows() == {document_id("case_study", case_study.pk)}
    centre.unpublish()
    assert rows() == set()


def test_enqueue_updates_the_fallback_from_any_iterable(case_study):
    enqueue((page_id for page_id in [case_study.pk]), "test")  # a generator, read once
    assert rows() == {document_id("case_study", case_study.pk)}


def test_a_batch_writes_the_fallback_when_flushed_and_at_its_end(town_centre):
    with batch() as current:
        first = publish_case(town_centre, "ธนาคารเวลา")
        with batch() as inner:  # joins the outer batch
            second = publish_case(town_centre, "โรงเรียนผู้สูงอายุ")
        assert inner is current and rows() == set()  # nothing written yet
        current.flush()
        assert rows() == {document_id("case_study", first.pk), document_id("case_study", second.pk)}
        third = publish_case(town_centre, "กายภาพบำบัด")
        third.save_revision().publish()  # twice in one batch: one row
    assert titles("กายภาพบำบัด") == {"กายภาพบำบัด"}
    assert FallbackDocument.objects.filter(page_id=third.pk).count() == 1


def test_an_error_inside_a_batch_leaves_no_fallback_row(town_centre):
    with pytest.raises(RuntimeError), transaction.atomic(), batch():
        publish_case(town_centre, "กายภาพบำบัด")
        raise RuntimeError("the import failed")
    assert titles("กายภาพบำบัด") == set() and rows() == set()


def test_rebuild_holds_exactly_the_searchable_documents(corpus, centre_index):
    hidden_centre = make_centre(centre_index)
    publish_case(hidden_centre, "ใต้ศูนย์ที่ถอน", "ผู้สูงอายุ")
    hidden_centre.unpublish()
    FallbackDocument.objects.all().delete()
    assert database.search(SearchQuery(text="ผู้สูงอายุ")).total == 0

    count = sync.rebuild_fallback()
    expected = set(expected_documents())
    assert count == len(expected) == len(rows())
    assert rows() == expected
    assert "ใต้ศูนย์ที่ถอน" not in titles("")
    assert "เยี่ยมบ้าน" in titles("ผู้สูงอายุ")
    assert full_text_in_sync()
    assert sync.rebuild_fallback() == count  # again: no duplicates
    assert full_text_in_sync()


def test_the_command_and_migrate_refill_a_stale_table(corpus):
    FallbackDocument.objects.all().delete()
    call_command("rebuild_fallback_index", verbosity=0)
    assert rows() == set(expected_documents())
    FallbackDocument.objects.filter(doc_id__in=list(rows())[:3]).delete()
    sync.fill_after_migrate(sender=apps.get_app_config("portal_search"))
    assert rows() == set(expected_documents())
