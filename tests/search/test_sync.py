"""Every editorial change reaches the index through the durable outbox."""

import pytest

from learning_centres.models import CaseStudyPage
from search.backends.engine.query import run
from search.contract import SearchQuery
from search.documents import document_id
from search.indexing import deliver_due, enqueue
from search.models import PendingIndexUpdate
from tests.learning_centres.factories import CaseStudyPageFactory, LearningCentrePageFactory

from .conftest import index_now

pytestmark = pytest.mark.django_db


def indexed_ids(engine) -> set[str]:
    engine.refresh()
    return set(engine.indexed_ids())


def test_publish_indexes_and_unpublish_removes(search_engine, centre):
    page = CaseStudyPageFactory(parent=centre, live=False)
    page.save_revision().publish()
    index_now(search_engine)
    assert document_id("case_study", page.pk) in indexed_ids(search_engine)

    page.refresh_from_db()
    page.unpublish()
    index_now(search_engine)
    assert document_id("case_study", page.pk) not in indexed_ids(search_engine)


def test_delete_removes(search_engine, case_study):
    case_study.save_revision().publish()
    index_now(search_engine)
    doc_id = document_id("case_study", case_study.pk)
    assert doc_id in indexed_ids(search_engine)
    case_study.delete()
    index_now(search_engine)
    assert doc_id not in indexed_ids(search_engine)


def test_a_centre_rename_reaches_its_case_studies(search_engine, centre, case_study):
    case_study.save_revision().publish()
    centre.title = "ศูนย์เรียนรู้บ้านหนองบัวแดง"
    centre.save_revision().publish()
    index_now(search_engine)
    hits = run(search_engine, SearchQuery(text="")).hits
    assert {hit.source["centre_title"] for hit in hits} == {"ศูนย์เรียนรู้บ้านหนองบัวแดง"}


def test_an_lao_rename_reaches_centres_and_case_studies(search_engine, centre, case_study):
    case_study.save_revision().publish()
    index_now(search_engine)
    centre.lao.name_th = "เทศบาลตำบลหนองบัวแดง"
    centre.lao.save()
    index_now(search_engine)
    result = run(search_engine, SearchQuery(text="หนองบัวแดง", kinds=("case_study", "centre")))
    assert {hit.page_id for hit in result.hits} == {centre.pk, case_study.pk}


def test_moving_a_case_study_to_another_centre_updates_its_place(search_engine, centre, centre_index, case_study):
    from learning_centres.models import Province
    from tests.learning_centres.factories import LAOFactory

    songkhla = LAOFactory(province=Province.objects.get(code="90"))
    other = LearningCentrePageFactory(parent=centre_index, lao=songkhla)
    case_study.save_revision().publish()
    CaseStudyPage.objects.get(pk=case_study.pk).move(other, pos="last-child")
    index_now(search_engine)
    result = run(search_engine, SearchQuery(filters={"province": ("90",)}))
    assert [hit.page_id for hit in result.hits] == [case_study.pk]


def test_a_case_study_under_an_unpublished_centre_is_not_searchable(search_engine, centre, case_study):
    case_study.save_revision().publish()
    centre.unpublish()
    index_now(search_engine)
    assert indexed_ids(search_engine) == set()


def test_changes_coalesce_into_one_outbox_row(search_engine, case_study, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        enqueue([case_study.pk], "publish")
        first = PendingIndexUpdate.objects.get(page_id=case_study.pk).version
        enqueue([case_study.pk], "publish")
    assert PendingIndexUpdate.objects.filter(page_id=case_study.pk).get().version > first


def test_delivery_after_commit_leaves_the_outbox_empty(search_engine, case_study, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case_study.save_revision().publish()
    assert not PendingIndexUpdate.objects.exists()
    assert document_id("case_study", case_study.pk) in indexed_ids(search_engine)


def test_no_index_yet_means_the_update_waits(search_engine, case_study):
    for name in search_engine.versioned_indices():
        search_engine.delete_index(name)
    case_study.save_revision().publish()
    report = deliver_due(engine=search_engine)
    assert report.failed == 1
    assert PendingIndexUpdate.objects.get(page_id=case_study.pk).attempts == 1
    assert search_engine.versioned_indices() == []  # nothing auto-created with a guessed mapping
