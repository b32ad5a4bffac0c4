"""Lighthouse (npm `lighthouse`, pinned in package.json) on the home page, a case study and a
search, with Lighthouse's phone profile, in Debian's Chromium.

Run against a running portal: the production stack (`make serve`, nginx with TLS; its
self-signed certificate, var/serve/tls/localhost.crt, is trusted for this run only) or
`make run` in another terminal:
    .venv/bin/python tools/lighthouse.py [--base-url https://localhost:8443] [--benchmarks]
Runs each page --runs times (default 3) and prints the four category scores of the median
run (by performance) and what failed in it; --benchmarks appends the table
to BENCHMARKS.md. Reports (JSON) go to test-artifacts/lighthouse/. Exits 1 below the targets
(performance >= 95, accessibility, best practices and SEO 100).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import ssl
import subprocess
import sys
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "test-artifacts" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
SERVE_CERTIFICATE = ROOT / "var" / "serve" / "tls" / "localhost.crt"


def chrome_flags(base_url: str) -> str:
    # make serve's certificate is self-signed; Chromium is told to accept it on this loopback run.
    return CHROME_FLAGS + (" --ignore-certificate-errors" if base_url.startswith("https://localhost") else "")


def first_case_study(base_url: str) -> str:
    context = ssl.create_default_context(cafile=SERVE_CERTIFICATE) if base_url.startswith("https://localhost") else None
    html = urllib.request.urlopen(base_url + "/case-studies/", timeout=30, context=context).read().decode()  # noqa: S310  # nosec B310 - the operator's own portal
    match = re.search(r'class="card-title"[^>]*><a href="([^"]+)"', html)
    if not match:
        sys.exit("no case study on /case-studies/: load the demo content first (make run does)")
    return match.group(1)


def lighthouse_report(url: str, lighthouse: str, flags: str, report: Path) -> dict:
    """One Lighthouse run's report; a run Lighthouse itself gives up on (a lost trace,
    NO_NAVSTART) is tried again, twice at most."""
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    for attempt in range(3):
        done = subprocess.run(
            [lighthouse, url, "--quiet", "--output=json", f"--output-path={report}", f"--chrome-flags={flags}",
             "--only-categories=" + ",".join(CATEGORIES)],
            env=env, check=False,
        )  # fmt: skip
        if done.returncode == 0:
            data = json.loads(report.read_text())
            if not data.get("runtimeError"):
                return data
        print(f"lighthouse failed on {url} (attempt {attempt + 1}); trying again", file=sys.stderr)
    sys.exit(f"lighthouse failed three times on {url}")


def run(name: str, url: str, lighthouse: str, flags: str, runs: int) -> dict:
    """The median run by performance score (Lighthouse's advice: scores vary between runs)."""
    OUT.mkdir(parents=True, exist_ok=True)
    reports = [lighthouse_report(url, lighthouse, flags, OUT / f"{name}-{n}.json") for n in range(runs)]
    reports.sort(key=lambda data: data["categories"]["performance"]["score"] or 0)
    data = reports[len(reports) // 2]
    (OUT / f"{name}.json").write_text(json.dumps(data))
    scores = {key: round((data["categories"][key]["score"] or 0) * 100) for key in CATEGORIES}
    failed = sorted(
        audit["title"]
        for audit in data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    )
    performance = sorted(round((d["categories"]["performance"]["score"] or 0) * 100) for d in reports)
    return {"name": name, "url": url, "scores": scores, "failed": failed, "performance_runs": performance}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="https://localhost:8443")
    parser.add_argument("--benchmarks", action="store_true", help="append the results to BENCHMARKS.md")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median run is reported (default 3)")
    parser.add_argument("--lighthouse", default=os.environ.get("LIGHTHOUSE", str(ROOT / "node_modules" / ".bin" / "lighthouse")))
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    pages = {"home": base + "/", "case-study": base + first_case_study(base), "search": base + "/search/?q=" + quote("ผู้สูงอายุ")}
    results = [run(name, url, args.lighthouse, chrome_flags(base), args.runs) for name, url in pages.items()]
    lines = ["| page | performance | accessibility | best practices | SEO | performance, every run |", "|---|---|---|---|---|---|"]
    for result in results:
        runs = ", ".join(map(str, result["performance_runs"]))
        lines.append(f"| {result['name']} | " + " | ".join(str(result["scores"][key]) for key in CATEGORIES) + f" | {runs} |")
    table = "\n".join(lines)
    print(table)
    for result in results:
        if result["failed"]:
            print(f"\n{result['name']}: " + "; ".join(result["failed"]))
    if args.benchmarks:
        when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        with (ROOT / "BENCHMARKS.md").open("a") as file:
            heading = f"## Lighthouse 12, phone profile ({when}, {base})"
            file.write(f"\n{heading}\n\n`tools/lighthouse.py --runs {args.runs}` (the median run of each page):\n\n{table}\n")
    below = [r["name"] for r in results for key in CATEGORIES if r["scores"][key] < TARGETS[key]]
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
