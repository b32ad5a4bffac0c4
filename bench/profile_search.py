"""Where a search request's time goes beyond the engine's own `took` (issue #19: profile
before changing). Not a benchmark: `make bench` gives the figures; this shows the causes.

    python -m bench.profile_search --search-url http://127.0.0.1:9200 --n 1000 [--repeat 20] [--keep]

Builds (or, with --keep and a previous run's files, re-uses) a corpus of N case studies in
var/bench/profile-<N>.sqlite3 and the portal's index on the node, then sends the benchmark's
search mix (bench.measure.query_mix) through Django's test Client: per query the view's time,
the engine's `took` and the difference at p50/p95, then a cProfile of the same requests
sorted by own time and by cumulative time (the engine's HTTP wait shows as socket reads).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--search-url", default=os.environ.get("SEARCH_URL", ""))
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per query")
    parser.add_argument("--keep", action="store_true", help="re-use the corpus and index of a previous run")
    parser.add_argument("--lines", type=int, default=35, help="profile lines to print per sort order")
    args = parser.parse_args(argv)
    if not args.search_url:
        parser.error("--search-url (or SEARCH_URL) names the node")
    if "BENCH_DB" not in os.environ:
        from bench.__main__ import _environment, migrated_database

        database = REPO / "var" / "bench" / f"profile-{args.n}.sqlite3"
        fresh = not (args.keep and database.exists())
        if fresh:
            shutil.copyfile(migrated_database(REPO / "var" / "bench"), database)
        env = _environment(database, args.n, args.search_url)
        child = [sys.executable, "-m", "bench.profile_search", *(argv if argv is not None else sys.argv[1:])]
        if not fresh and "--keep" not in child:
            child.append("--keep")
        return subprocess.run(child, cwd=REPO, env=env, check=False).returncode
    return profile(args.n, args.repeat, args.keep, args.lines)


def profile(n: int, repeat: int, keep: bool, lines: int) -> int:
    import django

    django.setup()
    from django.test import Client

    from learning_centres.models import CaseStudyPage
    from search.backends.engine.client import get_engine
    from search.indexing import rebuild

    from . import corpus as corpus_module
    from .load import load
    from .measure import percentiles, portal_url, query_mix, recording_tooks, timed

    corpus = corpus_module.generate(n)
    if not (keep and CaseStudyPage.objects.exists()):
        print(f"loading {n} case studies and building the index ...", file=sys.stderr, flush=True)
        load(corpus)
        rebuild(get_engine())
    urls = [portal_url(params) for queries in query_mix(corpus).values() for params in queries]
    client = Client()
    with recording_tooks() as tooks:
        for url in urls:  # warm-up: the segmenter, templates, the engine's caches
            assert client.get(url).status_code == 200, url
        print("| query | view p50 / p95 ms | took p50 / p95 ms | view − took p50 / p95 ms |\n|---|---|---|---|")
        every_view, every_took, every_gap = [], [], []
        for url in urls:
            views, gaps = [], []
            tooks.clear()
            for _ in range(repeat):
                ms, response = timed(lambda url=url: client.get(url))
                assert response.status_code == 200, (url, response.status_code)
                views.append(ms)
            took = [float(t) for t in tooks[-repeat:]]
            gaps = [view - t for view, t in zip(views, took, strict=True)]
            every_view += views
            every_took += took
            every_gap += gaps
            v, t, g = percentiles(views), percentiles(took), percentiles(gaps)
            print(f"| `{url}` | {v['p50']} / {v['p95']} | {t['p50']} / {t['p95']} | {g['p50']} / {g['p95']} |")
        v, t, g = percentiles(every_view), percentiles(every_took), percentiles(every_gap)
        print(f"| all | {v['p50']} / {v['p95']} | {t['p50']} / {t['p95']} | **{g['p50']} / {g['p95']}** |")

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(max(1, repeat // 4)):
            for url in urls:
                client.get(url)
        profiler.disable()
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(lines)
        print(f"\n### by {order}\n```\n{out.getvalue().strip()}\n```")
    return 0


if __name__ == "__main__":
    sys.exit(main())
