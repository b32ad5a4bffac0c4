"""Index documents built from the database, the source of truth.

One index holds case studies and centres (`kind`), so one query searches both and facet
counts come from one request. Every document carries its centre's and LAO's fields, so
edits to a centre, an LAO or a focus area must reindex the documents that copy them
(search.signals does).
"""

import datetime
import html
import multiprocessing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice

from django.db.models import Max, Model, QuerySet
from django.utils.html import strip_tags
from django.utils.translation import override

from wagtail.models import Page

from attachments.reading import indexed_chars, marked_text
from learning_centres.models import (
    CaseStudyDocument,
    CaseStudyFollowUp,
    CaseStudyIndicator,
    CaseStudyPage,
    CaseStudyTag,
    CentreType,
    LearningCentrePage,
)
from learning_centres.models.pages import CENTRE_TYPE_NAMES_EN
from portal.locales import originals
from thai.dates import to_buddhist_year
from thai.text import mark_words, word_suffixes

from . import segmentation
from .fields import BY_NAME, TEXT_FIELDS

CASE_STUDY = "case_study"
CENTRE = "centre"
# Document fields holding text cut into words by mark_words (Thai segmentation, most of
# what building a document costs). A *source* is a document with these fields still plain
# and `suggest` as {"phrases": […], "weight": …}: everything read from the database, nothing
# segmented, so that finish_document() can run in another process.
# The attachments' text arrives already cut: the worker that read it stored it segmented.
# English text is analysed by the engine's English analyzer, never cut by the Thai segmenter.
MARKED_FIELDS = tuple(name for name in TEXT_FIELDS if name != "attachments" and BY_NAME[name].language == "th")


def document_id(kind: str, page_id: int) -> str:
    return f"{kind}-{page_id}"


def _plain(rich_text: str) -> str:
    """Rich text as the words a reader sees: tags removed, entities decoded."""
    return html.unescape(strip_tags(rich_text or "")).replace("\xa0", " ")


SUGGESTION_STARTS = 12  # completion inputs per phrase: from its first word, and from each of the next 11


def _suggestions(*marked_phrases: str, weight: int) -> dict:
    """Completion inputs: each phrase (already cut by mark_words) as written, and the same
    phrase from every later word on, so that a visitor typing a word from the middle of a
    title ("ติดเตียง") is offered it too. No spaces are added between Thai words: visitors do
    not type them."""
    inputs = [suffix[:100] for marked in filter(None, marked_phrases) for suffix in word_suffixes(marked, SUGGESTION_STARTS)]
    return {"input": list(dict.fromkeys(inputs)), "weight": weight}


def _place_fields(centre: LearningCentrePage) -> dict:
    province, district, lao = centre.province, centre.district, centre.lao
    places = [province.name_th, province.name_en, lao.name_th, lao.name_en, lao.get_lao_type_display()]
    if district:
        places += [district.name_th, district.name_en]
    return {
        "centre_type": centre.centre_type,
        "region": province.region,
        "province": province.code,
        "district": district.code if district else None,
        "lao_type": lao.lao_type,
        "lao": lao.name_th,
        "places": " ".join(filter(None, places)),
    }


def _names(*terms) -> list[str]:
    """Thai and English names of vocabulary terms (focus areas, target groups, funding sources)."""
    return [name for term in terms for name in (term.name_th, term.name_en) if name]


def _centre_type_names(centre: LearningCentrePage) -> list[str]:
    return [CentreType(centre.centre_type).label, CENTRE_TYPE_NAMES_EN[CentreType(centre.centre_type)]] if centre.centre_type else []


def _latest(*moments: datetime.datetime | None) -> datetime.datetime | None:
    return max(filter(None, moments), default=None)


