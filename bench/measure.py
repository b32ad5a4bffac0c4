"""One benchmark run of one corpus size, in a process configured by bench.settings.

    DJANGO_SETTINGS_MODULE=bench.settings BENCH_DB=… BENCH_N=… BENCH_SEARCH_URL=… \
        python -m bench.measure --n N --out result.json

Generates and loads the corpus, fills the portal's fallback table, rebuilds the portal's
index (search.indexing.rebuild: new index, bulk load, alias swap) and Wagtail's two search
backends (update_index), then measures every figure of the report through Django's test
Client: requests go through the whole middleware stack, URL routing, the view and template
rendering, in this process, without a socket (so TTFB here is the time to the complete
response, minus network). Writes one JSON file; bench.report turns it into tables.

Over 400 lines because it is one run's script read top to bottom: the phases share the
corpus, the timers and the per-peer time budget, and splitting them would scatter that state.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sqlite3
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from urllib.parse import urlencode

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import OperationalError, connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from learning_centres.models import CaseStudyPage  # noqa: E402
from search import indexing  # noqa: E402
from search.backends.database import sync as database_sync  # noqa: E402
from search.backends.database.sync import rebuild_fallback  # noqa: E402
from search.backends.engine import query as engine_query  # noqa: E402
from search.backends.engine.client import get_engine  # noqa: E402
from search.backends.engine.query import build_body  # noqa: E402
from search.contract import SearchQuery  # noqa: E402
from search.indexing import rebuild  # noqa: E402
from thai import text  # noqa: E402

from . import corpus as corpus_module  # noqa: E402
from .load import load  # noqa: E402
from .peers import found_ids  # noqa: E402
from .usage_cost import usage_cost  # noqa: E402
from .worker_memory import worker_memory  # noqa: E402

PORTAL, TOOK, WAGTAIL_OS, WAGTAIL_DB = "portal", "portal_took", "wagtail_opensearch", "wagtail_database"
REPEATED = "portal_repeated"  # the same portal requests again, answered from the engine's request cache
OURS = (PORTAL, REPEATED)  # never bounded by the peers' budget
PEER_BACKENDS = {WAGTAIL_OS: "opensearch", WAGTAIL_DB: "default"}
SLOW_REQUEST = 2.0  # seconds: a request this slow is timed once more, not `repeat` times
PEER_BUDGET = 900.0  # seconds a peer may spend in the timed requests and recall of one size
PEER_TIMEOUT = 120.0  # seconds one peer request may take
QUICK_FALLBACK_ABOVE = 5000


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)

    def at(fraction: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))], 2)

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "mean": round(statistics.fmean(ordered), 2), "samples": len(ordered)}


def timed(function: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = function()
    return (time.perf_counter() - started) * 1000, value


# --- the query mix ----------------------------------------------------------------------


def query_mix(corpus: corpus_module.Corpus) -> dict[str, list[dict]]:
    """Fixed queries by category. Two general words come from fixed Zipf ranks of the
    generator's vocabulary (one frequent, one rare), so every size asks the same things."""
    frequent, rare = corpus.general_words[40], corpus.general_words[400]
    return {
        "thai_word": [{"q": "ผู้สูงอายุ"}, {"q": "ท้องถิ่น"}, {"q": frequent}, {"q": rare}],
        "thai_phrase": [{"q": "การดูแลผู้สูงอายุระยะยาว"}, {"q": "ภูมิปัญญาท้องถิ่น"}, {"q": "อาสาสมัคร สุขภาพ"}],
        "two_facets": [
            {"q": "ผู้สูงอายุ", "area": "community-health-care", "centre_type": "elderly_care", "_peer_year": "2020"},
            {"q": "เด็กเล็ก", "area": "child-youth-learning", "centre_type": "child_development", "_peer_year": "2018"},
        ],
        "english": [{"q": "community"}, {"q": "early childhood"}],
    }


AUTOCOMPLETE = ("ผู้สูง", "ศูนย์พัฒนา", "ภูมิ", "การดู", "comm")


def portal_url(params: dict) -> str:
    return "/search/?" + urlencode({key: value for key, value in params.items() if not key.startswith("_")})


