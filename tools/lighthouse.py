"""Lighthouse (npm `lighthouse`, pinned in package.json) on the home page, a case study and a
search, with Lighthouse's phone profile, in Debian's Chromium.

Run against a running portal: the production stack (`make serve`, nginx with TLS; its
self-signed certificate, var/serve/tls/localhost.crt, is trusted for this run only) or
`make run` in another terminal:
    .venv/bin/python tools/lighthouse.py [--base-url https://localhost:8443] [--benchmarks]
Prints the four category scores per page and what failed; --benchmarks appends the table
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


def run(name: str, url: str, lighthouse: str, flags: str) -> dict:
    OUT.mkdir(parents=True, exist_ok=True)
    report = OUT / f"{name}.json"
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    subprocess.run(
        [lighthouse, url, "--quiet", "--output=json", f"--output-path={report}", f"--chrome-flags={flags}",
         "--only-categories=" + ",".join(CATEGORIES)],
        env=env, check=True,
    )  # fmt: skip
    data = json.loads(report.read_text())
    scores = {key: round((data["categories"][key]["score"] or 0) * 100) for key in CATEGORIES}
    failed = sorted(
        audit["title"]
        for audit in data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    )
    return {"name": name, "url": url, "scores": scores, "failed": failed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="https://localhost:8443")
    parser.add_argument("--benchmarks", action="store_true", help="append the results to BENCHMARKS.md")
    parser.add_argument("--lighthouse", default=os.environ.get("LIGHTHOUSE", str(ROOT / "node_modules" / ".bin" / "lighthouse")))
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    pages = {"home": base + "/", "case-study": base + first_case_study(base), "search": base + "/search/?q=" + quote("ผู้สูงอายุ")}
    results = [run(name, url, args.lighthouse, chrome_flags(base)) for name, url in pages.items()]
    lines = ["| page | performance | accessibility | best practices | SEO |", "|---|---|---|---|---|"]
    for result in results:
        lines.append(f"| {result['name']} | " + " | ".join(str(result["scores"][key]) for key in CATEGORIES) + " |")
    table = "\n".join(lines)
    print(table)
    for result in results:
        if result["failed"]:
            print(f"\n{result['name']}: " + "; ".join(result["failed"]))
    if args.benchmarks:
        when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        with (ROOT / "BENCHMARKS.md").open("a") as file:
            file.write(f"\n## Lighthouse 12, phone profile ({when}, {base})\n\n`tools/lighthouse.py`:\n\n{table}\n")
    below = [r["name"] for r in results for key in CATEGORIES if r["scores"][key] < TARGETS[key]]
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
