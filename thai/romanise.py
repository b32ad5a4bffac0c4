"""Thai words in Latin letters by the Royal Thai General System (RTGS), for page addresses.

Home-made on purpose (docs/decisions.md, "Page addresses from Thai titles"): no RTGS library
on PyPI gives correct results offline without heavy pins (pythainlp's `royin` gives ตำบล →
`tampn`, tltk pins scikit-learn 1.2). Page titles are cut into words by thai.text first and
most words of a title come from the curated list (learning_centres.slugs); this only covers
the rest, one dictionary word at a time. Thai spelling is ambiguous without a dictionary of
pronunciations, so this reads the regular syllable shapes (a leading vowel, an initial with
its cluster, vowel marks, one final) and the implicit vowels o (closed) and a (open):
ตำบล → tambon, แพร่ → phrae, อายุ → ayu, ถนน → thanon, ชุมชน → chumchon.
"""

from __future__ import annotations

import re

# RTGS initial and final sounds of each consonant ("" = silent as a final, rarely one).
_CONSONANTS: dict[str, tuple[str, str]] = {
    "ก": ("k", "k"), "ข": ("kh", "k"), "ฃ": ("kh", "k"), "ค": ("kh", "k"), "ฅ": ("kh", "k"),
    "ฆ": ("kh", "k"), "ง": ("ng", "ng"), "จ": ("ch", "t"), "ฉ": ("ch", "t"), "ช": ("ch", "t"),
    "ซ": ("s", "t"), "ฌ": ("ch", "t"), "ญ": ("y", "n"), "ฎ": ("d", "t"), "ฏ": ("t", "t"),
    "ฐ": ("th", "t"), "ฑ": ("th", "t"), "ฒ": ("th", "t"), "ณ": ("n", "n"), "ด": ("d", "t"),
    "ต": ("t", "t"), "ถ": ("th", "t"), "ท": ("th", "t"), "ธ": ("th", "t"), "น": ("n", "n"),
    "บ": ("b", "p"), "ป": ("p", "p"), "ผ": ("ph", "p"), "ฝ": ("f", "p"), "พ": ("ph", "p"),
    "ฟ": ("f", "p"), "ภ": ("ph", "p"), "ม": ("m", "m"), "ย": ("y", "i"), "ร": ("r", "n"),
    "ล": ("l", "n"), "ว": ("w", "o"), "ศ": ("s", "t"), "ษ": ("s", "t"), "ส": ("s", "t"),
    "ห": ("h", ""), "ฬ": ("l", "n"), "อ": ("", ""), "ฮ": ("h", ""),
}  # fmt: skip
_CLUSTER_FIRST = set("กขคตปผพ")  # may be followed by ร, ล or ว in one initial (ปลา, ขวา; ต only by ร)
_CLUSTER_SECOND = set("รลว")
_SONORANTS = set("งญนมยรลว")  # a silent ห before these only sets the tone (หมู่, ใหม่)
_LEADING = set("เแโใไ")
_AFTER = set("ะัาำิีึืุู็")  # vowel signs written after or over the initial
_TONES = re.compile("[\u0e48-\u0e4b]")
# A letter under the silencer ์ (with a vowel that goes with it: ศักดิ์) is not read.
_SILENT = re.compile("[\u0e01-\u0e2e][\u0e34\u0e38]?\u0e4c")
_OTHER = re.compile("[\u0e2f\u0e46\u0e4f\u0e5a\u0e5b]")  # ฯ ๆ and signs: not sounds

# Vowel and final written together read as one sound (อาย → ai, แมว → maeo).
_GLIDES: dict[tuple[str, str], str] = {
    ("a", "ย"): "ai", ("a", "ว"): "ao", ("o", "ย"): "oi", ("u", "ย"): "ui", ("e", "ย"): "oei",
    ("ua", "ย"): "uai", ("i", "ว"): "io", ("e", "ว"): "eo", ("ae", "ว"): "aeo", ("ia", "ว"): "iao",
    ("ai", "ย"): "ai", ("oe", "ย"): "oei",
}  # fmt: skip


def _is_consonant(char: str) -> bool:
    return char in _CONSONANTS


