"""Building documents faster must not change them: nlpO3 (the compiled newmm the portal
segments with) cuts Thai text exactly as PyThaiNLP's newmm does with the same dictionary,
and a rebuild with a pool of worker processes indexes the same documents as one without."""

import pytest
from pythainlp.tokenize import Tokenizer

from bench.corpus import generate
from home.demo import load_demo_content
from search.documents import all_documents
from thai import text

from .conftest import ENGINE_URL

# Thai texts where newmm has choices to make: dictionary words with a space inside (ใคร ๆ,
# แมนเชสเตอร์ ซิตี้), a last character cluster that depends on what follows (เกีย),
# repetition marks, programme abbreviations, place names, numbers between Thai words.
THAI = [
    "เด็ก ๆ เล่นกันทุกวัน ใคร ๆ ก็รู้ แมนเชสเตอร์ ซิตี้ ชนะ แอมเพิลริช อินเวสต์เมนท์",
    "เกีย เกีย",
    "เกียเกีย เกียะ",
    "อัตราแลกเปลี่ยน 1,234.5 บาท IP 127.0.0.1 ครับ",
    "อบต. บ้านใหม่ รพ.สต. ร่วมกับ อสม. ดูแลผู้สูงอายุติดเตียง Long-term care 2567",
    "ๆ เฉย ๆ ๆ",
    "ศูนย์พัฒนาเด็กเล็กต้นแบบ องค์การบริหารส่วนตำบลแม่ริม",
    "ถนนราชดำเนินกลาง แขวงบวรนิเวศ เขตพระนคร กรุงเทพมหานคร 10200",
    "single",
    "",
]


@pytest.fixture(scope="module")
def pythainlp_newmm():
    return Tokenizer(custom_dict=text.dictionary_words(), engine="newmm", keep_whitespace=True)


def _pythainlp_cut(tokenizer, cleaned: str) -> list[str]:
    return tokenizer.word_tokenize(cleaned) if cleaned else []


@pytest.mark.parametrize("sample", THAI)
@pytest.mark.parametrize("lowercase", [False, True])
def test_thai_is_cut_as_pythainlp_cuts_it(sample, lowercase, pythainlp_newmm):
    cleaned = text._clean(sample, lowercase=lowercase)
    assert text._cut(cleaned) == _pythainlp_cut(pythainlp_newmm, cleaned)


def test_generated_case_studies_are_cut_as_pythainlp_cuts_them(pythainlp_newmm):
    corpus = generate(60, seed=11)
    for case in corpus.case_studies:
        cleaned = text._clean(corpus.searchable_text(case), lowercase=True)
        assert text._cut(cleaned) == _pythainlp_cut(pythainlp_newmm, cleaned), case.slug


def test_latin_punctuation_is_split_off_words():
    """Where nlpO3 differs from PyThaiNLP: PyThaiNLP keeps "(Long" as one token; nlpO3 makes
    "(" and "Long", so the fallback's words and the engine's agree on "long"."""
    assert text.tokens("ผู้สูงอายุ (Long Term Care)") == ["ผู้สูงอายุ", "long", "term", "care"]
    assert text.tokens("เวลา 12:00น") == ["เวลา", "12", "00", "น"]


def test_a_space_inside_a_dictionary_word_is_kept_in_the_word():
    assert text._cut("เล่น ใคร ๆ ไป") == ["เล่น", " ", "ใคร ๆ", " ", "ไป"]


def _documents(**kwargs) -> list:
    return list(all_documents(**kwargs))


@pytest.mark.django_db
def test_demo_documents_are_the_same_with_workers_or_without():
    load_demo_content(limit=6)
    alone = _documents()
    assert _documents(workers=2) == alone
    ids = [doc_id for doc_id, _document in alone]
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


def test_word_marks_go_only_where_thai_is_cut():
    assert text.mark_words("ดูแลผู้สูงอายุ") == "ดูแล\u200bผู้สูงอายุ"
    assert text.mark_words("เวลา 12:00น") == "เวลา 12:00\u200bน"
    assert text.mark_words("อีเมล a@b.co <script>") == "อีเมล a@b.co <script>"  # nothing inside Latin