def peer_url(params: dict, backend: str) -> str:
    query = {"q": params["q"], "backend": backend}
    if "_peer_year" in params:
        query["year"] = params["_peer_year"]
    return "/bench/wagtail-search/?" + urlencode(query)


# --- measurements -----------------------------------------------------------------------


class TimedOut(Exception):
    """A peer's request stopped at the budget's per-request timeout."""


class Budget:
    """Wall time each peer may spend on requests in one size's run, shared equally by the
    phases (each search category, autocomplete, recall), and a timeout per request. Wagtail's
    database backend takes minutes per request at 10,000 case studies: without bounds it
    alone would take hours at 100,000. A request over the timeout is stopped (SQLite's
    interrupt()); a peer over a phase's share is not asked again in that phase. The result
    records both, and the report shows them instead of figures."""

    PHASES = 6  # four search categories, autocomplete, recall

    def __init__(self, seconds: float, timeout: float = PEER_TIMEOUT) -> None:
        self.share = seconds / self.PHASES
        self.timeout = timeout
        self.spent: dict[tuple[str, str], float] = {}
        self.skipped: dict[str, int] = {}
        self.timeouts: dict[str, dict[str, int]] = {}

    def allows(self, name: str, phase: str) -> bool:
        if name in OURS or self.spent.get((name, phase), 0.0) < self.share:
            return True
        self.skipped[name] = self.skipped.get(name, 0) + 1
        return False

    def timed(self, name: str, phase: str, function: Callable[[], object]) -> tuple[float, object]:
        """`function` timed; a peer's raises TimedOut when it runs past the timeout."""
        timer = None
        if name not in OURS and connection.vendor == "sqlite" and connection.connection is not None:
            # Django's connections are per thread: the timer holds this thread's own.
            timer = threading.Timer(self.timeout, connection.connection.interrupt)
            timer.start()
        started = time.perf_counter()
        try:
            value = function()
        except OperationalError as error:
            if timer is None or "interrupted" not in str(error):
                raise
            self.timeouts.setdefault(name, {})[phase] = self.timeouts.get(name, {}).get(phase, 0) + 1
            raise TimedOut(name) from error
        finally:
            if timer is not None:
                timer.cancel()
            self.spent[name, phase] = self.spent.get((name, phase), 0.0) + time.perf_counter() - started
        return (time.perf_counter() - started) * 1000, value

    def report(self) -> dict:
        spent: dict[str, float] = {}
        for (name, _phase), seconds in self.spent.items():
            spent[name] = round(spent.get(name, 0.0) + seconds, 1)
        return {
            "seconds": self.share * self.PHASES,
            "timeout_s": self.timeout,
            "spent_s": spent,
            "skipped_requests": self.skipped,
            "timeouts": self.timeouts,
        }


def sample(
    client: Client, url: str, repeat: int, name: str, phase: str, budget: Budget, before_each: Callable[[], object] | None = None
) -> list[float]:
    """Timings (ms) of `url`: a warm-up request, then `repeat` timed ones, each after
    `before_each` (untimed). A request slower than SLOW_REQUEST is one whose warm-up hardly
    matters: its first timing is the sample. A request that timed out ends the sampling of `url`."""
    if not budget.allows(name, phase):
        return []
    samples: list[float] = []
    try:
        ms, response = budget.timed(name, phase, lambda: client.get(url))
        assert response.status_code == 200, (url, response.status_code)
        if ms >= SLOW_REQUEST * 1000:
            return [ms]
        for _ in range(repeat):
            if not budget.allows(name, phase):
                break
            if before_each:
                before_each()
            ms, response = budget.timed(name, phase, lambda: client.get(url))
            assert response.status_code == 200, (url, response.status_code)  # a refusal is not a fast answer
            samples.append(ms)
    except TimedOut:
        pass
    return samples


def thread_pool_rejections(engine) -> int:
    stats = engine.client.nodes.stats(metric="thread_pool")
    return sum(node["thread_pool"].get("write", {}).get("rejected", 0) for node in stats["nodes"].values())


