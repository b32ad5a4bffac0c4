"""Start or stop a throwaway PostgreSQL server for the test suite.

    python tools/test_postgres.py start   # prints DATABASE_URL=postgres://...
    python tools/test_postgres.py stop

With --datadir the server is a lasting one instead (`make serve`'s, tools/serve.py): its
data folder is created once, kept across stops, written durably (fsync on), and it listens
on --port when given.

Uses the machine's PostgreSQL binaries; when there are none and we are root, installs
Debian's `postgresql` package. PostgreSQL refuses to run as root, so as root the server
runs as the `postgres` system user (created by the package).
"""

import argparse
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STATE = Path(__file__).resolve().parent.parent / "var" / "test-postgres.json"


def find_bindir() -> Path | None:
    candidates = [os.environ.get("PG_BINDIR", "")]
    pg_config = shutil.which("pg_config")
    if pg_config:
        candidates.append(subprocess.run([pg_config, "--bindir"], capture_output=True, text=True).stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(str(Path(initdb).resolve().parent))
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def install_postgres() -> None:
    if os.geteuid() != 0:
        sys.exit("No PostgreSQL server found. Install it (Debian: apt-get install postgresql) or set PG_BINDIR.")
    print("Installing Debian's postgresql package…", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True, env=env)


def as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def running(state: Path = STATE) -> bool:
    """Whether the server recorded in STATE answers (pg_ctl status)."""
    if not state.exists():
        return False
    server = json.loads(state.read_text())
    status = subprocess.run(
        as_server_user([str(Path(server["bindir"]) / "pg_ctl"), "-D", server["datadir"], "status"]), capture_output=True
    )
    return status.returncode == 0


def database_url(state: Path = STATE) -> str:
    return f"postgres://portal@127.0.0.1:{json.loads(state.read_text())['port']}/postgres"


def start(state: Path = STATE, datadir: Path | None = None, port: int | None = None) -> None:
    """A throwaway server in a temporary folder, or with DATADIR a lasting one kept there."""
    if state.exists():
        stop(quiet=True, state=state)
    bindir = find_bindir()
    if bindir is None:
        install_postgres()
        bindir = find_bindir()
        if bindir is None:
            sys.exit("PostgreSQL was installed but its binaries were not found.")
    lasting = datadir is not None
    if datadir is None:
        datadir = Path(tempfile.mkdtemp(prefix="portal-test-pg-"))
    else:
        datadir.mkdir(parents=True, exist_ok=True)
        datadir.chmod(0o700)
    if os.geteuid() == 0:
        shutil.chown(datadir, "postgres", "postgres")
    port = port or free_port()
    quiet = {"stdout": subprocess.DEVNULL}
    if not (datadir / "PG_VERSION").exists():
        subprocess.run(
            as_server_user([str(bindir / "initdb"), "-D", str(datadir), "-U", "portal", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]),
            check=True,
            **quiet,
        )
    options = f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1"
    if not lasting:  # a throwaway server need not survive a crash, so it skips the disk flushes
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    subprocess.run(
        as_server_user([str(bindir / "pg_ctl"), "-D", str(datadir), "-l", str(datadir / "server.log"), "-o", options, "-w", "start"]),
        check=True,
        **quiet,
    )
    state.parent.mkdir(exist_ok=True)
    state.write_text(json.dumps({"datadir": str(datadir), "port": port, "bindir": str(bindir), "lasting": lasting}))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    print(f"DATABASE_URL={database_url(state)}")


def stop(quiet: bool = False, state: Path = STATE) -> None:
    if not state.exists():
        if not quiet:
            print("No test PostgreSQL server is running.")
        return
    server = json.loads(state.read_text())
    lasting = server.get("lasting", False)
    # A lasting server shuts down cleanly ("fast"); a throwaway one is simply dropped.
    mode = "fast" if lasting else "immediate"
    subprocess.run(
        as_server_user([str(Path(server["bindir"]) / "pg_ctl"), "-D", server["datadir"], "-m", mode, "-w", "stop"]),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if not lasting:
        shutil.rmtree(server["datadir"], ignore_errors=True)
    state.unlink()
    if not quiet:
        print("Test PostgreSQL server stopped.")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--state", type=Path, default=STATE, help="where the running server is recorded (default: %(default)s)")
    parser.add_argument("--datadir", type=Path, help="a lasting server's data folder, kept across stops (default: a temporary one)")
    parser.add_argument("--port", type=int, help="port to listen on (default: a free one)")
    arguments = parser.parse_args()
    if arguments.action == "start":
        start(arguments.state, arguments.datadir, arguments.port)
    else:
        stop(state=arguments.state)
