"""The database backend's reading of a visitor's text: the contract's query semantics
(search.contract.parse_terms: required and excluded chunks) as word sequences to match.

Each chunk is segmented and must match as a phrase (its words adjacent and in order); a
chunk equal to a term of an editor's synonym group matches any term of the group. Each
sequence also comes cut finer (thai.compounds), for the fine_words column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from search.contract import parse_terms
from search.english import stemmed
from search.models import SearchSynonym
from search.synonyms import synonym_rules
from thai.compounds import fine_words_of, words_of
from thai.text import segment


@dataclass
class Chunk:
    """One chunk of the visitor's text: the word sequences that satisfy it (its own and
    its synonyms'), whole and finely cut."""

    phrases: list[tuple[str, ...]]
    fine: list[tuple[str, ...]]


@dataclass
class Plan:
    required: list[Chunk] = field(default_factory=list)
    excluded: list[Chunk] = field(default_factory=list)
    impossible: bool = False  # a required chunk without a single word matches nothing


def _synonym_groups() -> list[list[tuple[str, ...]]]:
    # Editors' changes apply to the next search (no rebuild needed here); segmenting every
    # rule costs more than the query itself, so it is redone only when the rows change.
    return _groups_for(tuple(SearchSynonym.objects.order_by("pk").values_list("pk", "terms")))


@lru_cache(maxsize=4)
def _groups_for(rows: tuple) -> list[list[tuple[str, ...]]]:
    return [[tuple(words_of(term)) for term in rule.split(",")] for rule in synonym_rules()]


def _chunk(chunk: str, groups: list[list[tuple[str, ...]]]) -> Chunk:
    own = tuple(words_of(segment(chunk)))
    # English words also as stems: the fallback stores English translations stemmed too.
    phrases = list(dict.fromkeys([own, stemmed(own)])) if own else []
    for group in groups:
        if own and own in group:
            phrases += group
    phrases = [phrase for phrase in dict.fromkeys(phrases) if phrase]
    fine = list(dict.fromkeys(tuple(fine_words_of(phrase)) for phrase in phrases))
    return Chunk(phrases=phrases, fine=fine)


def plan(text: str) -> Plan:
    required, excluded = parse_terms(text or "")
    result = Plan()
    if not required and not excluded:
        return result
    groups = _synonym_groups()
    result.required = [_chunk(chunk, groups) for chunk in required]
    result.excluded = [chunk for chunk in (_chunk(chunk, groups) for chunk in excluded) if chunk.phrases]
    result.impossible = any(not chunk.phrases for chunk in result.required)
    return result