def reindex(n: int, keep: list | None = None, workers: int | None = None, peers: bool = True) -> dict:
    """The portal's rebuild (documents built by `workers` processes, default the portal's
    setting), then each peer's update_index. With `keep`, the documents the rebuild built
    are also collected there (see fill_fallback)."""
    engine = get_engine()
    workers = workers or indexing.rebuild_workers()
    results: dict[str, dict] = {}
    before = thread_pool_rejections(engine)
    original = indexing.all_documents

    def collecting(*args, **kwargs):
        for doc_id, doc in original(*args, **kwargs):
            if keep is not None:
                keep.append((doc_id, doc))
            yield doc_id, doc

    indexing.all_documents = collecting
    try:
        seconds, report = timed(lambda: rebuild(engine, workers=workers))
    finally:
        indexing.all_documents = original
    seconds /= 1000
    results[PORTAL] = {
        "seconds": round(seconds, 2),
        "documents": report.documents,
        "case_studies_per_s": round(n / seconds, 1),
        "rejected_bulk_items": len(report.errors),
        "thread_pool_rejections": thread_pool_rejections(engine) - before,
        "alias_swap": True,
        "workers": workers,
    }
    # Again with every text already segmented (search.segmentation): a rebuild after a
    # mapping change or an engine move, where no text changed.
    again, _report = timed(lambda: rebuild(engine, workers=workers))
    results[PORTAL]["unchanged_text_seconds"] = round(again / 1000, 2)
    results[PORTAL]["unchanged_text_case_studies_per_s"] = round(n / (again / 1000), 1)
    for name, backend in PEER_BACKENDS.items() if peers else ():
        ms, _ = timed(lambda backend=backend: call_command("update_index", backend_name=backend, verbosity=0))
        results[name] = {"seconds": round(ms / 1000, 2), "case_studies_per_s": round(n / (ms / 1000), 1)}
    return results


def fill_fallback(n: int, documents: list | None, workers: int | None = None) -> dict:
    """The fallback table, by the portal's rebuild_fallback() — which segments every text
    again, as long as the rebuild itself. Above QUICK_FALLBACK_ABOVE case studies the rows are
    made from the documents the rebuild already built (the portal's own row builder), so
    that a 10,000 run fits in an hour on a busy machine; then the figure is not reported."""
    if documents is None:
        ms, rows = timed(lambda: rebuild_fallback(workers=workers or indexing.rebuild_workers()))
        return {"seconds": round(ms / 1000, 2), "documents": rows, "case_studies_per_s": round(n / (ms / 1000), 1)}
    with transaction.atomic():
        database_sync._delete(None)
        for start in range(0, len(documents), database_sync.BATCH_SIZE):
            database_sync._write([database_sync._row(doc_id, doc) for doc_id, doc in documents[start : start + database_sync.BATCH_SIZE]])
    return {"documents": len(documents), "from_rebuild_documents": True}


@contextlib.contextmanager
def recording_tooks() -> Iterator[list[int]]:
    """Within the block, the engine's `took` of every portal search, in order."""
    tooks: list[int] = []
    original_run = engine_query.run

    def run_and_record(engine, query):
        result = original_run(engine, query)
        tooks.append(result.took_ms or 0)
        return result

    engine_query.run = run_and_record
    try:
        yield tooks
    finally:
        engine_query.run = original_run


def clear_request_cache() -> None:
    """Empty the engine's request cache of the portal's index: the next search is one nobody
    asked since the index last changed, as a visitor's new query is."""
    engine = get_engine()
    engine.client.indices.clear_cache(index=engine.alias, request=True)


