"""Where a hit's words were found in its attached documents: a snippet with the file's name and
page, read from the documents' stored text (attachments.DocumentText), the same for the engine
and the database backend, since both only say *that* a case matched."""

from __future__ import annotations

from collections.abc import Sequence

from attachments.models import DocumentText
from learning_centres.models import CaseStudyDocument
from thai.text import match_form

from .backends.database.highlight import fragment
from .backends.database.plan import plan as make_plan
from .contract import Hit

HITS_READ = 20  # hits of one result looked into (a page shows 10)
PER_HIT = 3  # places reported per hit
PER_DOCUMENT = 2  # pages reported per document


def _could_match(formed: str, sequences: list[tuple[str, ...]]) -> bool:
    """A cheap test before the exact one: every word of some sequence occurs in the page."""
    return any(all(word in formed for word in sequence) for sequence in sequences)


def document_matches(page_ids: Sequence[int], text: str) -> dict[int, list[dict]]:
    """{page id: places} for the given case studies: each a document (in the page's order)
    and a page of it where the query's required words occur, with a highlighted fragment."""
    sequences = [phrase for chunk in make_plan(text).required for phrase in chunk.fine]
    if not sequences or not page_ids:
        return {}
    items = list(CaseStudyDocument.objects.filter(page_id__in=page_ids).select_related("document").order_by("page_id", "sort_order"))
    texts = DocumentText.objects.filter(document_id__in={item.document_id for item in items}, status=DocumentText.Status.DONE)
    records = {record.document_id: record for record in texts.only("document_id", "kind", "pages")}
    found: dict[int, list[dict]] = {}
    for item in items:
        record = records.get(item.document_id)
        places = found.setdefault(item.page_id, [])
        if record is None or len(places) >= PER_HIT:
            continue
        reported = 0
        for number, page_text in enumerate(record.pages or [], start=1):
            if reported >= PER_DOCUMENT or len(places) >= PER_HIT:
                break
            if not page_text or not _could_match(match_form(page_text), sequences):
                continue
            snippet = fragment(page_text, sequences)
            if snippet is None:
                continue
            places.append(
                {
                    "document": item.document.filename,
                    "title": item.title or item.document.title,
                    "url": item.document.url,
                    "page": number if record.paged else None,
                    "highlight": snippet.replace("\n", " "),
                }
            )
            reported += 1
    return {page_id: places for page_id, places in found.items() if places}


def add_document_matches(hits: list[Hit], text: str) -> None:
    """Fill each case-study hit's `matched_in` (the first HITS_READ hits). Hits whose source
    says they attach nothing are not looked into: most results cost no query here."""
    page_ids = [hit.page_id for hit in hits[:HITS_READ] if hit.kind == "case_study" and hit.source.get("has_documents", "yes")]
    if not text.strip() or not page_ids:
        return
    matches = document_matches(page_ids, text)
    for hit in hits:
        hit.matched_in = matches.get(hit.page_id, [])
