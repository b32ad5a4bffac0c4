"""Bulk imports write the search side a batch of rows at a time (search.indexing.batch):
the fallback table and the outbox must still end up with every imported page, exactly
once, and a failure anywhere leaves none of them behind. The number of queries a row
costs must not grow with the file."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning_centres.models import CaseStudyPage, LearningCentrePage, LocalAdministrativeOrganisation
from open_data.importing import case_studies
from open_data.importing.case_studies import import_case_studies
from search import indexing
from search.backends.database import query as database_search
from search.contract import SearchQuery
from search.documents import document_id
from search.models import FallbackDocument, PendingIndexUpdate

from .conftest import case_row, write_csv

pytestmark = pytest.mark.django_db

# One distinctive Thai word per row, each found by the fallback only in its own case study.
WORDS = ["สมุนไพร", "ดนตรี", "จักรยาน", "ทันตกรรม", "โภชนาการ", "หัตถกรรม", "กายภาพบำบัด"]


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 3 rows: a 7-row file flushes twice mid-file and once at the end."""
    monkeypatch.setattr(case_studies, "WRITE_BATCH", 3)


@pytest.fixture
def unreachable_engine(settings):
    """An engine is configured (so the outbox is written) but never reached: delivery runs
    only after a commit, which never happens inside a test's transaction."""
    settings.SEARCH_URL = "http://127.0.0.1:9"
    settings.SEARCH_INDEX_PREFIX = "test-import-batches"


def rows(words=WORDS, *, prefix="BATCH", text="ชุมชนใช้{word}ในการดูแลผู้สูงอายุ"):
    return [
        case_row(
            external_id=f"{prefix}-{number}",
            title=f"กรณีศึกษาที่ {number}",
            context_and_problem=text.format(word=word),
            keywords="อาสาสมัคร",
        )
        for number, word in enumerate(words, start=1)
    ]


def found(word: str) -> set[str]:
    hits = database_search.search(SearchQuery(text=word)).hits
    return {CaseStudyPage.objects.get(pk=hit.page_id).external_id for hit in hits}


def test_every_imported_case_study_is_found_by_its_own_word(centre_index, tmp_path, small_batches, unreachable_engine):
    report = import_case_studies(write_csv(tmp_path / "cases.csv", rows()), publish=True)
    assert report.ok and report.counts["created"] == len(WORDS), str(report)

    for number, word in enumerate(WORDS, start=1):
        assert found(word) == {f"BATCH-{number}"}, word
    pages = set(CaseStudyPage.objects.values_list("pk", flat=True)) | set(LearningCentrePage.objects.values_list("pk", flat=True))
    assert len(pages) == len(WORDS) + 1
    assert set(FallbackDocument.objects.values_list("page_id", flat=True)) == pages
    # The index is told about every page once (one outbox row each), for delivery after the commit.
    assert sorted(PendingIndexUpdate.objects.values_list("page_id", flat=True)) == sorted(pages)


def test_reimport_updates_the_fallback_rows_instead_of_adding_rows(centre_index, tmp_path, small_batches):
    import_case_studies(write_csv(tmp_path / "first.csv", rows()), publish=True)
    rewritten = rows(text="ผู้สูงอายุเล่นหมากรุกทุกเย็น")  # the same external ids, new text
    report = import_case_studies(write_csv(tmp_path / "second.csv", rewritten), publish=True)

    assert report.ok and report.counts == {"updated": len(WORDS)}, str(report)
    assert CaseStudyPage.objects.count() == len(WORDS)
    assert FallbackDocument.objects.count() == len(WORDS) + 1  # the case studies and their centre
    assert all(found(word) == set() for word in WORDS)
    assert found("หมากรุก") == {f"BATCH-{number}" for number in range(1, len(WORDS) + 1)}


def test_a_failure_late_in_the_file_leaves_no_page_fallback_row_or_outbox_row(
    centre_index, tmp_path, small_batches, unreachable_engine, monkeypatch
):
    original = case_studies.CaseStudyWriter.write

    def fail_on_the_last_row(self, row, existing_pk):
        if row.external_id == f"BATCH-{len(WORDS)}":  # after two batches were flushed
            raise RuntimeError("disk full")
        return original(self, row, existing_pk)

    monkeypatch.setattr(case_studies.CaseStudyWriter, "write", fail_on_the_last_row)
    flushed = []
    monkeypatch.setattr(indexing, "_record", lambda reasons, real=indexing._record: flushed.append(len(reasons)) or real(reasons))

    report = import_case_studies(write_csv(tmp_path / "cases.csv", rows()), publish=True)

    assert not report.ok and "disk full" in str(report)
    assert len(flushed) == 2  # the batches before the failure were written, then rolled back
    assert not CaseStudyPage.objects.exists() and not LearningCentrePage.objects.exists()
    assert not LocalAdministrativeOrganisation.objects.exists()
    assert not FallbackDocument.objects.exists()
    assert not PendingIndexUpdate.objects.exists()
    assert all(found(word) == set() for word in WORDS)


def test_delivery_is_asked_for_once_per_import(
    centre_index, tmp_path, small_batches, unreachable_engine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = import_case_studies(write_csv(tmp_path / "cases.csv", rows()), publish=True)
    assert report.ok, str(report)
    assert [callback for callback in callbacks if callback is indexing.schedule_delivery] == [indexing.schedule_delivery]


def _import_counting(tmp_path, name: str, count: int) -> tuple[int, int]:
    """(all queries, queries on the search fallback and outbox tables) of importing count
    new rows into the centre of the first import."""
    words = [f"คำ{number}" for number in range(count)]
    path = write_csv(tmp_path / f"{name}.csv", rows(words, prefix=name))
    with CaptureQueriesContext(connection) as context:
        report = import_case_studies(path, publish=True)
    assert report.ok and report.counts == {"created": count}, str(report)
    search_side = [
        query["sql"]
        for query in context.captured_queries
        if any(table in query["sql"] for table in ("fallbackdocument", "fallbackfts", "pendingindexupdate"))
    ]
    return len(context.captured_queries), len(search_side)


def test_queries_per_row_do_not_grow_with_the_file(centre_index, tmp_path, unreachable_engine):
    import_case_studies(write_csv(tmp_path / "first.csv", rows(WORDS[:1], prefix="FIRST")), publish=True)  # the centre, the LAO, tags

    five, five_search = _import_counting(tmp_path, "FIVE", 5)
    twenty, twenty_search = _import_counting(tmp_path, "TWENTY", 20)

    assert twenty / 20 <= five / 5
    # One batch either way: the search side costs the same few queries for 5 rows as for 20.
    assert twenty_search == five_search
    assert indexing.BATCH_LIMIT >= case_studies.WRITE_BATCH > 20


def test_the_search_engine_receives_every_imported_page(centre_index, tmp_path, small_batches, search_engine):
    from tests.search.conftest import index_now

    report = import_case_studies(write_csv(tmp_path / "cases.csv", rows()), publish=True)
    assert report.ok, str(report)
    index_now(search_engine)
    expected = {document_id("case_study", pk) for pk in CaseStudyPage.objects.values_list("pk", flat=True)}
    expected |= {document_id("centre", pk) for pk in LearningCentrePage.objects.values_list("pk", flat=True)}
    assert set(search_engine.indexed_ids()) == expected
    assert not PendingIndexUpdate.objects.exists()
