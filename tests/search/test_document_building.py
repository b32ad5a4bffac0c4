"""Building documents faster must not change them: the segmentation cache (text cut run by
run, each run remembered) gives exactly PyThaiNLP's cut of the whole text, the cache stays
bounded, and a rebuild with a pool of worker processes indexes the same documents as one
without."""

import pytest

from learning_centres.demo import load_demo_content
from search import text
from search.documents import all_documents

from .conftest import ENGINE_URL

# Texts where cutting at spaces could go wrong: dictionary words with a space inside
# (ใคร ๆ, แมนเชสเตอร์ ซิตี้), a run whose last character cluster depends on what follows
# (เกีย at the end of a run and of the text), formatted numbers, Latin, abbreviations.
TRICKY = [
    "เด็ก ๆ เล่นกันทุกวัน ใคร ๆ ก็รู้ แมนเชสเตอร์ ซิตี้ ชนะ แอมเพิลริช อินเวสต์เมนท์",
    "เกีย เกีย",
    "เกียเกีย เกียะ",
    "ประชุมเวลา 12:00น อัตราแลกเปลี่ยน 1,234.5 บาท IP 127.0.0.1 ครับ",
    "อบต. บ้านใหม่ รพ.สต. ร่วมกับ อสม. ดูแลผู้สูงอายุติดเตียง Long-term care 2567",
    "ๆ เฉย ๆ ๆ",
    "ศูนย์พัฒนาเด็กเล็กต้นแบบ องค์การบริหารส่วนตำบลแม่ริม",
    "single",
    "",
]


def _whole_text_cut(cleaned: str) -> list[str]:
    """PyThaiNLP's cut of the whole text at once: what the portal did before the cache."""
    return text._tokenizer().word_tokenize(cleaned) if cleaned else []


@pytest.mark.parametrize("sample", TRICKY)
@pytest.mark.parametrize("lowercase", [False, True])
def test_cutting_run_by_run_gives_the_whole_texts_tokens(sample, lowercase):
    cleaned = text._clean(sample, lowercase=lowercase)
    text.clear_segment_cache()
    assert text._cut(cleaned) == _whole_text_cut(cleaned)
    assert text._cut(cleaned) == _whole_text_cut(cleaned)  # again, from the cache


def test_a_space_inside_a_dictionary_word_does_not_cut_the_run():
    assert text._runs("เล่น ใคร ๆ ไป") == ["เล่น", "ใคร ๆ", "ไป"]
    assert text._cut("เล่น ใคร ๆ ไป") == ["เล่น", " ", "ใคร ๆ", " ", "ไป"]  # one token, as PyThaiNLP makes it


def test_the_segmentation_cache_is_bounded():
    text.clear_segment_cache()
    limit = text.segment_cache_info().maxsize
    assert limit == text.SEGMENT_CACHE_SIZE
    for number in range(limit + 100):  # Latin runs: cheap to cut
        text._cut(f"run{number} x")
    info = text.segment_cache_info()
    assert info.currsize == limit
    assert info.misses == limit + 101
    text.clear_segment_cache()


def _documents(**kwargs) -> list:
    return list(all_documents(**kwargs))


@pytest.mark.django_db
def test_demo_documents_are_the_same_with_the_cache_workers_or_neither(monkeypatch):
    load_demo_content(limit=6)
    text.clear_segment_cache()
    cached = _documents()
    assert text.segment_cache_info().hits > 0  # titles and places repeat
    assert _documents(workers=2) == cached
    with monkeypatch.context() as patch:
        patch.setattr(text, "_cut", _whole_text_cut)  # no runs, no cache
        assert _documents() == cached
    ids = [doc_id for doc_id, _document in cached]
    assert len(ids) == len(set(ids)) == 6 + 14  # case studies + centres


@pytest.mark.django_db
def test_a_rebuild_with_workers_indexes_the_same_documents(search_engine):
    assert ENGINE_URL
    from search.indexing import rebuild

    load_demo_content(limit=6)

    def indexed() -> dict:
        hits = search_engine.client.search(index=search_engine.alias, body={"size": 100, "query": {"match_all": {}}})["hits"]["hits"]
        return {hit["_id"]: hit["_source"] for hit in hits}

    one = rebuild(search_engine, workers=1)
    alone = indexed()
    two = rebuild(search_engine, workers=2)
    assert one.documents == two.documents == len(alone) == 6 + 14
    assert indexed() == alone
