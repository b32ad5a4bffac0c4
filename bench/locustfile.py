"""Visitors for the load run against a running `make serve` stack (bench/load_run.py, `make load`).

Each simulated visitor browses: the home page, the case-study listing, case studies, the
search page, the search suggestions, and a centre's study-visit request form (opened, not
sent: a submission is rate limited per client address, and every visitor here has one).
The addresses of case studies and forms are found once, at the start, from the portal itself.
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path
from urllib.parse import urlsplit

import requests
from locust import FastHttpUser, between, events, task

QUERIES = ["ผู้สูงอายุ", "ขยะ", "เด็กเล็ก", "น้ำ", "สุขภาพ", "เกษตร", "การท่องเที่ยว", "ภัยพิบัติ"]
PREFIXES = ["ผู้สู", "ขย", "เด็ก", "สุข", "เกษ", "ท่อง"]
found: dict[str, list[str]] = {"case_studies": [], "visit_forms": []}


def certificate() -> str:
    """The stack's certificate (tools/serve.py writes it), to check the server with."""
    serve_dir = Path(os.environ.get("SERVE_DIR") or Path(__file__).resolve().parents[1] / "var" / "serve")
    return os.environ.get("TLS_CERT") or str(serve_dir / "tls" / "localhost.crt")


@events.test_start.add_listener
def discover(environment, **kwargs) -> None:
    client = requests.Session()
    client.trust_env = False
    client.verify = certificate()
    host = environment.host
    for query in QUERIES:
        hits = client.get(f"{host}/api/search/", params={"q": query}, timeout=60).json()["results"]
        found["case_studies"] += [urlsplit(hit["url"]).path for hit in hits]
    found["case_studies"] = sorted(set(found["case_studies"]))
    sitemap = client.get(f"{host}/sitemap.xml", timeout=60).text
    for address in re.findall(r"<loc>([^<]+)</loc>", sitemap)[:40]:
        page = client.get(host + urlsplit(address).path, timeout=60).text
        found["visit_forms"] += re.findall(r'href="(/visits/request/\d+/)"', page)
    found["visit_forms"] = sorted(set(found["visit_forms"]))
    if not found["case_studies"] or not found["visit_forms"]:
        raise SystemExit(f"Found no case studies or visit forms at {host}: is the demo content loaded?")


class Visitor(FastHttpUser):
    wait_time = between(0.5, 2.0)

    @task(2)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(2)
    def listing(self) -> None:
        self.client.get("/case-studies/", name="listing")

    @task(4)
    def case_study(self) -> None:
        self.client.get(random.choice(found["case_studies"]), name="case study")  # noqa: S311 - not cryptography

    @task(3)
    def search(self) -> None:
        self.client.get("/search/?q=" + random.choice(QUERIES), name="search")  # noqa: S311

    @task(3)
    def suggest(self) -> None:
        self.client.get("/api/search/suggest/?q=" + random.choice(PREFIXES), name="suggest")  # noqa: S311

    @task(1)
    def visit_form(self) -> None:
        self.client.get(random.choice(found["visit_forms"]), name="visit form")  # noqa: S311