@dataclass
class Related:
    """What a case study's document copies from rows other than the page's own, read for a
    whole batch of pages at once (related_rows): a query per relation, never per page, and
    plain values rather than model instances (building those was most of a rebuild's
    reading time)."""

    focus_areas: list[Model] = field(default_factory=list)
    target_groups: list[Model] = field(default_factory=list)
    funding_sources: list[Model] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    indicators: list[tuple[str, str, str]] = field(default_factory=list)  # (label, baseline, result)
    follow_ups: list[tuple[str, str]] = field(default_factory=list)  # (title, text)
    documents: list[CaseStudyDocument] = field(default_factory=list)


TERM_RELATIONS = ("focus_areas", "target_groups", "funding_sources")


def related_rows(page_ids: Iterable[int]) -> dict[int, Related]:
    """{page id: Related} for these case studies, each list in the order the page shows it."""
    related = {page_id: Related() for page_id in page_ids}
    ids = list(related)
    if not ids:
        return related
    for name in TERM_RELATIONS:
        relation = CaseStudyPage._meta.get_field(name)
        terms = {term.pk: term for term in relation.related_model.objects.all()}  # few rows, in the vocabulary's order
        position = {pk: index for index, pk in enumerate(terms)}
        through = relation.remote_field.through
        page_column = through._meta.get_field(relation.m2m_field_name()).attname
        term_column = through._meta.get_field(relation.m2m_reverse_field_name()).attname
        pairs = through.objects.filter(**{f"{page_column}__in": ids}).values_list(page_column, term_column)
        for page_id, term_id in sorted(pairs, key=lambda pair: position.get(pair[1], len(position))):
            if term_id in terms:
                getattr(related[page_id], name).append(terms[term_id])
    tags = CaseStudyTag.objects.filter(content_object_id__in=ids).order_by("pk").values_list("content_object_id", "tag__name")
    for page_id, name in tags:
        related[page_id].keywords.append(name)
    for page_id, *indicator in CaseStudyIndicator.objects.filter(page_id__in=ids).values_list("page_id", "label", "baseline", "result"):
        related[page_id].indicators.append(tuple(indicator))
    for page_id, *follow_up in CaseStudyFollowUp.objects.filter(page_id__in=ids).values_list("page_id", "title", "text"):
        related[page_id].follow_ups.append(tuple(follow_up))
    # The documents' stored text: read, never extracted (a rebuild never reads a file).
    documents = (
        CaseStudyDocument.objects.filter(page_id__in=ids)
        .select_related("document__extracted_text")
        .defer("document__extracted_text__pages")
    )
    for item in documents:
        related[item.page_id].documents.append(item)
    return related


def _attachments(documents: list[CaseStudyDocument]) -> tuple[str, str | None, datetime.datetime | None]:
    """(the text read from these documents of a page, already cut into words; "yes" if it
    attaches any document; when the last of them was read). Capped, like each document's
    text, so that no number of attachments makes an index document unbounded."""
    texts, any_document, read_at = [], False, None
    for item in documents:
        any_document = True
        record = getattr(item.document, "extracted_text", None)  # none yet: the worker has not read it
        if record is not None:
            read_at = _latest(read_at, record.extracted_at)
            if record.status == record.Status.DONE:
                texts.append(marked_text(record))
    return "\n".join(filter(None, texts))[: indexed_chars() * 2], "yes" if any_document else None, read_at


# A case study carries its centre type's abbreviation only, not the type's name: the elderly
# centres' type name holds ผู้สูงอายุ, and every case of such a centre would match that word
# (the recall tests forbid it). ศพด. is what visitors type for child development centres,
# and the synonyms make ศูนย์พัฒนาเด็กเล็ก find it too.
CASE_STUDY_CENTRE_TYPE_TERMS = {CentreType.CHILD_DEVELOPMENT: "ศพด."}


def _topics(*names: str) -> str:
    # A separator between names, so that an engine phrase never runs from one name into the next.
    return " | ".join(dict.fromkeys(filter(None, names)))


