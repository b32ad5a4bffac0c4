"""Turning a search outcome into what the page and the API show: labels for facet values
in the visitor's language, clean titles, safe highlight snippets."""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.translation import gettext, pgettext

from learning_centres.models import CentreType, EvidenceLevel, FocusArea, LAOType, Province, Region
from learning_centres.models.evidence import EVIDENCE_LEVEL_NAMES_EN
from learning_centres.models.pages import CENTRE_TYPE_NAMES_EN
from learning_centres.models.registry import LAO_TYPE_NAMES_EN, REGION_NAMES_EN
from learning_centres.models.taxonomy import labels as term_labels
from portal.locales import english_active, localized_url
from thai.dates import thai_year, to_ce_year
from thai.text import WORD_MARK

from .contract import Hit
from .params import FIELD_PARAMS
from .service import SearchOutcome

FACET_ORDER = ("centre_type", "focus_areas", "evidence_level", "has_documents", "region", "province", "lao_type", "year_be", "keywords")
_ANY_TAG_BUT_MARK = re.compile(r"<(?!/?mark>)")


def suggestion_kinds() -> dict[str, str]:
    """What each kind of autocomplete suggestion is, in the active language."""
    return {
        "case_study": pgettext("suggestion kind", "กรณีศึกษา"),
        "centre": pgettext("suggestion kind", "ศูนย์เรียนรู้"),
        "focus_area": pgettext("suggestion kind", "ด้าน"),
        "province": pgettext("suggestion kind", "จังหวัด"),
    }


def clean(text: str | None) -> str:
    return (text or "").replace(WORD_MARK, "")


def safe_highlight(fragment: str) -> str:
    """Highlights arrive HTML-escaped apart from <mark>; anything else is escaped again."""
    fragment = clean(fragment)
    if _ANY_TAG_BUT_MARK.search(fragment):
        fragment = escape(fragment).replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")
    return fragment


@lru_cache(maxsize=2)
def _names(language: str) -> dict[str, dict[str, str]]:
    en = language == "en"
    return {
        "province": {p.code: (p.name_en or p.name_th) if en else p.name_th for p in Province.objects.all()},
        "region": {r.value: REGION_NAMES_EN[r] if en else r.label for r in Region},
        "lao_type": {t.value: LAO_TYPE_NAMES_EN[t] if en else t.label for t in LAOType},
        "centre_type": {t.value: CENTRE_TYPE_NAMES_EN[t] if en else t.label for t in CentreType},
        "evidence_level": {str(level.value): EVIDENCE_LEVEL_NAMES_EN[level] if en else level.label for level in EvidenceLevel},
    }


def forget_labels() -> None:
    _names.cache_clear()


def _field_names(field: str) -> dict[str, str]:
    if field == "has_documents":
        return {"yes": gettext("มีเอกสารแนบ")}
    language = "en" if english_active() else "th"
    if field == "focus_areas":  # editors rename areas: read them fresh (see learning_centres.models.taxonomy)
        return term_labels.by_slug(FocusArea, language)
    return _names(language).get(field, {})


def labels(field: str) -> dict[str, str]:
    """Every value of a facet field with its label in the visitor's language."""
    return dict(_field_names(field))


def label(field: str, value: str) -> str:
    if field == "year_be":
        ce_year = to_ce_year(int(value))
        return f"{ce_year} (BE {value})" if english_active() else thai_year(ce_year)
    return _field_names(field).get(value, value)


def facets(outcome: SearchOutcome, selected: dict[str, tuple[str, ...]]) -> dict[str, list[dict]]:
    """Facets by public parameter name, each value with its label, count and whether it
    is selected; selected values stay listed even when their count is zero."""
    result = {}
    for field in FACET_ORDER:
        counts = dict(outcome.result.facets.get(field, []))
        for value in selected.get(field, ()):
            counts.setdefault(value, 0)
        values = [
            {"value": value, "label": label(field, value), "count": count, "selected": value in selected.get(field, ())}
            for value, count in counts.items()
        ]
        if field == "year_be":
            values.sort(key=lambda item: item["value"], reverse=True)
        elif field == "evidence_level":  # the scale's order, strongest first
            values.sort(key=lambda item: int(item["value"]), reverse=True)
        result[FIELD_PARAMS[field]] = values
    return result


def hit(hit: Hit) -> dict:
    source = hit.source
    highlight = hit.highlight
    snippet = " … ".join(safe_highlight(part) for part in (highlight.get("body") or highlight.get("summary") or []))
    if hit.translation:  # the English page an editor wrote (search.translations)
        english = hit.translation
        return {
            **hit_in_thai(hit, source, highlight, snippet),
            "title": english["title"],
            "title_html": escape(english["title"]),
            "url": english["url"],
            "summary": english["summary"],
            "highlight": "",
            "language": "en",
        }
    return hit_in_thai(hit, source, highlight, snippet)


def hit_in_thai(hit: Hit, source: dict, highlight: dict, snippet: str) -> dict:
    return {
        "id": hit.page_id,
        "kind": hit.kind,
        "title": clean(source.get("title")),
        "title_html": safe_highlight((highlight.get("title") or [escape(source.get("title", ""))])[0]),
        "url": localized_url(source.get("url")),  # the index holds the Thai page
        "summary": clean(source.get("summary")),
        "highlight": snippet,
        "centre": source.get("centre_title"),
        "centre_type": label("centre_type", source["centre_type"]) if source.get("centre_type") else None,
        "province": label("province", source["province"]) if source.get("province") else None,
        "areas": [{"slug": slug, "label": label("focus_areas", slug)} for slug in source.get("focus_areas") or []],
        "year": source.get("year_be"),
        "evidence": {"value": level, "label": label("evidence_level", str(level))} if (level := source.get("evidence_level")) else None,
        "matched_in": hit.matched_in,
        "language": "th",  # the language of title, summary and highlight
    }
