"""`make bench`: run the benchmark for each corpus size and write the report.

    python -m bench --search-url http://127.0.0.1:9257 --n 1000 --n 10000 [--repeat 15] [--out var/bench]
    python -m bench --node-port 9290 --n 1000        # starts (and afterwards stops) a node of its own
    python -m bench --search-url … --n 1000 --only reindex [--workers 1]   # the portal's rebuild alone

Each size runs in its own process (bench.measure) on its own SQLite file, copied from a
database migrated once (var/bench/migrated-<hash of the migrations>.sqlite3). Results go to
var/bench/result-<N>.json and the tables to var/bench/report.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .report import markdown

REPO = Path(__file__).resolve().parent.parent


def _environment(database: Path, n: int, search_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_DB": str(database),
        "BENCH_N": str(n),
        "BENCH_SEARCH_URL": search_url,
        "PYTHAINLP_OFFLINE": "1",
        "PYTHAINLP_READ_ONLY": "1",
    }


def migrated_database(out: Path) -> Path:
    """A freshly migrated database, made once per set of migrations (kept in var/bench/
    whatever --out says, so that the test's tiny runs do not migrate each time)."""
    digest = hashlib.sha256()
    for path in sorted(REPO.glob("*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    out.mkdir(parents=True, exist_ok=True)
    template = out / f"migrated-{digest.hexdigest()[:12]}.sqlite3"
    if not template.exists():
        # One partial file per process: two runs at once (two test workers) must not migrate
        # the same file; whichever finishes first provides the template.
        partial = template.with_suffix(f".{os.getpid()}.partial")
        partial.unlink(missing_ok=True)
        # No engine while migrating: the seed pages need no index.
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=REPO,
            env=_environment(partial, 0, ""),
            check=True,
        )
        partial.rename(template)
    return template


def run(sizes: list[int], search_url: str, out: Path, repeat: int, options: tuple[str, ...] = ()) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    template = migrated_database(REPO / "var" / "bench")
    results = []
    for n in sizes:
        database = out / f"bench-{n}.sqlite3"
        if "search" in options:  # --only search: the database an earlier full run left
            if not database.exists():
                raise SystemExit(f"--only search needs {database} from a full run of N = {n}")
        else:
            shutil.copyfile(template, database)
        result_file = out / f"result-{n}.json"
        subprocess.run(
            [sys.executable, "-m", "bench.measure", "--n", str(n), "--out", str(result_file), "--repeat", str(repeat), *options],
            cwd=REPO,
            env=_environment(database, n, search_url),
            check=True,
        )
        results.append(json.loads(result_file.read_text()))
    (out / "report.md").write_text(markdown(results))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--search-url", default=os.environ.get("SEARCH_URL", ""), help="the OpenSearch node (default: $SEARCH_URL)")
    parser.add_argument("--n", type=int, action="append", help="corpus size; repeat for several (default 1000 and 10000)")
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per query and backend")
    parser.add_argument("--fallback-from-rebuild", action="store_true", help="fill the fallback table from the rebuild's documents")
    parser.add_argument("--workers", type=int, help="processes building the rebuild's documents (default: SEARCH_REBUILD_WORKERS / CPUs)")
    parser.add_argument(
        "--only",
        choices=("all", "reindex", "search"),
        default="all",
        help="reindex: the portal's rebuild alone; search: the portal's searches on the database a full run left in --out",
    )
    parser.add_argument("--peer-budget", type=float, help="seconds each Wagtail backend may spend on requests per size (default 900)")
    parser.add_argument("--peer-timeout", type=float, help="seconds one Wagtail backend request may take (default 120)")
    parser.add_argument("--worker-requests", type=int, help="requests to one gunicorn worker before its memory is read (default 1000)")
    parser.add_argument("--node-port", type=int, help="without --search-url: start a node of its own on this port")
    parser.add_argument("--out", type=Path, default=REPO / "var" / "bench")
    args = parser.parse_args(argv)
    if not args.search_url and not args.node_port:
        parser.error("no search engine: pass --search-url (or set SEARCH_URL) or --node-port")
    node = [sys.executable, "tools/search_node.py"]
    home = ["--home", str(args.out / "search-node")]
    if not args.search_url:
        started = subprocess.run(
            [*node, "start", "--port", str(args.node_port), *home, "--cluster-name", "portal-bench", "--heap", "1g"],
            cwd=REPO,
            check=True,
            capture_output=True,
            text=True,
        )
        args.search_url = started.stdout.strip().splitlines()[-1]
    try:
        options = ("--fallback-from-rebuild",) if args.fallback_from_rebuild else ()
        options += ("--only", args.only) + (("--workers", str(args.workers)) if args.workers else ())
        options += ("--peer-budget", str(args.peer_budget)) if args.peer_budget is not None else ()
        options += ("--peer-timeout", str(args.peer_timeout)) if args.peer_timeout is not None else ()
        options += ("--worker-requests", str(args.worker_requests)) if args.worker_requests is not None else ()
        run(args.n or [1000, 10000], args.search_url, args.out, args.repeat, options)
    finally:
        if args.node_port and "started" in locals():
            subprocess.run([*node, "stop", *home], cwd=REPO, check=False)
    print((args.out / "report.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