def english_texts(pages: Iterable[Page]) -> dict[str, tuple[str, datetime.datetime | None]]:
    """{translation key: (text, last published)} of the live English translations an editor
    wrote of these Thai pages (the English tree's aliases hold no text of their own), in one
    query per kind."""
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    english = Page.objects.filter(translation_key__in=keys, locale__language_code="en", alias_of__isnull=True).live()
    texts: dict[str, str] = {}
    for page in CaseStudyPage.objects.filter(pk__in=english.values("pk")):
        sections = " ".join(_plain(getattr(page, name)) for name, _th, _en in CaseStudyPage.SECTIONS)
        texts[page.translation_key] = (f"{page.title} | {page.summary} | {sections}", page.last_published_at)
    for centre in LearningCentrePage.objects.filter(pk__in=english.values("pk")):
        texts[centre.translation_key] = (f"{centre.title} | {_plain(centre.description)}", centre.last_published_at)
    return texts


def case_study_source(page: CaseStudyPage, centre: LearningCentrePage, related: Related) -> dict:
    sections = " ".join(_plain(getattr(page, name)) for name, _th, _en in CaseStudyPage.SECTIONS)
    keywords = related.keywords
    indicators = " ".join(f"{label} {baseline} {result}" for label, baseline, result in related.indicators)
    follow_ups = " ".join(f"{title} {text}" for title, text in related.follow_ups)
    attachments, has_documents, documents_read_at = _attachments(related.documents)
    return {
        "kind": CASE_STUDY,
        "page_id": page.pk,
        "url": page.url,
        "title": page.title,
        "summary": page.summary,
        "body": f"{sections} {indicators} {follow_ups}",
        "attachments": attachments,
        "has_documents": has_documents,
        "english": "",  # filled by with_english()
        "keywords_text": " ".join(keywords),
        "keywords": keywords,
        "focus_areas": [area.slug for area in related.focus_areas],
        "target_groups": [group.slug for group in related.target_groups],
        "topics": _topics(
            *_names(*related.focus_areas, *related.target_groups, *related.funding_sources),
            CASE_STUDY_CENTRE_TYPE_TERMS.get(centre.centre_type, ""),
        ),
        "year_be": to_buddhist_year(page.year),
        "evidence_level": page.evidence_level,
        "centre_id": centre.pk,
        "centre_title": centre.title,
        "published_at": page.first_published_at,
        "updated_at": page.last_published_at,
        "content_at": _latest(page.last_published_at, documents_read_at),  # with_english() may move it on
        "suggest": {"phrases": [page.title], "weight": 10},
        **_place_fields(centre),
    }


def centre_source(centre: LearningCentrePage) -> dict:
    return {
        "kind": CENTRE,
        "page_id": centre.pk,
        "url": centre.url,
        "title": centre.title,
        "summary": _plain(centre.description)[:600],
        "body": f"{_plain(centre.description)} {centre.address}",
        "attachments": "",
        "has_documents": None,
        "english": "",  # filled by with_english()
        "keywords_text": "",
        "keywords": [],
        "focus_areas": [],
        "target_groups": [],
        "topics": _topics(*_centre_type_names(centre)),
        "year_be": to_buddhist_year(centre.year_established) if centre.year_established else None,
        "evidence_level": None,
        "centre_id": centre.pk,
        "centre_title": centre.title,
        "published_at": centre.first_published_at,
        "updated_at": centre.last_published_at,
        "content_at": centre.last_published_at,  # with_english() may move it on
        "suggest": {"phrases": [centre.title, centre.lao.name_th], "weight": 20},
        **_place_fields(centre),
    }


def with_english(pages_and_sources: list[tuple[Page, dict]]) -> list[dict]:
    """The sources with the English text of their pages' translations, one query per batch."""
    texts = english_texts(page for page, _source in pages_and_sources)
    for page, source in pages_and_sources:
        text, translated_at = texts.get(page.translation_key, ("", None))
        source["english"] = text
        source["content_at"] = _latest(source["content_at"], translated_at)
    return [source for _page, source in pages_and_sources]


