"""Browser tests drive Debian's Chromium against a real portal process.

The server runs `manage.py runserver` on its own database (a fresh SQLite file, or a fresh
PostgreSQL database when DATABASE_URL names a PostgreSQL server), migrated and loaded with
demo content once per session, so these tests see the portal as a visitor would.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "browser-test-password"


def fresh_database_url(tmp: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp / 'browser.sqlite3'}"
    import psycopg

    name = f"portal_browser_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def portal_url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("portal")
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=fresh_database_url(tmp),
        MEDIA_ROOT=str(tmp / "media"),
        DJANGO_SUPERUSER_PASSWORD=ADMIN_PASSWORD,
        # The engine the suite runs against, if any, with an index of its own; without one
        # the portal answers from its database fallback, as it would in production.
        SEARCH_URL=os.environ.get("SEARCH_URL", ""),
        SEARCH_INDEX_PREFIX=f"browser-{os.getpid()}",
        PUBLIC_RATE_LIMIT_PER_MINUTE="0",  # every browser test searches from one address
        SEARCH_REQUEST_TIMEOUT="10",  # the suite keeps both cores busy; the engine must answer
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["load_demo_content", "--limit", "8"],
        ["createsuperuser", "--no-input", "--username", "admin", "--email", "admin@example.org"],
        # With an engine, its index is built as `make run` builds it, so that searches in the
        # browser are the engine's (the_engine_answers checks), not the database's.
        *([["rebuild_search_index"]] if env["SEARCH_URL"] else []),
    ):
        subprocess.run(manage + command, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    port = free_port()
    log = open(tmp / "server.log", "w")  # noqa: SIM115 - closed after the server stops
    server = subprocess.Popen(
        manage + ["runserver", "--noreload", f"127.0.0.1:{port}"], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2)  # noqa: S310 - our own loopback server
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("The portal did not start:\n" + (tmp / "server.log").read_text()[-3000:])
            time.sleep(0.3)
    if env["SEARCH_URL"]:
        answer = json.load(urllib.request.urlopen(url + "/api/search/?q=" + quote("ผู้สูงอายุ"), timeout=30))  # noqa: S310 - our own loopback server
        assert answer["source"] == "engine", f"the browser tests' portal answered from {answer['source']}, not the engine"
    yield url
    if env["SEARCH_URL"]:
        subprocess.run(
            manage
            + [
                "shell",
                "-c",
                "from search.backends.engine.client import get_engine; "
                "e = get_engine(); [e.delete_index(n) for n in e.versioned_indices()]",
            ],
            env=env,
            cwd=ROOT,
            check=False,
        )
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="th-TH")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    """A phone-sized viewport with touch, like most visitors'."""
    context = browser.new_context(locale="th-TH", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def assert_the_engine_answered(page) -> None:
    """On a search page (when the suite has an engine): the page's Server-Timing names the engine."""
    if os.environ.get("SEARCH_URL"):
        timings = page.evaluate("() => performance.getEntriesByType('navigation')[0].serverTiming.map(t => [t.name, t.description])")
        assert ["search", "engine"] in timings, f"the search page was not answered by the engine: {timings}"
