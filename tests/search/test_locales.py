"""The index holds each case study and centre once: the Thai original, never the English
tree's aliases of it, however the aliases change."""

import pytest

from portal.locales import mirror_page_tree
from search.documents import document_id
from search.indexing import rebuild

from .conftest import index_now

pytestmark = pytest.mark.django_db


def test_the_index_holds_only_the_thai_originals(search_engine, home_page, centre, case_study):
    centre.save_revision().publish()
    case_study.save_revision().publish()
    mirror_page_tree(home_page)
    rebuild(search_engine)
    index_now(search_engine)
    assert set(search_engine.indexed_ids()) == {document_id("centre", centre.pk), document_id("case_study", case_study.pk)}

    case_study.title = "ธนาคารเวลาดูแลผู้สูงอายุ"
    case_study.save_revision().publish()  # also republishes the English alias
    index_now(search_engine)
    assert set(search_engine.indexed_ids()) == {document_id("centre", centre.pk), document_id("case_study", case_study.pk)}