def source_texts(source: dict) -> list[str]:
    """The texts of a source that finish_document() needs cut into words."""
    return [source[name] for name in MARKED_FIELDS if source[name]] + [phrase for phrase in source["suggest"]["phrases"] if phrase]


def finish_document(source: dict, marked: Mapping[str, str] | None = None) -> dict:
    """The document of a source: its MARKED_FIELDS cut into words, its completion inputs
    made. `marked` holds texts already cut ({text: marked}, see search.segmentation); any
    other text is segmented here. No database access."""
    known = marked or {}
    cache: dict[str, str] = {}

    def mark(text: str) -> str:
        if not text or text in known:
            return known.get(text, "")
        if text not in cache:
            cache[text] = mark_words(text)
        return cache[text]

    document = dict(source)
    for name in MARKED_FIELDS:
        document[name] = mark(source[name])
    suggest = source["suggest"]
    document["suggest"] = _suggestions(*(mark(phrase) for phrase in suggest["phrases"] if phrase), weight=suggest["weight"])
    return document


def finish_documents(sources: list[dict]) -> list[dict]:
    """Documents of these sources, each text segmented once ever (search.segmentation)."""
    marked = segmentation.marked_texts(text for source in sources for text in source_texts(source))
    return [finish_document(source, marked) for source in sources]


def case_study_document(page: CaseStudyPage, centre: LearningCentrePage) -> dict:
    return finish_documents([case_study_source(page, centre, related_rows([page.pk])[page.pk])])[0]


def centre_document(centre: LearningCentrePage) -> dict:
    return finish_documents([centre_source(centre)])[0]


# Only the Thai originals are searchable: the English tree's aliases and translations of the
# same content would list every case study twice (English result links are localised instead).
def searchable_centres() -> QuerySet[LearningCentrePage]:
    return originals(LearningCentrePage.objects.live().public()).select_related("province", "district", "lao")


def searchable_case_studies() -> QuerySet[CaseStudyPage]:
    """Their relations are read by related_rows()."""
    return originals(CaseStudyPage.objects.live().public())


def _sources(chunk_size: int) -> Iterator[tuple[str, dict]]:
    with override("th"):
        centres = {centre.path: centre for centre in searchable_centres()}
        for source in with_english([(centre, centre_source(centre)) for centre in centres.values()]):
            yield document_id(CENTRE, source["page_id"]), source
        pages = searchable_case_studies().iterator(chunk_size=chunk_size)
        while chunk := list(islice(pages, chunk_size)):
            # a case study under an unpublished centre is hidden
            found = [(page, centre) for page in chunk if (centre := centres.get(page.path[: -CaseStudyPage.steplen])) is not None]
            related = related_rows(page.pk for page, _centre in found)
            for source in with_english([(page, case_study_source(page, centre, related[page.pk])) for page, centre in found]):
                yield document_id(CASE_STUDY, source["page_id"]), source


def _mark_all(texts: list[str]) -> list[str]:
    return [mark_words(text) for text in texts]


def all_documents(chunk_size: int = 500, workers: int = 1) -> Iterator[tuple[str, dict]]:
    """(id, document) for everything that should be searchable, read in chunks, in the same
    order whatever `workers` is. Texts segmented before are read from the database
    (search.segmentation); the others are segmented by `workers` processes while this one
    reads the database and the caller sends what is ready (a chunk's new texts are being
    segmented while the previous chunk is being indexed), then stored."""
    sources = _sources(chunk_size)
    if workers <= 1:
        while chunk := list(islice(sources, chunk_size)):
            yield from zip((doc_id for doc_id, _source in chunk), finish_documents([source for _doc_id, source in chunk]), strict=True)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # The pool exists before the first query, so no worker inherits a database cursor in
    # use. Its workers load the segmenter's dictionary only if they get texts to cut.
    pool = context.Pool(workers)
    try:
        pending = None
        while chunk := list(islice(sources, chunk_size)):
            found, digests = segmentation.known(text for _doc_id, source in chunk for text in source_texts(source))
            missing = [text for text in digests if text not in found]
            started = None
            if missing:
                started = pool.map_async(_mark_all, _slices(missing, workers * 4))
            if pending is not None:
                yield from _finish_pending(*pending)
            pending = (chunk, found, digests, missing, started)
        if pending is not None:
            yield from _finish_pending(*pending)
    finally:
        pool.terminate()


