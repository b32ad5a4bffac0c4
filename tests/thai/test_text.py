"""The one normaliser and segmenter shared by the index, the queries and the fallback."""

from thai.text import WORD_MARK, display_form, mark_words, match_form, matching_view, normalise, segment, tokens


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
