"""tools/serve.py start is idempotent, and stop (make serve-stop) ends every process of the
stack. Runs after the other stack tests (files run in name order): it stops the stack."""

import socket
import time
from pathlib import Path
from urllib.parse import urlsplit


def stack_processes(serve_dir: Path) -> list[int]:
    """Live processes whose environment names this stack (tools/serve.py marks each one)."""
    wanted = f"PORTAL_SERVE_DIR={serve_dir}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and wanted in (entry / "environ").read_bytes().split(b"\0"):
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_a_second_start_finds_the_stack_running(running_stack):
    started = time.monotonic()
    result = running_stack.serve("start")
    assert result.returncode == 0 and "already running" in result.stderr
    assert time.monotonic() - started < 15
    assert running_stack.serve("status").returncode == 0


def test_serve_stop_leaves_no_process_behind(running_stack):
    stack = running_stack
    ports = [stack.https_port, urlsplit(stack.http_url).port, urlsplit(stack.web_url).port]
    # honcho, nginx and its workers, gunicorn and its 4 workers, outbox, tasks, schedule
    assert len(stack_processes(stack.serve_dir)) >= 12
    assert all(listening(port) for port in ports)

    result = stack.serve("stop")
    stack.stopped = True

    assert result.returncode == 0
    assert stack_processes(stack.serve_dir) == []
    assert not any(listening(port) for port in ports)
    assert stack.serve("status").returncode == 1
    assert stack.serve("stop").returncode == 0  # stopping again is harmless
