"""The one normaliser and segmenter shared by the index, the queries and the fallback."""

from hypothesis import given, settings
from hypothesis import strategies as st

from thai.text import WORD_MARK, display_form, mark_words, match_form, matching_view, normalise, segment, tokens, word_suffixes


class TestNormalise:
    def test_thai_digits_become_arabic(self):
        assert normalise("พ.ศ. ๒๕๖๗") == "พศ 2567"

    def test_zero_width_characters_become_spaces(self):
        assert normalise("ผู้สูงอายุ\u200bติดเตียง\ufeff") == "ผู้สูงอายุ ติดเตียง"

    def test_common_misspellings_are_fixed(self):
        assert normalise("เเละ นํ้า") == "และ น้ำ"  # two sara e → sara ae; nikhahit + mai tho → sara am

    def test_abbreviation_dots_go(self):
        assert normalise("อบต. และ รพ.สต.") == "อบต และ รพสต"

    def test_nfc_keeps_sara_am_whole(self):
        assert normalise("น้ำ") == "น้ำ" and len(normalise("ทำ")) == 2

    def test_lowercase_and_single_spaces(self):
        assert normalise("  Care   MANAGER ") == "care manager"


class TestSegment:
    def test_cuts_unspaced_thai_into_words(self):
        assert segment("ศูนย์เรียนรู้ด้านการดูแลผู้สูงอายุ") == "ศูนย์ เรียนรู้ ด้าน การ ดูแล ผู้สูงอายุ"

    def test_knows_place_names_from_geothai(self):
        assert "แม่สะเรียง" in tokens("อำเภอแม่สะเรียงจังหวัดแม่ฮ่องสอน")

    def test_knows_programme_names_and_abbreviations(self):
        assert tokens("โคกหนองนาโมเดลของอบต.") == ["โคกหนองนาโมเดล", "ของ", "อบต"]

    def test_drops_punctuation(self):
        assert segment("ผู้สูงอายุ, (เด็ก)!") == "ผู้สูงอายุ เด็ก"

    def test_query_and_document_are_cut_alike(self):
        assert segment("๒๕๖๗ ผู้สูงอายุ") == segment("2567 ผู้สูงอายุ")


class TestMarkWords:
    def test_marks_word_boundaries_invisibly_and_keeps_case(self):
        marked = mark_words("ดูแลผู้สูงอายุ Care")
        assert marked == f"ดูแล{WORD_MARK}ผู้สูงอายุ Care"
        assert marked.replace(WORD_MARK, "") == "ดูแลผู้สูงอายุ Care"


class TestWrittenText:
    """The index stores text as written; matching normalises it (match_form, and the
    engine's analysis chain alike)."""

    def test_marked_text_keeps_dots_thai_digits_and_case(self):
        marked = mark_words("อบจ.แพร่ รพ.สต. ๕ แห่ง Care")
        assert marked.replace(WORD_MARK, "") == "อบจ.แพร่ รพ.สต. ๕ แห่ง Care"
        assert marked == f"อบจ.{WORD_MARK}แพร่ รพ.สต. ๕ แห่ง Care"

    def test_the_match_form_of_marked_text_is_the_normalised_words(self):
        marked = mark_words("อบจ.แพร่ รพ.สต. ๕ แห่ง Care")
        assert match_form(marked).replace(WORD_MARK, " ") == "อบจ แพร่ รพสต 5 แห่ง care"
        assert match_form(marked).replace(WORD_MARK, "") == normalise("อบจ.แพร่ รพ.สต. ๕ แห่ง Care")

    def test_only_invisible_fixes_are_applied_to_written_text(self):
        assert display_form("เเละ  นํ้า\u200bดี") == f"และ น้ำ{WORD_MARK}ดี"

    def test_the_matching_view_points_back_at_the_written_characters(self):
        view, origins = matching_view("รพ.สต. ๕")
        assert view == "รพสต 5"
        assert [("รพ.สต. ๕")[index] for index in origins] == ["ร", "พ", "ส", "ต", " ", "๕"]


def suffixes_one_by_one(marked: str, limit: int) -> list[str]:
    """word_suffixes() by its definition: normalise() each suffix on its own."""
    starts = [0] + [index + 1 for index, char in enumerate(marked) if char in (WORD_MARK, " ")]
    suffixes = [normalise(marked[start:].replace(WORD_MARK, "")) for start in starts[:limit]]
    return [suffix for suffix in suffixes if suffix]


def _dictionary_sample() -> list[str]:
    from pythainlp.corpus import thai_words

    return sorted(thai_words())[::97]  # about 640 words from every part of the alphabet


# Real words as authors write them: Thai dictionary words run together or spaced, with
# abbreviations, Thai digits, Latin words and punctuation between them.
WORDS = st.sampled_from(_dictionary_sample()) | st.sampled_from(["อบต.", "รพ.สต.", "๒๕๖๗", "2567", "Care", "(", ")", ",", "-", "ๆ"])
WRITTEN = st.lists(st.tuples(st.sampled_from(["", " "]), WORDS), max_size=12).map(lambda pairs: "".join(gap + word for gap, word in pairs))


class TestWordSuffixes:
    def test_every_word_start_gives_the_phrase_from_there(self):
        marked = mark_words("ดูแลผู้สูงอายุติดเตียง อบต.")
        assert word_suffixes(marked, 12) == ["ดูแลผู้สูงอายุติดเตียง อบต", "ผู้สูงอายุติดเตียง อบต", "ติดเตียง อบต", "เตียง อบต", "อบต"]

    def test_only_the_first_starts_are_taken(self):
        assert word_suffixes(mark_words("ดูแลผู้สูงอายุติดเตียง"), 2) == ["ดูแลผู้สูงอายุติดเตียง", "ผู้สูงอายุติดเตียง"]

    @settings(max_examples=300, deadline=None)
    @given(WRITTEN)
    def test_equal_to_normalising_each_suffix_on_its_own(self, text):
        marked = mark_words(text)
        assert word_suffixes(marked, 12) == suffixes_one_by_one(marked, 12)

    def test_a_zero_width_character_written_inside_a_misspelling_keeps_it_apart(self):
        # The one way to differ from normalising each suffix alone: text that had a zero-width
        # character where normalise() would join or drop characters (เ|เ for แ, a stray ๅ
        # after it). Each piece is still normalised; what the author split stays split.
        marked = mark_words("เ\u200bเ")
        assert word_suffixes(marked, 12) == ["เเ", "เ"]
        assert suffixes_one_by_one(marked, 12) == ["แ", "เ"]
