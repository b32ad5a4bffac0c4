"""tools/test_postgres.py: the throwaway PostgreSQL server `make test` runs the suite on."""

import json
import socket
import subprocess
import sys
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
