"""The one Thai/English text normaliser and segmenter of the portal.

Indexing, querying and the database fallback all call these functions, so a word is cut the
same way wherever it is stored or looked for. Thai has no spaces between words: we segment
with the dictionary-based `newmm` algorithm (nlpO3's compiled port of PyThaiNLP's) on
PyThaiNLP's word list extended with place names (geothai), programme names and the
abbreviations LAO staff type, and join the tokens with spaces.
"""

import hashlib
import os
import re
import tempfile
import unicodedata
from functools import lru_cache

import nlpo3
from pythainlp.util import normalize as thai_normalize
from pythainlp.util import remove_dangling, thai_digit_to_arabic_digit

from .names import undotted_abbreviations

# Zero-width characters glue words together in copied text; treat them as word breaks.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")
# The Thai block's assigned characters (letters, vowels, tone marks, digits, signs): the one
# definition of "Thai" in the portal (thai.compounds uses it too).
THAI_CHARACTERS = "\u0e01-\u0e5b"
THAI = re.compile(f"[{THAI_CHARACTERS}]")
THAI_CONSONANTS = "\u0e01-\u0e2e"  # ก to ฮ, the part of THAI_CHARACTERS abbreviations are made of
# The dots of Thai abbreviations (อบต., รพ.สต., พ.ศ.) go, so อบต. and อบต are one token.
_THAI_ABBREVIATION_DOT = re.compile(f"(?<=[{THAI_CONSONANTS}])\\.")
_THAI_CONSONANT = re.compile(f"[{THAI_CONSONANTS}]")
# A token worth indexing has a letter or digit; punctuation and spaces are not words.
_WORDLIKE = re.compile(f"[\\w{THAI_CHARACTERS}]")

# Names and terms that PyThaiNLP's word list lacks or cuts apart. Abbreviations are listed
# without dots because normalise() removes them.
PROGRAMME_TERMS = ("โคกหนองนาโมเดล", *undotted_abbreviations())


WORD_MARK = "\u200b"  # zero-width space: invisible in snippets, a word break to the index


def _clean(text: str, *, lowercase: bool) -> str:
    text = _ZERO_WIDTH.sub(" ", text or "")
    text = thai_normalize(text)
    text = thai_digit_to_arabic_digit(text)
    text = unicodedata.normalize("NFC", text)
    if lowercase:
        text = text.lower()
    text = _THAI_ABBREVIATION_DOT.sub("", text)
    return _SPACES.sub(" ", text).strip()


def normalise(text: str) -> str:
    """Canonical form of any text: Thai spelling fixed (เเ→แ, นํ้า→น้ำ), zero-width
    characters as spaces, Thai digits as Arabic, NFC (never NFKC, which splits ำ and breaks
    segmentation), lowercase, abbreviation dots removed, single spaces."""
    return _clean(text, lowercase=True)


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """The segmenter's word list: PyThaiNLP's words, programme terms and every province,
    district and subdistrict name (thai.compounds splits compounds with the same list)."""
    import geothai
    from pythainlp.corpus import thai_words

    words = set(thai_words()) | set(PROGRAMME_TERMS)
    for province in geothai.provinces():
        words.add(province.name_th)
        for district in geothai.districts(province.code):
            words.add(district.name_th)
            words.update(subdistrict.name_th for subdistrict in geothai.subdistricts(district.code))
    return frozenset(words)


@lru_cache(maxsize=1)
def _dictionary_name() -> str:
    """Load the dictionary into nlpO3 (the Rust port of PyThaiNLP's newmm: the same
    algorithm, about six times faster, which is what lets a rebuild keep up) and return the
    name it is known by. nlpO3 reads dictionaries from a file only, once per process;
    forked rebuild workers inherit it. The name carries a digest of the words, so a changed
    word list is a new dictionary, never a stale one of the same name."""
    words = "\n".join(sorted(dictionary_words()))
    name = "portal-" + hashlib.sha256(words.encode()).hexdigest()[:16]
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as file:
        file.write(words)
    try:
        message, loaded = nlpo3.load_dict(file.name, name)
    finally:
        os.unlink(file.name)
    if not loaded and "already exists" not in message:  # pragma: no cover - an unreadable file
        raise RuntimeError(message)
    return name


def warm_up() -> None:
    """Load the segmenter's dictionary now (about a second) rather than in the first visitor's
    search. Called by the WSGI entry point and before a rebuild forks its workers (which then
    share it), so tests and management commands that never segment do not pay for it."""
    _dictionary_name()


def _cut(cleaned: str) -> list[str]:
    """newmm's tokens of cleaned text, spaces included: the one place that segments. On Thai
    text they are PyThaiNLP's own; around Latin punctuation nlpO3 splits more finely
    ("(Long" is "(" and "Long"), which costs search nothing because queries are cut here too."""
    if not cleaned:
        return []
    return nlpo3.segment(cleaned, _dictionary_name())


def tokens(text: str) -> list[str]:
    """Normalised words of `text`, in order, without spaces or punctuation."""
    return [token for token in _cut(normalise(text)) if _WORDLIKE.search(token)]


def segment(text: str) -> str:
    """`text` normalised and cut into words joined by single spaces: the form stored in the
    index's segmented fields and in the fallback's full-text table."""
    return " ".join(tokens(text))


