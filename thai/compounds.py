"""Words of normalised text as the database search stores them, and Thai compounds cut finer.

PyThaiNLP keeps compounds whole (องค์กรปกครองส่วนท้องถิ่น is one word), so a search for
ท้องถิ่น would miss them. fine_split() cuts each Thai word of FINE_MIN_WORD or more code points
into the fewest dictionary words (FINE_MIN_PIECE letters or more each) that spell it exactly,
recursively: องค์กรปกครองส่วนท้องถิ่น → องค์ กร ปก ครอง ส่วน ท้อง ถิ่น, and ท้องถิ่น → ท้อง ถิ่น.
Words with no exact dictionary cover stay whole, which is why ยา does not find พยาบาล nor
นา นาฬิกา (a cut into syllables would: นา|ฬิ|กา). Short words are never cut, so นา does not
find นาที. The dictionary is the segmenter's own (thai.text.dictionary_words), so a fine
split never uses a word the segmenter would not know.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from pythainlp.util import Trie

from .text import THAI, dictionary_words

# Fine splitting: only Thai words this long are split, into pieces at least this long.
FINE_MIN_WORD, FINE_MIN_PIECE = 6, 2


def _word_character_class() -> str:
    """Letters, digits, marks and private-use characters: what FTS5's tokenizer (categories
    'L* N* Co M*') keeps inside a token. Everything else, WORD_MARK included, separates."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        category = unicodedata.category(chr(code))
        if category[0] in "LNM" or category == "Co":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


WORD_CLASS = _word_character_class()
# Beyond the BMP, \w's letters and digits are close enough for search.
WORD_RUN = re.compile(f"(?:[{WORD_CLASS}]|[^\\W_])+")


def words_of(text: str) -> list[str]:
    """The lowercased word tokens of normalised or marked text (separators dropped)."""
    return [run.lower() for run in WORD_RUN.findall(text or "")]


@lru_cache(maxsize=1)
def _dictionary():
    return Trie(dictionary_words())


@lru_cache(maxsize=200_000)
def _split_once(word: str) -> tuple[str, ...] | None:
    """The fewest dictionary words (of two or more code points, not `word` itself) that
    spell `word` exactly; ties go to the longest first word. None if there is no cover."""
    trie = _dictionary()
    size = len(word)
    best: list[tuple[str, ...] | None] = [None] * (size + 1)
    best[size] = ()
    for start in range(size - 1, -1, -1):
        for prefix in sorted(trie.prefixes(word[start:]), key=len, reverse=True):
            end = start + len(prefix)
            rest = best[end]
            if len(prefix) < FINE_MIN_PIECE or rest is None or (start == 0 and end == size):
                continue
            if best[start] is None or len(rest) + 1 < len(best[start]):
                best[start] = (prefix, *rest)
    return best[0]


@lru_cache(maxsize=200_000)
def fine_split(word: str) -> tuple[str, ...]:
    """`word` as the finer words inside it (see the module docstring); itself if none."""
    if len(word) < FINE_MIN_WORD or not THAI.match(word):
        return (word,)
    parts = _split_once(word)
    if not parts:
        return (word,)
    return tuple(piece for part in parts for piece in fine_split(part))


def fine_words_of(words: Iterable[str]) -> list[str]:
    return [piece for word in words for piece in fine_split(word)]