def _syllable(word: str, start: int) -> tuple[str, int]:
    """The RTGS of the syllable at `start` and where the next one starts."""
    i = start
    lead = word[i] if word[i] in _LEADING else ""
    i += bool(lead)
    if i >= len(word) or not _is_consonant(word[i]):
        return ("ai" if lead in "ใไ" else ""), i
    # The initial: one consonant, a cluster (ปร, กล, ขว) or a silent ห/อ before a sonorant.
    initial = _CONSONANTS[word[i]][0]
    first = word[i]
    i += 1
    nxt = word[i] if i < len(word) else ""
    vowel_follows = i + 1 < len(word) and (word[i + 1] in _AFTER or word[i + 1] == "อ")
    if nxt and (lead or vowel_follows):
        cluster = first in _CLUSTER_FIRST and nxt in _CLUSTER_SECOND and (first != "ต" or nxt == "ร")
        if cluster and not (nxt == "ว" and not lead and word[i + 1 : i + 2] != "า"):
            initial += _CONSONANTS[nxt][0]
            i += 1
        elif first == "ห" and nxt in _SONORANTS or first == "อ" and nxt == "ย":
            initial = _CONSONANTS[nxt][0]
            i += 1
    vowel, i, closable = _vowel(word, i, lead)
    final = ""
    if closable and i < len(word) and _is_consonant(word[i]):
        after = word[i + 1] if i + 1 < len(word) else ""
        last_alone = i + 2 == len(word) and _is_consonant(after)  # สาคร, ถนน: ร/น needs this one
        takes_vowel = after in _AFTER or (after == "อ" and i + 2 < len(word))
        if not takes_vowel and not last_alone:
            letter = word[i]
            i += 1
            if (vowel, letter) in _GLIDES:
                return initial + _GLIDES[(vowel, letter)], i
            if not vowel:
                vowel = "o"  # a consonant closing an unwritten vowel: คน → khon
            final = _CONSONANTS[letter][1]
    return initial + (vowel or "a") + final, i


def _vowel(word: str, i: int, lead: str) -> tuple[str, int, bool]:
    """(the vowel read from the signs at `i` with leading vowel `lead`, the next index,
    whether a final consonant may follow)."""
    rest = word[i:]
    if lead == "เ":
        for signs, sound, closable in (
            ("ือะ", "uea", False), ("ือ", "uea", True), ("ียะ", "ia", False), ("ีย", "ia", True),
            ("อะ", "oe", False), ("อ", "oe", False), ("ิ", "oe", True), ("าะ", "o", False),
            ("า", "ao", False), ("ะ", "e", False), ("็", "e", True),
        ):  # fmt: skip
            if rest.startswith(signs):
                return sound, i + len(signs), closable
        return "e", i, True
    if lead == "แ":
        if rest[:1] in ("ะ", "็"):
            return "ae", i + 1, rest[:1] == "็"
        return "ae", i, True
    if lead == "โ":
        return "o", i + rest.startswith("ะ"), not rest.startswith("ะ")
    if lead in ("ใ", "ไ"):
        return "ai", i, True
    for signs, sound, closable in (
        ("ัวะ", "ua", False), ("ัว", "ua", True), ("ำ", "am", False), ("า", "a", True),
        ("ะ", "a", False), ("ั", "a", True), ("ิ", "i", True), ("ี", "i", True), ("ึ", "ue", True),
        ("ื", "ue", True), ("ุ", "u", True), ("ู", "u", True), ("็อ", "o", True),
    ):  # fmt: skip
        if rest.startswith(signs):
            if sound == "ue" and rest[len(signs) : len(signs) + 1] == "อ":  # มือ: อ only carries ื
                return sound, i + len(signs) + 1, True
            return sound, i + len(signs), closable
    # อ after an initial is the vowel o (ห้อง, คอ) unless a vowel sign makes it a new initial.
    if rest[:1] == "อ" and not (len(rest) > 1 and rest[1] in _AFTER):
        return "o", i + 1, True
    # ว between an initial and a final is the vowel ua (สวน, ควร).
    if rest[:1] == "ว" and len(rest) > 1 and _is_consonant(rest[1]) and not (len(rest) > 2 and rest[2] in _AFTER):
        return "ua", i + 1, True
    return "", i, True


def romanise(word: str) -> str:
    """RTGS of one Thai word (lowercase, syllables run together as RTGS writes words); Latin
    letters and digits pass through, other characters are dropped."""
    word = _OTHER.sub("", _SILENT.sub("", _TONES.sub("", word)))
    out: list[str] = []
    i = 0
    while i < len(word):
        char = word[i]
        if char == "ฤ":
            out.append("rue")
            i += 1
        elif _is_consonant(char) or char in _LEADING:
            sound, i = _syllable(word, i)
            out.append(sound)
        else:
            if char.isascii() and char.isalnum():
                out.append(char.lower())
            i += 1
    return "".join(out)