def _slices(texts: list[str], count: int) -> list[list[str]]:
    size = max(1, -(-len(texts) // count))
    return [texts[start : start + size] for start in range(0, len(texts), size)]


def _finish_pending(chunk, found, digests, missing, started) -> Iterator[tuple[str, dict]]:
    if started is not None:
        fresh = dict(zip(missing, (marked for part in started.get() for marked in part), strict=True))
        segmentation.remember(fresh, digests)
        found = {**found, **fresh}
    for doc_id, source in chunk:
        yield doc_id, finish_document(source, found)


def documents_for_pages(page_ids: Iterable[int]) -> tuple[dict[str, dict], set[str]]:
    """Documents for the given pages: ({id: document} to index, {id} to delete)."""
    page_ids = set(page_ids)
    sources: dict[str, dict] = {}
    pages_of: dict[str, Page] = {}
    with override("th"):
        centres = {centre.pk: centre for centre in searchable_centres().filter(pk__in=page_ids)}
        for centre in centres.values():
            sources[document_id(CENTRE, centre.pk)] = centre_source(centre)
            pages_of[document_id(CENTRE, centre.pk)] = centre
        pages = list(searchable_case_studies().filter(pk__in=page_ids))
        parent_paths = {page.path[: -CaseStudyPage.steplen] for page in pages}
        parents = {centre.path: centre for centre in centres.values() if centre.path in parent_paths}
        missing = parent_paths - set(parents)
        if missing:  # one query for the parents, however many pages (a batch is a few hundred)
            parents.update((centre.path, centre) for centre in searchable_centres().filter(path__in=missing))
        related = related_rows(page.pk for page in pages)
        for page in pages:
            parent = parents.get(page.path[: -CaseStudyPage.steplen])
            if parent is not None:  # a case study under an unpublished centre is hidden
                sources[document_id(CASE_STUDY, page.pk)] = case_study_source(page, parent, related[page.pk])
                pages_of[document_id(CASE_STUDY, page.pk)] = page
        with_english([(pages_of[doc_id], source) for doc_id, source in sources.items()])
        to_index = dict(zip(sources, finish_documents(list(sources.values())), strict=True))
    to_delete = {document_id(kind, page_id) for page_id in page_ids for kind in (CENTRE, CASE_STUDY)} - set(to_index)
    return to_index, to_delete


def expected_documents() -> dict[str, datetime.datetime | None]:
    """Document ids the database says should be searchable, with their `content_at`: when
    anything the document carries last changed (the page's publication, its attachments'
    reading, its English translation's publication)."""
    centres = dict(searchable_centres().values_list("path", "pk"))
    read = dict(
        CaseStudyDocument.objects.values("page_id").annotate(at=Max("document__extracted_text__extracted_at")).values_list("page_id", "at")
    )
    english = Page.objects.filter(locale__language_code="en", alias_of__isnull=True).live()
    translated = dict(english.values("translation_key").annotate(at=Max("last_published_at")).values_list("translation_key", "at"))
    expected = {
        document_id(CENTRE, pk): _latest(updated, translated.get(key))
        for pk, key, updated in searchable_centres().values_list("pk", "translation_key", "last_published_at")
    }
    for pk, path, key, updated in searchable_case_studies().values_list("pk", "path", "translation_key", "last_published_at"):
        if path[: -CaseStudyPage.steplen] in centres:
            expected[document_id(CASE_STUDY, pk)] = _latest(updated, read.get(pk), translated.get(key))
    return expected
