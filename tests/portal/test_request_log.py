"""Every request leaves one log line and a request id; with production settings, a server
error leaves one JSON line on stderr with its traceback and the same request id."""

import json
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_each_request_gets_an_id_and_one_log_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="portal.requests"):
        response = client.get("/health/live/")
    request_id = response.headers["X-Request-ID"]
    (record,) = [record for record in caplog.records if record.name == "portal.requests"]
    assert record.request_id == request_id and len(request_id) == 32
    assert (record.method, record.path, record.status) == ("GET", "/health/live/", 200)
    assert record.duration_ms >= 0


def test_the_trusted_proxys_request_id_is_kept_and_anyone_elses_replaced(client, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    nginx_id = "0f3c2a9b8d7e6f5a4b3c2d1e0f9a8b7c"
    assert client.get("/health/live/", HTTP_X_REQUEST_ID=nginx_id, REMOTE_ADDR="127.0.0.1").headers["X-Request-ID"] == nginx_id
    assert client.get("/health/live/", HTTP_X_REQUEST_ID=nginx_id, REMOTE_ADDR="203.0.113.5").headers["X-Request-ID"] != nginx_id
    forged = "x\nINFO fake line"
    assert client.get("/health/live/", HTTP_X_REQUEST_ID=forged, REMOTE_ADDR="127.0.0.1").headers["X-Request-ID"] != forged


SERVER_ERROR = """
import django
django.setup()
from search import views
def broken_view(request):
    raise RuntimeError("a bug that reached production")
views.api_search = broken_view
from django.test import Client
response = Client(raise_request_exception=False).get("/api/search/?q=x", secure=True)
print(response.status_code, response.headers["X-Request-ID"], file=sys.stdout)
"""


def test_a_server_error_in_production_leaves_a_json_line_with_its_traceback(tmp_path):
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        PUBLIC_RATE_LIMIT_PER_MINUTE="0",
        SEARCH_URL="",
    )
    env.pop("LOG_FORMAT", None)
    done = subprocess.run(
        [sys.executable, "-c", "import sys\n" + SERVER_ERROR], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    status, request_id = done.stdout.split()
    assert status == "500"
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    (error,) = [line for line in lines if line["level"] == "ERROR"]
    assert error["logger"] == "django.request" and error["request_id"] == request_id
    assert "Traceback (most recent call last)" in error["traceback"]
    assert "RuntimeError: a bug that reached production" in error["traceback"]
    assert error["time"].endswith("+00:00") or error["time"].endswith("Z")
    (access,) = [line for line in lines if line["logger"] == "portal.requests"]
    assert (access["status"], access["request_id"]) == (500, request_id)
