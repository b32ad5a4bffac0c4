"""OpenSearch and Elasticsearch side by side: the same corpus, index and queries on both.

    python -m bench.engines --opensearch-url http://127.0.0.1:9250 --elasticsearch-url http://127.0.0.1:9253 \\
        [--n 1000] [--repeat 15] [--out var/bench/engines] [--write BENCHMARKS.md]

Generates and loads the benchmark's corpus (bench.corpus) once, builds the portal's index on
each engine with the portal's own rebuild, then for each engine:
- recall and precision on the Thai test words (bench.measure's thai_word queries): the
  relevant case studies are those containing the word as one of their words (cut by the
  portal's segmenter); recall = relevant found / relevant, precision = found that contain the
  word at all / found;
- latency of the portal's search (search.backends.engine.query.run) for every query of the
  mix, p50/p95 in ms, measured alternately so that both engines see the same machine load;
- how far the two engines' result lists agree (the same ids, the same top 10).
With --write, the table replaces the part of BENCHMARKS.md between the markers
<!-- engines:start --> and <!-- engines:end -->.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
START, END = "<!-- engines:start -->", "<!-- engines:end -->"
ENGINES = ("opensearch", "elasticsearch")


def measure(n: int, urls: dict[str, str], repeat: int) -> dict:
    """Runs in the benchmark's own process (bench.settings, BENCH_DB set)."""
    from django.conf import settings

    from learning_centres.models import CaseStudyPage
    from search.backends.engine import client as engine_client
    from search.backends.engine.query import run
    from search.contract import SearchQuery
    from search.indexing import rebuild
    from thai import text

    from . import corpus as corpus_module
    from .load import load
    from .measure import percentiles, portal_found_ids, query_mix, timed

    corpus = corpus_module.generate(n)
    load(corpus)
    text.warm_up()

    def use(engine: str):
        settings.SEARCH_URL, settings.SEARCH_ENGINE = urls[engine], engine
        return engine_client.get_engine()

    result: dict = {"n": n, "repeat": repeat, "engines": {}}
    for engine in ENGINES:
        seconds, report = timed(lambda engine=engine: rebuild(use(engine)))
        result["engines"][engine] = {"rebuild_s": round(seconds / 1000, 1), "documents": report.documents, "errors": len(report.errors)}

    mix = query_mix(corpus)
    queries = [(category, params["q"]) for category, group in mix.items() for params in group]
    samples: dict[str, dict[str, list[float]]] = {engine: {} for engine in ENGINES}
    tops: dict[str, dict[str, list[str]]] = {engine: {} for engine in ENGINES}
    for category, q in queries:
        for _ in range(repeat):
            for engine in ENGINES:  # alternately: the same load for both
                search_engine = use(engine)
                ms, found = timed(lambda search_engine=search_engine, q=q: run(search_engine, SearchQuery(text=q)))
                samples[engine].setdefault(category, []).append(ms)
                tops[engine][q] = [hit.id for hit in found.hits]
    for engine in ENGINES:
        everything = [ms for values in samples[engine].values() for ms in values]
        result["engines"][engine]["latency_ms"] = {
            **{category: percentiles(values) for category, values in samples[engine].items()},
            "all": percentiles(everything),
        }
    result["same_top10"] = sum(tops["opensearch"][q] == tops["elasticsearch"][q] for _, q in queries)
    result["queries"] = len(queries)

    slugs = {page.slug: page.pk for page in CaseStudyPage.objects.live().only("slug")}
    texts = {slugs[case.slug]: text.normalise(corpus.searchable_text(case)) for case in corpus.case_studies}
    rows = []
    totals = {engine: {"relevant": 0, "relevant_found": 0, "found": 0, "found_containing": 0} for engine in ENGINES}
    for params in mix["thai_word"]:
        word = params["q"]
        substring = {pk for pk, body in texts.items() if word in body}
        relevant = {pk for pk in substring if word in set(text._cut(texts[pk]))}
        row: dict = {"word": word, "relevant": len(relevant), "containing": len(substring)}
        found_by: dict[str, set[int]] = {}
        for engine in ENGINES:
            use(engine)
            found = found_by[engine] = portal_found_ids(word) & set(texts)  # case studies only
            row[engine] = {"found": len(found), "relevant_found": len(found & relevant), "found_containing": len(found & substring)}
            totals[engine]["relevant"] += len(relevant)
            for key in ("relevant_found", "found", "found_containing"):
                totals[engine][key] += row[engine][key]
        row["same_ids"] = found_by["opensearch"] == found_by["elasticsearch"]
        rows.append(row)
    result["recall_rows"] = rows
    for engine in ENGINES:
        t = totals[engine]
        result["engines"][engine]["recall"] = round(t["relevant_found"] / t["relevant"], 4) if t["relevant"] else None
        result["engines"][engine]["precision"] = round(t["found_containing"] / t["found"], 4) if t["found"] else None
    return result


