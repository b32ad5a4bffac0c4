"""With the database really unreachable, the production server answers a plain 503 page:
no traceback, no template, and it does not try the database again to render it."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own loopback server
    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(request, timeout=20)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, dict(response.headers), response.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
def unreachable_database(request, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("db")
    if request.param == "postgresql":
        return f"postgres://portal@127.0.0.1:{free_port()}/portal"  # nothing listens there
    return f"sqlite:///{tmp_path / 'no-such-folder' / 'portal.sqlite3'}"  # cannot be opened


@pytest.fixture(scope="module")
def production_server(unreachable_database, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("server")
    port = free_port()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        DATABASE_URL=unreachable_database,
        MEDIA_ROOT=str(tmp_path / "media"),
        SEARCH_URL="",
    )
    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115 - closed after the server stops
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail("gunicorn did not start:\n" + (tmp_path / "gunicorn.log").read_text()[-3000:])
        time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=20)
    log.close()


@pytest.mark.parametrize("path", ["/", "/search/?q=ผู้สูงอายุ", "/centres/", "/api/search/?q=x"])
def test_pages_answer_a_plain_503_when_the_database_is_unreachable(production_server, path):
    status, headers, body = fetch(production_server + urllib.parse.quote(path, safe="/?="), **{"X-Forwarded-Proto": "https"})
    assert status == 503
    assert "ระบบไม่พร้อมให้บริการชั่วคราว" in body
    assert headers["Retry-After"].isdigit()
    assert "Traceback" not in body and "OperationalError" not in body and "psycopg" not in body
    assert "Strict-Transport-Security" in headers  # the security headers still go out
    assert "object-src 'none'" in headers["Content-Security-Policy"]


def test_plain_http_is_redirected_to_https_without_touching_the_database(production_server):
    status, headers, _body = fetch(production_server + "/centres/")
    assert status == 301
    assert headers["Location"].startswith("https://")


def test_readiness_takes_the_server_out_of_service_and_liveness_still_answers(production_server):
    status, headers, body = fetch(production_server + "/health/ready/")  # plain HTTP, as a load balancer probes
    assert status == 503
    assert json.loads(body)["status"] == "unavailable" and json.loads(body)["database"]["ok"] is False
    assert "psycopg" not in body and "sqlite" not in body.lower() and "127.0.0.1" not in body
    status, _headers, body = fetch(production_server + "/health/live/")
    assert (status, json.loads(body)) == (200, {"status": "ok"})