def search_latencies(client: Client, mix: dict[str, list[dict]], repeat: int, budget: Budget, peers: bool = True) -> dict:
    """p50/p95/p99 per category and backend, plus the engine's `took` for the portal. The
    portal's timed requests each follow an emptied request cache (PORTAL, TOOK); the same
    requests again without emptying it are REPEATED."""
    with recording_tooks() as tooks:
        table: dict[str, dict] = {}
        everything: dict[str, list[float]] = {PORTAL: [], TOOK: [], REPEATED: [], WAGTAIL_OS: [], WAGTAIL_DB: []}
        for category, queries in mix.items():
            samples: dict[str, list[float]] = {PORTAL: [], TOOK: [], REPEATED: [], WAGTAIL_OS: [], WAGTAIL_DB: []}
            urls = {PORTAL: [portal_url(params) for params in queries]}
            urls[REPEATED] = urls[PORTAL]
            for name, backend in PEER_BACKENDS.items() if peers else ():
                urls[name] = [peer_url(params, backend) for params in queries]
            for name, backend_urls in urls.items():
                for url in backend_urls:
                    tooks.clear()
                    before_each = clear_request_cache if name == PORTAL else None
                    timings = sample(client, url, repeat, name, category, budget, before_each)
                    samples[name] += timings
                    if name == PORTAL and timings:  # the engine's took of each timed request (after the warm-up's)
                        samples[TOOK] += [float(took) for took in tooks[-len(timings) :]]
            table[category] = {name: percentiles(values) for name, values in samples.items() if values}
            for name, values in samples.items():
                everything[name] += values
        table["all"] = {name: percentiles(values) for name, values in everything.items() if values}
        return table


def autocomplete_latencies(client: Client, repeat: int, budget: Budget, peers: bool = True) -> dict:
    urls = {PORTAL: [f"/api/search/suggest/?{urlencode({'q': prefix})}" for prefix in AUTOCOMPLETE]}
    for name, backend in PEER_BACKENDS.items() if peers else ():
        urls[name] = [
            f"/bench/wagtail-search/?{urlencode({'q': prefix, 'backend': backend, 'autocomplete': 1})}" for prefix in AUTOCOMPLETE
        ]
    table = {}
    for name, backend_urls in urls.items():
        samples = [ms for url in backend_urls for ms in sample(client, url, repeat, name, "autocomplete", budget)]
        if samples:
            table[name] = percentiles(samples)
    return table


def page_timings(client: Client, repeat: int) -> dict:
    """Uncached: the page rendered with the page cache off and Django's cache emptied (for
    case studies, a page never requested before by this process). Miss: the page cache on,
    the page not stored yet (rendering plus storing it). Cached: the same URL again, from the
    page cache."""
    case_urls = [page.url for page in CaseStudyPage.objects.live().order_by("?")[: repeat * 2]]
    pages = {
        "home": ["/"] * repeat,
        "listing": [f"/case-studies/?page={number}" for number in range(1, repeat + 1)],
        "case_study": case_urls[:repeat],
    }
    client.get("/")  # the first request of a process imports templates etc.; not a page's cost
    table = {}
    for name, urls in pages.items():
        samples: dict[str, list[float]] = {"uncached": [], "miss": [], "cached": []}
        counts: dict[str, list[int]] = {"uncached": [], "miss": [], "cached": []}
        for url in urls:
            for each in caches.all():  # Django's cache and the page cache (pagecache/)
                each.clear()
            for phase in samples:
                with override_settings(PAGE_CACHE_SECONDS=0 if phase == "uncached" else settings.PAGE_CACHE_SECONDS):
                    with CaptureQueriesContext(connection) as queries:
                        ms, response = timed(lambda url=url: client.get(url))
                assert response.status_code == 200, (url, response.status_code)
                samples[phase].append(ms)
                counts[phase].append(len(queries))
        table[name] = {phase: percentiles(values) for phase, values in samples.items()}
        table[name].update({f"queries_{phase}": max(values) for phase, values in counts.items()})
    return table


def portal_found_ids(word: str) -> set[int]:
    """Every page the portal's query finds for `word`, paged past the engine's result window
    (10,000) with search_after on page_id: at 100,000 a common word matches more."""
    query = build_body(SearchQuery(text=word, page_size=1))["query"]
    found: set[int] = set()
    after: list | None = None
    while True:
        body = {"query": query, "_source": False, "docvalue_fields": ["page_id"], "size": 10_000, "sort": [{"page_id": "asc"}]}
        if after:
            body["search_after"] = after
        hits = get_engine().search(body, timeout="120s")["hits"]["hits"]
        found.update(hit["fields"]["page_id"][0] for hit in hits)
        if len(hits) < 10_000:
            return found
        after = hits[-1]["sort"]


