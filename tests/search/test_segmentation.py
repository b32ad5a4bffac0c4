"""Segment once (#19): a text is cut into words when its page is published, the result is
stored, and rebuilds of the fallback and the index re-use it; only changed text is cut
again."""

import pytest

from search import documents, segmentation
from search.backends.database.sync import rebuild_fallback
from search.indexing import rebuild
from search.models import SegmentedText
from tests.search.corpus import publish_case
from thai import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(centre):
    centre.save_revision().publish()  # its texts are stored too
    return centre


@pytest.fixture
def cuts(centre, monkeypatch):
    """Every text the document builder segments (a spy on the real segmenter)."""
    seen: list[str] = []

    def counting(value: str) -> str:
        seen.append(value)
        return text.mark_words(value)

    monkeypatch.setattr(segmentation, "mark_words", counting)
    monkeypatch.setattr(documents, "mark_words", counting)
    return seen


def test_publishing_stores_the_segmentation_of_the_pages_texts(centre, cuts):
    publish_case(centre, "ธนาคารเวลาดูแลผู้สูงอายุ", "สมาชิกฝากชั่วโมงช่วยเหลือกัน")
    stored = dict(SegmentedText.objects.values_list("digest", "marked"))
    assert stored[segmentation.digest("ธนาคารเวลาดูแลผู้สูงอายุ")] == text.mark_words("ธนาคารเวลาดูแลผู้สูงอายุ")
    assert "ธนาคารเวลาดูแลผู้สูงอายุ" in cuts


@pytest.mark.parametrize("workers", [1, 2])
def test_a_fallback_rebuild_reuses_what_publishing_segmented(centre, cuts, workers):
    publish_case(centre, "ธนาคารเวลาดูแลผู้สูงอายุ", "สมาชิกฝากชั่วโมงช่วยเหลือกัน")
    cuts.clear()
    assert rebuild_fallback(workers=workers) == 2
    assert cuts == []


def test_an_index_rebuild_reuses_it_too(search_engine, centre, cuts):
    publish_case(centre, "ธนาคารเวลาดูแลผู้สูงอายุ", "สมาชิกฝากชั่วโมงช่วยเหลือกัน")
    cuts.clear()
    assert rebuild(search_engine, workers=1).documents == 2
    assert cuts == []


def test_only_changed_text_is_segmented_again(centre, cuts):
    page = publish_case(centre, "ธนาคารเวลาดูแลผู้สูงอายุ", "สมาชิกฝากชั่วโมงช่วยเหลือกัน")
    cuts.clear()
    page.title = "ธนาคารเวลาของตำบล"
    page.save_revision().publish()
    assert cuts == ["ธนาคารเวลาของตำบล"]


def test_texts_never_seen_are_segmented_by_the_rebuild_and_stored(centre, cuts):
    publish_case(centre, "ธนาคารเวลาดูแลผู้สูงอายุ", "สมาชิกฝากชั่วโมงช่วยเหลือกัน")
    SegmentedText.objects.all().delete()  # e.g. a database older than the table
    cuts.clear()
    rebuild_fallback(workers=1)
    assert "ธนาคารเวลาดูแลผู้สูงอายุ" in cuts
    cuts.clear()
    rebuild_fallback(workers=1)
    assert cuts == []


def test_a_new_segmenter_never_reads_the_old_ones_cuts(monkeypatch):
    before = segmentation.digest("ผู้สูงอายุ")
    monkeypatch.setattr(segmentation, "_prefix", lambda: b"another segmenter\0")
    assert segmentation.digest("ผู้สูงอายุ") != before
