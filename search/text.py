"""The one Thai/English text normaliser and segmenter of the portal.

Indexing, querying and the database fallback all call these functions, so a word is cut the
same way wherever it is stored or looked for. Thai has no spaces between words: we segment
with PyThaiNLP's dictionary-based `newmm` tokenizer, extended with place names (geothai),
programme names and the abbreviations LAO staff type, and join the tokens with spaces.
"""

import re
import unicodedata
from functools import lru_cache

from pythainlp.util import normalize as thai_normalize
from pythainlp.util import thai_digit_to_arabic_digit

# Zero-width characters glue words together in copied text; treat them as word breaks.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# The dots of Thai abbreviations (อบต., รพ.สต., พ.ศ.) go, so อบต. and อบต are one token.
_THAI_ABBREVIATION_DOT = re.compile(r"(?<=[\u0e01-\u0e2e])\.")
_SPACES = re.compile(r"\s+")
# A token worth indexing has a letter or digit; punctuation and spaces are not words.
_WORDLIKE = re.compile(r"[\w\u0e01-\u0e5b]")

# Names and terms that PyThaiNLP's word list lacks or cuts apart. Abbreviations are listed
# without dots because normalise() removes them.
PROGRAMME_TERMS = (
    "โคกหนองนาโมเดล",
    "อปท",
    "อบต",
    "อบจ",
    "ศพด",
    "รพสต",
    "สสส",
    "สถ",
    "อสม",
    "อสส",
    "กทม",
    "พศ",
    "คศ",
    "สปสช",
    "พม",
)


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
def _dictionary_words() -> frozenset[str]:
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
def _tokenizer():
    from pythainlp.tokenize import Tokenizer

    return Tokenizer(custom_dict=_dictionary_words(), engine="newmm", keep_whitespace=True)


@lru_cache(maxsize=1)
def _spaced_words() -> dict[tuple[str, str], tuple[tuple[str, int], ...]]:
    """Dictionary words with a space inside (ใคร ๆ, แมนเชสเตอร์ ซิตี้: about 600), the only
    tokens newmm can make across a space: {(character before, character after a space):
    ((word, offset of that space in it), …)}."""
    found: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for word in _dictionary_words():
        for offset, char in enumerate(word):
            if char == " " and 0 < offset < len(word) - 1:
                found.setdefault((word[offset - 1], word[offset + 1]), []).append((word, offset))
    return {key: tuple(words) for key, words in found.items()}


def warm_up() -> None:
    """Load the segmenter's dictionary now (about 1.5 s) rather than in the first visitor's
    search. Called by the WSGI entry point and before a rebuild forks its workers (which then
    share it), so tests and management commands that never segment do not pay for it."""
    _tokenizer()
    _spaced_words()


# Segmenting is most of what indexing costs (newmm in Python), and case studies repeat
# phrasing (titles, places, keywords, stock sentences), so each run of text between two
# spaces is cut once and remembered. Bounded: a rebuild of 100,000 case studies must not
# keep every sentence it saw. segment_cache_info() gives the hit rate.
SEGMENT_CACHE_SIZE = 50_000


def _runs(cleaned: str) -> list[str]:
    """`cleaned` (single spaces, none at the ends) cut at every space that no dictionary word
    spans. newmm's choices never cross such a space: it ends every token there (a space is
    always a cluster boundary and its own token), so cutting each run alone gives exactly the
    tokens of the whole text (see _cut_run for the one character of context a run needs)."""
    pieces = cleaned.split(" ")
    if len(pieces) == 1:
        return pieces
    spaced = _spaced_words()
    runs = [pieces[0]]
    position = len(pieces[0])  # of the space before pieces[index]
    for piece in pieces[1:]:
        candidates = spaced.get((cleaned[position - 1], cleaned[position + 1]), ())
        if any(position >= offset and cleaned.startswith(word, position - offset) for word, offset in candidates):
            runs[-1] += " " + piece  # a dictionary word spans this space: one run
        else:
            runs.append(piece)
        position += len(piece) + 1
    return runs


@lru_cache(maxsize=SEGMENT_CACHE_SIZE)
def _cut_run(run: str, last: bool) -> tuple[str, ...]:
    """newmm's tokens of one run. A run that a space follows in the text is cut with that
    space after it: Thai character clusters look one character ahead (a cluster may end
    differently at the end of the text), so the run must see what the whole text shows."""
    if last:
        return tuple(_tokenizer().word_tokenize(run))
    cut = _tokenizer().word_tokenize(run + " ")
    if not cut or cut[-1] != " ":  # pragma: no cover - a space is always a token of its own
        raise AssertionError(f"newmm did not end {run!r} at the following space")
    return tuple(cut[:-1])


def _cut(cleaned: str) -> list[str]:
    """newmm's tokens of cleaned text, spaces included: the one place that segments."""
    if not cleaned:
        return []
    runs = _runs(cleaned)
    cut: list[str] = []
    for index, run in enumerate(runs):
        if index:
            cut.append(" ")
        cut.extend(_cut_run(run, index == len(runs) - 1))
    return cut


def segment_cache_info():
    """Hits, misses and size of the segmentation cache (functools' CacheInfo)."""
    return _cut_run.cache_info()


def clear_segment_cache() -> None:
    _cut_run.cache_clear()


def tokens(text: str) -> list[str]:
    """Normalised words of `text`, in order, without spaces or punctuation."""
    return [token for token in _cut(normalise(text)) if _WORDLIKE.search(token)]


def segment(text: str) -> str:
    """`text` normalised and cut into words joined by single spaces: the form stored in the
    index's segmented fields and in the fallback's full-text table."""
    return " ".join(tokens(text))


def mark_words(text: str) -> str:
    """`text` as stored in the index: normalised like normalise() but keeping letter case,
    with an invisible WORD_MARK between adjacent words so that the engine splits Thai exactly
    where we do, while highlighted snippets still read as the original text."""
    parts: list[str] = []
    previous_is_word = False
    for token in _cut(_clean(text, lowercase=False)):
        if token.isspace():
            parts.append(" ")
            previous_is_word = False
            continue
        if previous_is_word:
            parts.append(WORD_MARK)
        parts.append(token)
        previous_is_word = True
    return "".join(parts)
