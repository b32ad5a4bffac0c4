"""tools/test_postgres.py: the throwaway PostgreSQL server `make test` runs the suite on."""

import json
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]


def tool(*args: str) -> str:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "test_postgres.py"), *args], check=True, capture_output=True, text=True
    ).stdout


def test_start_serves_a_database_and_stop_removes_the_server_and_its_files(tmp_path):
    state = tmp_path / "server.json"  # not the one tools/run-tests is using
    output = tool("start", "--state", str(state))
    url = output.strip().removeprefix("DATABASE_URL=")
    server = json.loads(state.read_text())
    try:
        with psycopg.connect(url) as connection:
            assert connection.execute(
                "select current_user, pg_encoding_to_char(encoding) from pg_database where datname = 'postgres'"
            ).fetchone() == (
                "portal",
                "UTF8",
            )
    finally:
        assert tool("stop", "--state", str(state)).strip() == "Test PostgreSQL server stopped."

    assert not state.exists() and not Path(server["datadir"]).exists()
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", server["port"])) != 0
    assert tool("stop", "--state", str(state)).strip() == "No test PostgreSQL server is running."


def test_a_lasting_server_keeps_its_data_across_a_stop(tmp_path):
    """tools/serve.py's PostgreSQL: --datadir is kept, and the next start serves the same data."""
    state = tmp_path / "server.json"
    # Not under tmp_path: as root the server runs as `postgres`, which cannot enter pytest's 0700 folders.
    datadir = Path(tempfile.mkdtemp(prefix="portal-test-pg-lasting-"))
    url = tool("start", "--state", str(state), "--datadir", str(datadir)).strip().removeprefix("DATABASE_URL=")
    try:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("create table kept (value text)")
            connection.execute("insert into kept values ('still here')")
            assert connection.execute("show fsync").fetchone() == ("on",)
    finally:
        tool("stop", "--state", str(state))
    assert (datadir / "PG_VERSION").exists()

    url = tool("start", "--state", str(state), "--datadir", str(datadir)).strip().removeprefix("DATABASE_URL=")
    try:
        with psycopg.connect(url) as connection:
            assert connection.execute("select value from kept").fetchall() == [("still here",)]
    finally:
        tool("stop", "--state", str(state))
        shutil.rmtree(datadir, ignore_errors=True)