def markdown(result: dict, command: str) -> str:
    os_, es = result["engines"]["opensearch"], result["engines"]["elasticsearch"]
    lines = [
        f"N = {result['n']:,} case studies, {result['repeat']} timed searches per query and engine, alternately; written by `{command}`.",
        "",
        "| | OpenSearch | Elasticsearch |",
        "|---|---|---|",
        f"| recall (Thai test words) | {os_['recall']} | {es['recall']} |",
        f"| precision (Thai test words) | {os_['precision']} | {es['precision']} |",
        f"| rebuild (s, {os_['documents']} documents) | {os_['rebuild_s']} | {es['rebuild_s']} |",
    ]
    for category in os_["latency_ms"]:
        a, b = os_["latency_ms"][category], es["latency_ms"][category]
        lines.append(f"| search `{category}` p50 / p95 (ms) | {a['p50']:.1f} / {a['p95']:.1f} | {b['p50']:.1f} / {b['p95']:.1f} |")
    lines += [
        "",
        f"The same top 10 for {result['same_top10']} of {result['queries']} queries.",
        "",
        "| Thai word | relevant | OpenSearch found (relevant) | Elasticsearch found (relevant) | same ids |",
        "|---|---|---|---|---|",
    ]
    for row in result["recall_rows"]:
        lines.append(
            f"| {row['word']} | {row['relevant']} | {row['opensearch']['found']} ({row['opensearch']['relevant_found']}) "
            f"| {row['elasticsearch']['found']} ({row['elasticsearch']['relevant_found']}) | {'yes' if row['same_ids'] else 'no'} |"
        )
    return "\n".join(lines) + "\n"


def write_section(path: Path, table: str) -> None:
    document = path.read_text()
    if START not in document or END not in document:
        raise SystemExit(f"{path} has no {START} … {END} section")
    before, rest = document.split(START, 1)
    after = rest.split(END, 1)[1]
    path.write_text(f"{before}{START}\n{table}{END}{after}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.engines", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--opensearch-url", required=True)
    parser.add_argument("--elasticsearch-url", required=True)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--out", type=Path, default=REPO / "var" / "bench" / "engines")
    parser.add_argument("--write", type=Path, help="BENCHMARKS.md: replace its engines section with the table")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    result_file = args.out / f"engines-{args.n}.json"
    if args.measure:
        import django

        django.setup()
        urls = {"opensearch": args.opensearch_url, "elasticsearch": args.elasticsearch_url}
        result_file.write_text(json.dumps(measure(args.n, urls, args.repeat), ensure_ascii=False, indent=1))
        return 0

    from .__main__ import _environment, migrated_database

    args.out.mkdir(parents=True, exist_ok=True)
    database = args.out / f"engines-{args.n}.sqlite3"
    shutil.copyfile(migrated_database(REPO / "var" / "bench"), database)
    env = {**_environment(database, args.n, args.opensearch_url), "BENCH_N": f"engines-{args.n}"}
    child = [sys.executable, "-m", "bench.engines", *(argv if argv is not None else sys.argv[1:]), "--measure"]
    subprocess.run(child, cwd=REPO, env=env, check=True)
    result = json.loads(result_file.read_text())
    command = f"python -m bench.engines --n {args.n} --repeat {args.repeat}"
    table = markdown(result, command)
    print(table)
    if args.write:
        write_section(args.write, table)
    database.unlink(missing_ok=True)
    for engine, url in (("opensearch", args.opensearch_url), ("elasticsearch", args.elasticsearch_url)):
        _delete_indices(engine, url, f"bench-engines-{args.n}")
    return 0


def _delete_indices(engine: str, url: str, prefix: str) -> None:
    """Free each node's memory: the benchmark's versioned indices go."""
    code = (
        "import django, sys; django.setup()\n"
        "from search.backends.engine.client import ENGINES, EngineConfig\n"
        f"e = ENGINES[{engine!r}](EngineConfig({url!r}, {engine!r}, {prefix!r}))\n"
        "[e.delete_index(name) for name in e.versioned_indices()]\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, check=False)


if __name__ == "__main__":
    sys.exit(main())
