"""`make bench` must not rot: a tiny run (N = 200, one timed request per query, the
fallback table filled from the rebuild's documents) goes end to end against the test
engine — corpus, bulk load, the portal's rebuild, both Wagtail peers, every measurement —
and its report carries every figure BENCHMARKS.md quotes. Timings are not asserted: they
belong to the benchmark, not to a test."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.report import markdown
from tests.search.conftest import ENGINE_KIND, ENGINE_URL, skip_locally_fail_in_ci

REPO = Path(__file__).resolve().parents[2]
BACKENDS = ("portal", "wagtail_opensearch", "wagtail_database")
CATEGORIES = ("thai_word", "thai_phrase", "two_facets", "english", "all")


def _positive(stats: dict) -> bool:
    return all(stats[key] > 0 for key in ("p50", "p95", "p99")) and stats["p50"] <= stats["p95"] <= stats["p99"]


def test_a_tiny_benchmark_reports_every_figure(tmp_path):
    if not ENGINE_URL or ENGINE_KIND != "opensearch":
        skip_locally_fail_in_ci("No OpenSearch node: set SEARCH_URL (make test starts one).")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--n",
            "200",
            "--repeat",
            "1",
            "--fallback-from-rebuild",
            "--worker-requests",
            "60",
            "--search-url",
            ENGINE_URL,
            "--out",
            str(tmp_path),
        ],
        cwd=REPO,
        check=True,
        timeout=900,  # about a minute on an idle machine; much longer on a shared, busy one
    )
    result = json.loads((tmp_path / "result-200.json").read_text())

    assert result["created"]["case_studies"] == 200
    reindex = result["reindex"]["portal"]
    assert reindex["documents"] == 200 + result["created"]["centres"]
    assert reindex["case_studies_per_s"] > 0 and reindex["alias_swap"]
    assert reindex["rejected_bulk_items"] == 0 and reindex["thread_pool_rejections"] >= 0
    assert all(result["reindex"][name]["case_studies_per_s"] > 0 for name in BACKENDS)
    for category in CATEGORIES:
        assert all(_positive(result["search"][category][name]) for name in BACKENDS), category
        took = result["search"][category]["portal_took"]  # the engine's own figure: may round to 0 ms
        assert took["samples"] == result["search"][category]["portal"]["samples"]
        assert 0 <= took["p95"] <= result["search"][category]["portal"]["p95"]
    assert all(_positive(result["autocomplete"][name]) for name in BACKENDS)
    for page in ("home", "listing", "case_study"):
        timings = result["pages"][page]
        assert _positive(timings["uncached"]) and _positive(timings["miss"]) and _positive(timings["cached"])
        assert timings["queries_uncached"] > 0 and timings["queries_miss"] > 0
        assert 0 < timings["queries_cached"] <= 3  # from the page cache: its generations, key and page
    memory = result["worker_memory"]
    assert memory["requests"] == 60 and memory["errors"] == 0
    assert 0 < memory["rss_mb_started"] <= memory["rss_mb_end"]
    for row in result["recall"]:
        assert row["contain_substring"] >= row["contain_as_word"] > 0, row
        assert all(0 <= row[name]["of_substring"] <= row["contain_substring"] for name in BACKENDS)
    # The portal finds every case study that contains a one-word Thai query as a word.
    assert all(row["portal"]["of_word"] == row["contain_as_word"] for row in result["recall"])
    assert {"cpus", "memory_gb", "opensearch", "wagtail", "load_average"} <= set(result["machine"])

    report = (tmp_path / "report.md").read_text()
    for heading in ("reindex", "search, ms", "autocomplete, ms", "page", "Thai word", "Machine:"):
        assert f"| {heading}" in report or heading in report
    assert "N = 200" in report
    assert result["peer_budget"]["skipped_requests"] == {}  # the default budget is hours at N = 200

    # A peer the budget stopped is shown as not measured, never as a made-up figure.
    stopped = json.loads(json.dumps(result))
    del stopped["search"]["english"]["wagtail_database"], stopped["autocomplete"]["wagtail_database"]
    for row in stopped["recall"]:
        del row["wagtail_database"]
    stopped["peer_budget"]["skipped_requests"] = {"wagtail_database": 7}
    lines = markdown([stopped]).splitlines()
    english = [cell.strip() for cell in next(line for line in lines if line.startswith("| English |")).split("|")[1:-1]]
    assert english[5] == english[7] == "–" and english.count("–") == 2  # the database peer: no timings, no ratio
    assert "| Wagtail database backend | – | – | – |" in lines
    assert all(line.endswith(" | – |") for line in lines if line.startswith("| ผู้สูงอายุ |"))
    assert any("Not measured (over budget" in line and "Wagtail database backend 7 requests" in line for line in lines)


def test_the_reindex_step_alone(tmp_path):
    """`--only reindex` (how BENCHMARKS.md compares rebuild speeds): the portal's rebuild
    with the given number of document workers, and nothing else."""
    if not ENGINE_URL or ENGINE_KIND != "opensearch":
        skip_locally_fail_in_ci("No OpenSearch node: set SEARCH_URL (make test starts one).")
    command = [sys.executable, "-m", "bench", "--n", "20", "--only", "reindex", "--workers", "1", "--search-url", ENGINE_URL]
    subprocess.run([*command, "--out", str(tmp_path)], cwd=REPO, check=True, timeout=600)
    result = json.loads((tmp_path / "result-20.json").read_text())

    portal = result["reindex"]["portal"]
    assert portal["documents"] == 20 + result["created"]["centres"] and portal["workers"] == 1
    assert set(result["reindex"]) == {"portal"} and "search" not in result and "fallback_fill" not in result
    report = (tmp_path / "report.md").read_text()
    assert "| portal (`rebuild`" in report and "1 document worker" in report and "search, ms" not in report


def test_the_peer_budget_stops_a_slow_peer_phase_by_phase():
    from bench.measure import PORTAL, WAGTAIL_DB, Budget

    budget = Budget(Budget.PHASES * 0.01)  # 10 ms for each phase
    assert budget.allows(WAGTAIL_DB, "thai_word")
    budget.timed(WAGTAIL_DB, "thai_word", lambda: time.sleep(0.02))
    assert not budget.allows(WAGTAIL_DB, "thai_word")
    assert budget.allows(WAGTAIL_DB, "english")  # another phase has its own share
    budget.timed(PORTAL, "thai_word", lambda: time.sleep(0.02))
    assert budget.allows(PORTAL, "thai_word")  # the portal is always measured
    report = budget.report()
    assert report["skipped_requests"] == {WAGTAIL_DB: 1} and report["spent_s"][WAGTAIL_DB] >= 0.0


SLOW_PEER = """
import time
from django.db import connection
from bench.measure import WAGTAIL_DB, Budget, TimedOut

def endless():
    with connection.cursor() as cursor:  # counts to a billion: minutes of SQLite work
        cursor.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n")
        return cursor.fetchone()

connection.ensure_connection()  # as in a benchmark run, where the peers' pages were loaded already
budget = Budget(600, timeout=0.5)
started = time.perf_counter()
try:
    budget.timed(WAGTAIL_DB, "recall", endless)
except TimedOut:
    print("stopped after", round(time.perf_counter() - started, 1), budget.report()["timeouts"])
with connection.cursor() as cursor:  # the connection still works
    cursor.execute("SELECT 41 + 1")
    print("then", cursor.fetchone()[0])
"""


def test_a_peer_request_past_the_timeout_is_stopped(tmp_path):
    """The database peer's query is interrupted at the timeout, not waited for."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "BENCH_DB": str(tmp_path / "slow.sqlite3")}
    run = subprocess.run([sys.executable, "-c", SLOW_PEER], cwd=REPO, env=environment, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    stopped, then = run.stdout.splitlines()
    assert stopped.startswith("stopped after") and float(stopped.split()[2]) < 30
    assert stopped.endswith("{'wagtail_database': {'recall': 1}}") and then == "then 42"