def display_form(text: str) -> str:
    """`text` as readers see it, with only invisible fixes: Thai spelling (เเ→แ, นํ้า→น้ำ,
    which render alike), NFC, whitespace runs as one space, and zero-width characters as
    WORD_MARK (the word break they stand for). Dots, Thai digits and case stay as written."""
    pieces = (unicodedata.normalize("NFC", thai_normalize(piece)) for piece in _ZERO_WIDTH.split(text or ""))
    return _SPACES.sub(" ", WORD_MARK.join(pieces)).strip(" " + WORD_MARK)


def matching_view(display: str) -> tuple[str, list[int]]:
    """The normalised form of display text (what normalise() gives) with, for each of its
    characters, the index of the display character it came from: lowercase, Thai digits as
    Arabic, abbreviation dots gone, WORD_MARK and space runs as one space. Every step works
    character by character, which is what lets a segmentation of the normalised text be
    carried back to the text as written."""
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(display):
        if char == "." and index and _THAI_CONSONANT.match(display[index - 1]):
            continue
        if char == WORD_MARK or char.isspace():
            if not chars or chars[-1] == " ":
                continue
            char = " "
        for folded in thai_digit_to_arabic_digit(char).lower():
            chars.append(folded)
            origins.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origins.pop()
    return "".join(chars), origins


# Stands in for WORD_MARK while word_suffixes() normalises a whole phrase: a private-use
# character, which no step of normalise() changes, removes or counts as a space.
_SUFFIX_START = "\ue000"


def word_suffixes(marked: str, limit: int) -> list[str]:
    """normalise() of marked text (mark_words) from each of its first `limit` word starts,
    WORD_MARKs removed (what a visitor types has none): "ดูแล|ผู้สูงอายุ" gives ดูแลผู้สูงอายุ
    and ผู้สูงอายุ. On words as authors write them, the same strings as normalising each
    suffix, at the cost of one normalisation (pythainlp's normalize costs about as much on a
    short text as on a long one, and a rebuild makes a dozen suffixes of every title). Only
    where the author's text had a zero-width character inside a misspelling (เ|เ for แ) does
    a suffix keep the two pieces apart."""
    joined = normalise(marked.replace(WORD_MARK, _SUFFIX_START))
    starts = [0] + [index + 1 for index, char in enumerate(joined) if char in (_SUFFIX_START, " ")]
    return [suffix for start in starts[:limit] if (suffix := _joined_again(joined[start:]))]


def _joined_again(normalised: str) -> str:
    """A suffix of word_suffixes() with its word marks removed, finished as normalise() would
    finish it alone: the marks stood between a consonant and its abbreviation dot, or
    before vowels and marks that would start it (where the author's text had a zero-width
    character there)."""
    text = _THAI_ABBREVIATION_DOT.sub("", normalised.replace(_SUFFIX_START, ""))
    return _SPACES.sub(" ", remove_dangling(text)).strip()


def match_form(marked: str) -> str:
    """Text cut by mark_words() normalised for matching, its WORD_MARKs kept: what the
    engine's analysis chain does to it (search.backends.engine.mapping), for the database
    fallback's words."""
    text = _THAI_ABBREVIATION_DOT.sub("", marked)
    return thai_digit_to_arabic_digit(text).lower()


def mark_words(text: str) -> str:
    """`text` as stored in the index: as the author wrote it (display_form: abbreviation
    dots, Thai digits and letter case kept), with an invisible WORD_MARK between adjacent
    words as the segmenter cut the normalised text, so that the engine (which normalises
    at analysis time) splits Thai exactly where we do, while titles, snippets and
    highlights read as the original. Only where Thai is on either side: Latin words,
    numbers and their punctuation ("12:00", "<b>", e-mail addresses) the engine splits by
    itself, and a mark inside them would travel with a copied snippet."""
    display = display_form(text)
    matching, origins = matching_view(display)
    tokens = _cut(matching)
    if "".join(tokens) != matching:  # pragma: no cover - the segmenter always keeps every character
        raise ValueError("segmentation lost characters")
    marks: set[int] = set()
    previous_thai: bool | None = None  # None: at the start, or after a space
    position = 0
    for token in tokens:
        if token.isspace():
            previous_thai = None
        else:
            thai = bool(THAI.search(token))
            if previous_thai is not None and (thai or previous_thai):
                marks.add(origins[position])
            previous_thai = thai
        position += len(token)
    if not marks:
        return display
    parts, start = [], 0
    for index in sorted(marks):
        parts += [display[start:index], WORD_MARK]
        start = index
    parts.append(display[start:])
    return "".join(parts)


# Raise when mark_words() would cut or mark any text differently for a reason
# segmenter_version() does not see (its rules here).
MARK_RULES_VERSION = "2"


@lru_cache(maxsize=1)
def segmenter_version() -> str:
    """What decides mark_words()'s output (search.segmentation keys stored segmentations by
    it): these rules, the packages whose code and word lists make the dictionary, and our
    own programme terms. Read from package metadata, not by loading the dictionary (over a
    second), so a rebuild whose texts are all stored never loads it."""
    from importlib.metadata import version

    terms = hashlib.sha256("\n".join(PROGRAMME_TERMS).encode()).hexdigest()[:12]
    packages = ":".join(f"{name}={version(name)}" for name in ("pythainlp", "nlpo3", "geothai"))
    return f"{MARK_RULES_VERSION}:{packages}:{terms}"