def recall(corpus: corpus_module.Corpus, words: list[str], budget: Budget) -> list[dict]:
    """For each Thai word: the case studies that contain it (as a substring of their text,
    and as one of their words when cut by the portal's segmenter), and how many of those each
    backend finds."""
    slugs = {page.slug: page.pk for page in CaseStudyPage.objects.live().only("slug")}
    texts = {slugs[case.slug]: text.normalise(corpus.searchable_text(case)) for case in corpus.case_studies}
    words_in: dict[int, set[str]] = {}  # each text cut once, only if a query word is in it

    def cut(pk: int) -> set[str]:
        if pk not in words_in:
            words_in[pk] = set(text._cut(texts[pk]))  # already normalised: tokens() without normalising again
        return words_in[pk]

    rows = []
    for word in words:
        substring = {pk for pk, body in texts.items() if word in body}
        as_word = {pk for pk in substring if word in cut(pk)}
        found = {PORTAL: portal_found_ids(word)}
        for name, backend in PEER_BACKENDS.items():
            if budget.allows(name, "recall"):
                try:
                    found[name] = budget.timed(name, "recall", lambda word=word, backend=backend: found_ids(word, backend))[1]
                except TimedOut:
                    pass
        rows.append(
            {
                "word": word,
                "contain_substring": len(substring),
                "contain_as_word": len(as_word),
                **{
                    name: {"found": len(ids), "of_substring": len(ids & substring), "of_word": len(ids & as_word)}
                    for name, ids in found.items()
                },
            }
        )
    return rows


def machine() -> dict:
    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "-"

    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0")
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "?"
    )
    engine = get_engine()
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gb": round(int(memory) / 1024 / 1024, 1),
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "opensearch": engine.client.info()["version"]["number"],
        **{package: version(package) for package in ("django", "wagtail", "modelsearch", "opensearch-py", "pythainlp")},
    }


