"""Synonym rules for the index: the abbreviations of thai.names (ทต. = เทศบาลตำบล), then the
editors' SearchSynonym rows."""

from thai.names import synonym_groups
from thai.text import segment

from .models import SearchSynonym


def synonym_rules() -> list[str]:
    """Each group of equivalent terms as one synonym_graph rule, every term segmented the
    same way the index and the queries are."""
    groups = [*synonym_groups(), *(synonym.term_list() for synonym in SearchSynonym.objects.all())]
    rules = []
    for group in groups:
        terms = list(dict.fromkeys(filter(None, (segment(term) for term in group))))
        if len(terms) > 1:
            rules.append(", ".join(terms))
    return list(dict.fromkeys(rules))  # the seeded rows repeat the built-in abbreviations
