"""Privacy changes reach the index through the outbox, and the fallback at once: a view
restriction added on a page or any ancestor removes the pages under it; removed again, they
come back. Changed (another kind of restriction) they stay out."""

import pytest

from wagtail.models import PageViewRestriction

from search.documents import document_id
from search.models import FallbackDocument, PendingIndexUpdate

from .conftest import index_now

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


def searchable(engine) -> set[str]:
    engine.refresh()
    return set(engine.indexed_ids())


def in_fallback() -> set[str]:
    return set(FallbackDocument.objects.values_list("doc_id", flat=True))


def test_a_restriction_on_an_ancestor_takes_the_pages_out_and_lifting_it_brings_them_back(search_engine, centre_index, centre, case_study):
    centre.save_revision().publish()
    case_study.save_revision().publish()
    index_now(search_engine)
    docs = {document_id("centre", centre.pk), document_id("case_study", case_study.pk)}
    assert docs <= searchable(search_engine) and docs <= in_fallback()

    restriction = PageViewRestriction.objects.create(page=centre_index, restriction_type=PageViewRestriction.LOGIN)
    assert set(PendingIndexUpdate.objects.values_list("reason", flat=True)) == {"privacy"}
    assert not docs & in_fallback()  # the fallback follows in the same transaction
    index_now(search_engine)
    assert not docs & searchable(search_engine)

    restriction.restriction_type = PageViewRestriction.PASSWORD
    restriction.password = "รหัสลับ"
    restriction.save()
    index_now(search_engine)
    assert not docs & searchable(search_engine) and not docs & in_fallback()

    restriction.delete()
    assert docs <= in_fallback()
    index_now(search_engine)
    assert docs <= searchable(search_engine)


def test_a_restriction_on_the_case_study_itself_takes_only_it_out(search_engine, centre, case_study):
    centre.save_revision().publish()
    case_study.save_revision().publish()
    index_now(search_engine)
    PageViewRestriction.objects.create(page=case_study, restriction_type=PageViewRestriction.LOGIN)
    index_now(search_engine)
    assert document_id("case_study", case_study.pk) not in searchable(search_engine)
    assert document_id("centre", centre.pk) in searchable(search_engine)
