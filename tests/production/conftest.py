"""The production stack, started once per session exactly as `make serve` starts it.

`tools/serve.py start` runs with free ports, its state in a temporary folder, a fresh
PostgreSQL database on the suite's server (DATABASE_URL) and the suite's search node
(SEARCH_URL, with an index prefix of its own); `tools/serve.py stop` ends it. The `stack`
fixture gives later tests (brute force, rate limits) what they need: the HTTPS address
through nginx, gunicorn's own address, manage.py against the stack's database and
environment, and the administrator's login.
"""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.deployed_site import drop_database, fresh_database_url

ROOT = Path(__file__).resolve().parents[2]
SERVE = [sys.executable, str(ROOT / "tools" / "serve.py")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Stack:
    url: str  # https://localhost:PORT, through nginx
    http_url: str  # nginx's plain-HTTP listener (redirects to HTTPS)
    web_url: str  # gunicorn directly, behind the proxy's back
    https_port: int
    serve_dir: Path
    media_root: Path
    env: dict[str, str]  # the environment tools/serve.py ran with
    admin_username: str
    admin_password: str
    stopped: bool = False

    def app_env(self) -> dict[str, str]:
        """The portal's environment as the stack's processes have it (SERVE_DIR/env)."""
        lines = (self.serve_dir / "env").read_text().splitlines()
        return {**os.environ, **dict(line.split("=", 1) for line in lines if "=" in line)}

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """manage.py against the stack's database, engine and settings (production)."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.app_env(), capture_output=True, text=True, timeout=300
        )
        if check:
            assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr[-3000:]}"
        return result

    def shell(self, code: str) -> str:
        """Run Python in `manage.py shell` against the stack; what it prints."""
        return self.manage("shell", "--verbosity", "0", "--command", code).stdout.strip()

    def serve(self, action: str) -> subprocess.CompletedProcess:
        return subprocess.run([*SERVE, action], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=600)

    def session(self) -> requests.Session:
        """An HTTP client that trusts the stack's self-signed certificate (and nothing from the
        environment: no proxy, no other CA bundle)."""
        client = requests.Session()
        client.trust_env = False
        client.verify = str(self.serve_dir / "tls" / "localhost.crt")
        return client


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.fail("The production stack runs on PostgreSQL: set DATABASE_URL to a server (tools/run-tests does).")
    tmp = tmp_path_factory.mktemp("stack")
    https_port, http_port, web_port = free_port(), free_port(), free_port()
    database_url = fresh_database_url(tmp, f"portal_stack_{os.getpid()}")
    env = {
        **os.environ,
        "SERVE_DIR": str(tmp / "serve"),
        "HTTPS_PORT": str(https_port),
        "HTTP_PORT": str(http_port),
        "WEB_PORT": str(web_port),
        "DATABASE_URL": database_url,
        "SEARCH_INDEX_PREFIX": f"stack-{os.getpid()}",
        "MEDIA_ROOT": str(tmp / "media"),
        "STATIC_ROOT": str(tmp / "static"),
        "SERVE_DEMO_LIMIT": "4",
        # Scheduled publishing every 2 s instead of every minute (tests/production/test_schedule.py).
        "SCHEDULE_PUBLISH_EVERY": "2",
    }
    for name in ("TLS_CERT", "TLS_KEY", "SERVE_HOST", "SERVE_DEMO"):  # a developer's own settings
        env.pop(name, None)
    started = subprocess.run([*SERVE, "start"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    serve_dir = Path(env["SERVE_DIR"])
    if started.returncode != 0:
        subprocess.run([*SERVE, "stop"], cwd=ROOT, env=env, capture_output=True)
        drop_database(database_url)
        pytest.fail(f"tools/serve.py start failed:\n{started.stdout}\n{started.stderr[-5000:]}")
    stack = Stack(
        url=f"https://localhost:{https_port}",
        http_url=f"http://127.0.0.1:{http_port}",
        web_url=f"http://127.0.0.1:{web_port}",
        https_port=https_port,
        serve_dir=serve_dir,
        media_root=Path(env["MEDIA_ROOT"]),
        env=env,
        admin_username="admin",
        admin_password=(serve_dir / "admin-password").read_text().strip(),
    )
    yield stack
    if os.environ.get("SEARCH_URL"):
        stack.manage(
            "shell",
            "-c",
            "from search.backends.engine.client import get_engine; e = get_engine(); [e.delete_index(n) for n in e.versioned_indices()]",
            check=False,
        )
    stack.serve("stop")
    drop_database(database_url)


@pytest.fixture
def running_stack(stack):
    if stack.stopped:
        pytest.fail("The stack was stopped by test_stop.py, which must run after every other stack test.")
    return stack


def tls_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context