def _save(result: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per query and backend")
    parser.add_argument("--fallback-from-rebuild", action="store_true", help="fill the fallback table without segmenting again")
    parser.add_argument("--workers", type=int, help="processes building the rebuild's documents (default: SEARCH_REBUILD_WORKERS / CPUs)")
    parser.add_argument(
        "--only",
        choices=("all", "reindex", "search"),
        default="all",
        help="reindex: the portal's rebuild alone; search: the portal's searches on an earlier run's database",
    )
    parser.add_argument("--peer-budget", type=float, default=PEER_BUDGET, help="seconds each peer may spend on requests")
    parser.add_argument("--worker-requests", type=int, default=1000, help="requests to one gunicorn worker before its memory is read")
    parser.add_argument("--peer-timeout", type=float, default=PEER_TIMEOUT, help="seconds one peer request may take")
    args = parser.parse_args(argv)
    if get_engine() is None:
        parser.error("BENCH_SEARCH_URL is not set")
    result: dict = {"n": args.n, "repeat": args.repeat, "machine": machine(), "client": "django.test.Client (in-process, no socket)"}

    ms, corpus = timed(lambda: corpus_module.generate(args.n))
    result["generate_s"] = round(ms / 1000, 2)
    if args.only == "search":
        return search_only(args, result, corpus)
    ms, created = timed(lambda: load(corpus))
    result["load_s"] = round(ms / 1000, 2)
    result["created"] = created
    text._dictionary_name.cache_clear()  # a new name each time (nlpO3 keeps what it loaded)
    text.dictionary_words.cache_clear()
    result["segmenter_load_ms"] = round(timed(text.warm_up)[0], 1)
    if args.only == "reindex":
        print(f"N={args.n}: loaded in {result['load_s']} s; reindexing (only)", file=sys.stderr, flush=True)
        result["reindex"] = reindex(args.n, workers=args.workers, peers=False)
        result["machine"]["load_average_end"] = os.getloadavg()
        _save(result, args.out)
        _delete_indices(args.n)
        return 0
    quick = args.fallback_from_rebuild or args.n > QUICK_FALLBACK_ABOVE
    documents: list | None = [] if quick else None
    if not quick:
        result["fallback_fill"] = fill_fallback(args.n, None, args.workers)
    print(f"N={args.n}: loaded in {result['load_s']} s; reindexing", file=sys.stderr, flush=True)
    result["reindex"] = reindex(args.n, keep=documents, workers=args.workers)
    if quick:
        result["fallback_fill"] = fill_fallback(args.n, documents)
        documents = None
    _save(result, args.out.with_suffix(".partial.json"))  # a long run leaves its first figures behind

    client = Client()
    mix = query_mix(corpus)
    result["queries"] = {category: [params for params in queries] for category, queries in mix.items()}
    print(f"N={args.n}: measuring searches", file=sys.stderr, flush=True)
    budget = Budget(args.peer_budget, args.peer_timeout)
    result["search"] = search_latencies(client, mix, args.repeat, budget)
    result["autocomplete"] = autocomplete_latencies(client, args.repeat, budget)
    _save(result, args.out.with_suffix(".partial.json"))
    result["pages"] = page_timings(client, args.repeat)
    result["usage_cost"] = usage_cost(max(args.repeat * 10, 100))  # what counting a read adds (usage app)
    result["recall"] = recall(corpus, [params["q"] for params in mix["thai_word"]], budget)
    print(f"N={args.n}: a gunicorn worker's memory over {args.worker_requests} requests", file=sys.stderr, flush=True)
    case_urls = [page.url for page in CaseStudyPage.objects.live().order_by("?")[: args.worker_requests // 2]]
    result["worker_memory"] = worker_memory(case_urls, args.worker_requests)
    result["peer_budget"] = budget.report()
    result["machine"]["load_average_end"] = os.getloadavg()

    _save(result, args.out)
    args.out.with_suffix(".partial.json").unlink(missing_ok=True)
    _delete_indices(args.n)
    return 0


def search_only(args: argparse.Namespace, result: dict, corpus) -> int:
    """--only search: on the database an earlier full run of the same N left (every text's
    segmentation stored), rebuild the portal's index, text unchanged, and time the portal's
    searches and suggestions. No peers, pages or recall: the full run has those."""
    from learning_centres.models import LearningCentrePage

    result["load_s"] = 0.0
    result["segmenter_load_ms"] = 0.0
    result["created"] = {"centres": LearningCentrePage.objects.count(), "case_studies": CaseStudyPage.objects.count()}
    print(f"N={args.n}: rebuilding on the earlier run's database", file=sys.stderr, flush=True)
    engine = get_engine()
    workers = args.workers or indexing.rebuild_workers()
    before = thread_pool_rejections(engine)
    ms, report = timed(lambda: rebuild(engine, workers=workers))
    result["reindex"] = {
        PORTAL: {
            "seconds": round(ms / 1000, 2),
            "documents": report.documents,
            "case_studies_per_s": round(args.n / (ms / 1000), 1),
            "rejected_bulk_items": len(report.errors),
            "thread_pool_rejections": thread_pool_rejections(engine) - before,
            "alias_swap": True,
            "workers": workers,
            "text_unchanged": True,
        }
    }
    client = Client()
    mix = query_mix(corpus)
    result["queries"] = {category: list(queries) for category, queries in mix.items()}
    print(f"N={args.n}: measuring the portal's searches", file=sys.stderr, flush=True)
    budget = Budget(0, args.peer_timeout)
    result["search"] = search_latencies(client, mix, args.repeat, budget, peers=False)
    result["autocomplete"] = autocomplete_latencies(client, args.repeat, budget, peers=False)
    result["machine"]["load_average_end"] = os.getloadavg()
    _save(result, args.out)
    _delete_indices(args.n)
    return 0


def _delete_indices(n: int) -> None:
    engine = get_engine()
    for name in engine.client.indices.get(index=f"bench-{n}-*,bench-wagtail-{n}-*", expand_wildcards="open"):
        engine.delete_index(name)  # free the node's memory for the next size


if __name__ == "__main__":
    sys.exit(main())
