"""A gunicorn worker's memory after many mixed requests (issue #19: it must stay flat).

Starts gunicorn with one sync worker on the benchmark's database and index, sends `requests`
requests cycling through case studies, listings (with filters and pages), home, feeds and
searches, and reads the worker's resident set size (RSS) with psutil: after start-up, after
the first tenth of the requests (warm) and at the end. Flat means the end is close to warm.
"""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
WORDS = ["ผู้สูงอายุ", "ขยะ", "อาสาสมัคร", "สุขภาพ", "elderly"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(base: str, path: str) -> int:
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310  # nosec B310 - our own local server
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def mixed_paths(case_study_urls: list[str]) -> itertools.cycle:
    listings = [f"/case-studies/?page={page}" for page in range(1, 6)] + ["/centres/", "/case-studies/?area=community-health-care"]
    others = ["/", "/feeds/case-studies.rss", *[f"/search/?q={urllib.request.quote(word)}" for word in WORDS], *listings]
    mixed = []
    for number, url in enumerate(case_study_urls):
        mixed += [url, others[number % len(others)]]
    return itertools.cycle(mixed or others)


def rss_mb(process: psutil.Process) -> float:
    return round(process.memory_info().rss / 1024 / 1024, 1)


def worker_memory(case_study_urls: list[str], requests: int = 1000) -> dict:
    """{rss_mb_started, rss_mb_warm, rss_mb_end, requests, errors, seconds} of one worker."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "120"],
        cwd=REPO,
        env={**os.environ, "PAGE_CACHE_SECONDS": os.environ.get("PAGE_CACHE_SECONDS", "600")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                _get(base, "/health/live/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.5)
        worker = psutil.Process(server.pid).children()[0]
        result = {"requests": requests, "rss_mb_started": rss_mb(worker), "errors": 0}
        paths = mixed_paths(case_study_urls)
        started = time.monotonic()
        for number in range(1, requests + 1):
            if _get(base, next(paths)) >= 500:
                result["errors"] += 1
            if number == max(1, requests // 10):
                result["rss_mb_warm"] = rss_mb(worker)
        result["seconds"] = round(time.monotonic() - started, 1)
        result["rss_mb_end"] = rss_mb(worker)
        return result
    finally:
        server.terminate()
        server.wait(timeout=30)
