#!/usr/bin/env python3
"""The production configuration on one machine: `make serve` / `make serve-stop`.

    python tools/serve.py start    # prepare, start everything in the background, wait until healthy
    python tools/serve.py stop     # stop every process it started (and PostgreSQL, the node)
    python tools/serve.py status   # exit 0 when it runs

What runs (README "Running in production"; docs/deployment.md gives the same as systemd units):
nginx (Debian's) terminating TLS in front of gunicorn, and the background workers, all
under honcho with the project's Procfile; PostgreSQL ($DATABASE_URL, or a lasting local
server in $SERVE_DIR/postgres started by tools/test_postgres.py) and the search engine
($SEARCH_URL, or a node started by tools/search_node.py). Everything it writes lives in
$SERVE_DIR (default var/serve): nginx's configuration, logs and temporary files, the TLS
certificate, SECRET_KEY, the environment file, the administrator's password.

Variables (environment or `make serve VAR=...`): HTTPS_PORT (8443), HTTP_PORT (8080, redirects
to HTTPS; 0: none), WEB_PORT (gunicorn on 127.0.0.1, 8001), WEB_WORKERS (4), SERVE_HOST
(localhost), TLS_CERT/TLS_KEY (else a self-signed certificate for localhost), DATABASE_URL,
SEARCH_URL, SERVE_SEARCH_PORT (9210, the node started without SEARCH_URL), SERVE_DEMO (1: load
the demo content into an empty database; 0: do not), SERVE_DEMO_LIMIT (load only N case
studies), MEDIA_ROOT, STATIC_ROOT, SERVE_DIR.

Over 400 lines because it is one life cycle on the standard library, like search_node.py:
the configuration, nginx's generated config, the services it may start, preparing the site,
starting and waiting, and a stop that finds every process again are driven by the Makefile
and by tests/production through this one file.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import test_postgres

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# The readiness endpoint the stack waits on. The portal's /health/ready/ is not merged yet:
# until it is, the home page answering 200 through the proxy is the sign of health.
HEALTH_PATH = "/health/ready/"
START_TIMEOUT = 120.0
STOP_TIMEOUT = 20.0
# Every process of the stack carries this variable, so `stop` finds any left behind.
MARKER = "PORTAL_SERVE_DIR"


STARTED = time.monotonic()


def say(message: str) -> None:
    print(f"serve: [{time.monotonic() - STARTED:5.1f} s] {message}", file=sys.stderr, flush=True)


@dataclass
class Config:
    dir: Path
    https_port: int
    http_port: int
    web_port: int
    web_workers: int
    host: str
    search_port: int
    demo: bool
    demo_limit: str
    tls_cert: Path
    tls_key: Path
    media_root: Path
    static_root: Path
    database_url: str = ""
    search_url: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_environment(cls) -> Config:
        env = os.environ
        serve_dir = Path(env.get("SERVE_DIR") or ROOT / "var" / "serve").resolve()
        return cls(
            dir=serve_dir,
            https_port=int(env.get("HTTPS_PORT") or 8443),
            http_port=int(env.get("HTTP_PORT") or 8080),
            web_port=int(env.get("WEB_PORT") or 8001),
            web_workers=int(env.get("WEB_WORKERS") or 4),
            host=env.get("SERVE_HOST") or "localhost",
            search_port=int(env.get("SERVE_SEARCH_PORT") or 9210),
            demo=(env.get("SERVE_DEMO") or "1") != "0",
            demo_limit=env.get("SERVE_DEMO_LIMIT", ""),
            tls_cert=Path(env.get("TLS_CERT") or serve_dir / "tls" / "localhost.crt"),
            tls_key=Path(env.get("TLS_KEY") or serve_dir / "tls" / "localhost.key"),
            media_root=Path(env.get("MEDIA_ROOT") or ROOT / "media").resolve(),
            static_root=Path(env.get("STATIC_ROOT") or ROOT / "static_collected").resolve(),
            database_url=env.get("DATABASE_URL", ""),
            search_url=env.get("SEARCH_URL", ""),
            # Passed through to every process when set (tests use the first two).
            extra={
                name: env[name]
                for name in (
                    "SEARCH_INDEX_PREFIX",
                    "SCHEDULE_PUBLISH_EVERY",
                    "SEARCH_ENGINE",
                    "EMAIL_BACKEND",
                    "EMAIL_HOST",
                    "EMAIL_PORT",
                    "EMAIL_USE_TLS",
                    "DEFAULT_FROM_EMAIL",
                    "ADMINS",
                    "LOG_LEVEL",
                    "PUBLIC_RATE_LIMIT_PER_MINUTE",  # 0 for a load run from one address (make load)
                )
                if env.get(name)
            },
        )

    @property
    def url(self) -> str:
        return f"https://{self.host}:{self.https_port}"

    @property
    def nginx_prefix(self) -> Path:
        return self.dir / "nginx"

    @property
    def services_file(self) -> Path:
        return self.dir / "services.json"  # what this script started besides honcho

    @property
    def pid_file(self) -> Path:
        return self.dir / "honcho.pid"


# --- Debian's tools ---------------------------------------------------------------------------


def ensure_debian_command(command: str, package: str) -> None:
    """As the Makefile's debian_install: install Debian's package when missing and we are root."""
    if shutil.which(command) or Path("/usr/sbin", command).exists():
        return
    if os.geteuid() != 0:
        sys.exit(f"{command} is missing: install Debian's packages: apt-get install {package}")
    say(f"installing Debian's {package}…")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True, env=env, stdout=subprocess.DEVNULL)


def nginx_binary() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


# --- Files under SERVE_DIR --------------------------------------------------------------------


def write_private(path: Path, text: str) -> None:
    """Create PATH readable by its owner only (0600) before anything is written to it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(text)


def secret_key(config: Config) -> str:
    path = config.dir / "secret-key"
    if not path.exists():
        write_private(path, secrets.token_urlsafe(64))
    return path.read_text().strip()


def ensure_certificate(config: Config) -> None:
    if config.tls_cert.exists() and config.tls_key.exists():
        return
    if os.environ.get("TLS_CERT") or os.environ.get("TLS_KEY"):
        sys.exit(f"TLS_CERT and TLS_KEY must both name existing files ({config.tls_cert}, {config.tls_key}).")
    ensure_debian_command("openssl", "openssl")
    config.tls_cert.parent.mkdir(parents=True, exist_ok=True)
    write_private(config.tls_key, "")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "825", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", str(config.tls_key), "-out", str(config.tls_cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    say(f"generated a self-signed certificate for localhost: {config.tls_cert}")


def upload_limit_mb() -> int:
    """nginx's body limit: the largest upload the portal accepts, plus room for the form."""
    sys.path.insert(0, str(ROOT))
    from portal.settings import base

    largest = max(base.WAGTAILDOCS_MAX_UPLOAD_SIZE, base.WAGTAILIMAGES_MAX_UPLOAD_SIZE, base.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return largest // (1024 * 1024) + 1


PROXY_TO_PORTAL = """\
            proxy_pass http://portal;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            # Overwritten, never appended: the portal trusts this header from 127.0.0.1 only.
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Request-ID $request_id;
            proxy_read_timeout 60s;"""


def import_limit_mb() -> int:
    sys.path.insert(0, str(ROOT))
    from portal.settings import base

    return base.IMPORT_MAX_UPLOAD_SIZE // (1024 * 1024) + 1


def nginx_config(config: Config) -> str:
    proxy = PROXY_TO_PORTAL
    prefix = config.nginx_prefix
    # Workers read media files the portal writes 0640 as this same user (FILE_UPLOAD_PERMISSIONS);
    # on a real server nginx and the portal share a group instead (docs/deployment.md).
    user = "user root root;\n" if os.geteuid() == 0 else ""
    hsts = 'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains; preload" always;'
    http_server = (
        f"""
    server {{
        listen 127.0.0.1:{config.http_port};
        server_name _;
        return 301 https://$host:{config.https_port}$request_uri;
    }}
"""
        if config.http_port
        else ""
    )
    return f"""# Generated by tools/serve.py at each start; edits are overwritten.
{user}daemon off;
worker_processes 2;
pid {prefix}/nginx.pid;
error_log stderr warn;

events {{
    worker_connections 512;
}}

http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    sendfile on;
    server_tokens off;
    # The largest upload the portal accepts (WAGTAILDOCS_MAX_UPLOAD_SIZE) plus the form around it.
    client_max_body_size {upload_limit_mb()}m;
    gzip on;
    gzip_proxied any;
    gzip_vary on;
    gzip_types text/css application/javascript application/json image/svg+xml text/plain text/xml application/xml;

    upstream portal {{
        server 127.0.0.1:{config.web_port};
        keepalive 16;
    }}
{http_server}
    server {{
        listen 127.0.0.1:{config.https_port} ssl http2;
        server_name _;
        ssl_certificate {config.tls_cert};
        ssl_certificate_key {config.tls_key};
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:portal_tls:1m;

        # Collected static files carry a content hash in their names: cache them for good.
        location /static/ {{
            alias {config.static_root}/;
            gzip_static on;  # collectstatic wrote .gz beside each file (WhiteNoise's storage)
            expires max;
            add_header Cache-Control "public, immutable";
            add_header X-Content-Type-Options nosniff always;
            {hsts}
        }}
        # Image renditions, straight from disk.
        location /media/images/ {{
            alias {config.media_root}/images/;
            expires 30d;
            add_header X-Content-Type-Options nosniff always;
            {hsts}
        }}
        # Never anything else under /media/: documents (and original images) are served only by
        # the portal's serve view, which checks permissions and forces a download.
        location /media/ {{
            return 404;
        }}
        location / {{
{proxy}
        }}
        # The editors' import takes a whole spreadsheet or ZIP of case studies.
        location = /admin/open-data/import/ {{
            client_max_body_size {import_limit_mb()}m;
{proxy}
        }}
    }}
}}
"""


def app_environment(config: Config) -> dict[str, str]:
    """The portal's environment: the same for gunicorn, the workers and manage.py."""
    hosts = sorted({config.host, "localhost", "127.0.0.1"})
    return {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secret_key(config),
        "ALLOWED_HOSTS": ",".join(hosts),
        "CSRF_TRUSTED_ORIGINS": ",".join(f"https://{host}:{config.https_port}" for host in hosts),
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "TRUSTED_PROXIES": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": config.url,
        "DATABASE_URL": config.database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "SEARCH_URL": config.search_url,
        "MEDIA_ROOT": str(config.media_root),
        "STATIC_ROOT": str(config.static_root),
        "PYTHAINLP_OFFLINE": "1",
        "PYTHAINLP_READ_ONLY": "1",
        # Read by the Procfile.
        "PYTHON": PYTHON,
        "WEB_BIND": f"127.0.0.1:{config.web_port}",
        "WEB_WORKERS": str(config.web_workers),
        "NGINX_BIN": nginx_binary(),
        "NGINX_PREFIX": str(config.nginx_prefix),
        MARKER: str(config.dir),
        **config.extra,
    }


# --- Processes --------------------------------------------------------------------------------


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped by its parent) counts as gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def honcho_pid(config: Config) -> int | None:
    try:
        pid = int(config.pid_file.read_text())
    except (OSError, ValueError):
        return None
    return pid if alive(pid) else None


def stack_processes(config: Config) -> list[int]:
    """Every live process carrying this stack's marker in its environment."""
    wanted = f"{MARKER}={config.dir}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if wanted in (entry / "environ").read_bytes().split(b"\0") and alive(int(entry.name)):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def manage(config: Config, *args: str, env: dict[str, str] | None = None) -> str:
    env = {**os.environ, **app_environment(config), **(env or {})}
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, text=True, capture_output=True)
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return result.stdout


def read_services(config: Config) -> dict[str, str]:
    try:
        return json.loads(config.services_file.read_text())
    except (OSError, ValueError):
        return {}


def start_database(config: Config, services: dict[str, str]) -> None:
    if config.database_url:
        return
    state = config.dir / "postgres.json"
    if not test_postgres.running(state):
        say("starting PostgreSQL (data in {})…".format(config.dir / "postgres"))
        # The same port at each start, so DATABASE_URL (and the file of it) stays the same.
        port_file = config.dir / "postgres-port"
        port = int(port_file.read_text()) if port_file.exists() else test_postgres.free_port()
        if not port_free(port):
            port = test_postgres.free_port()
        port_file.write_text(str(port))
        with contextlib.redirect_stdout(sys.stderr):  # it prints DATABASE_URL for the test runner
            test_postgres.start(state, datadir=config.dir / "postgres", port=port)
    services["postgres_state"] = str(state)
    config.database_url = test_postgres.database_url(state)


def start_search(config: Config, services: dict[str, str]) -> None:
    if config.search_url:
        return
    home = config.dir / "search-node"
    say(f"starting the search node on port {config.search_port}…")
    result = subprocess.run(
        [PYTHON, str(ROOT / "tools" / "search_node.py"), "start", "--port", str(config.search_port), "--home", str(home)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit("The search node did not start:\n" + result.stderr[-3000:])
    services["search_home"] = str(home)
    config.search_url = result.stdout.strip().splitlines()[-1]


def prepare(config: Config) -> None:
    """Database, static files, demo content, search index and administrator, in one manage.py
    process (portal/management/commands/prepare_site.py)."""
    built = config.dir / "index-built"
    # The index is built once per database and engine pair (and after loading the demo content).
    pair = f"{config.database_url} {config.search_url}"
    rebuild = (built.read_text() if built.exists() else "") != pair
    password_file = config.dir / "admin-password"
    password = password_file.read_text().strip() if password_file.exists() else secrets.token_urlsafe(18)
    say("migrating, collecting static files" + (", building the search index" if rebuild else "") + "…")
    manage(
        config,
        "prepare_site",
        "--admin",
        "admin",
        *(["--demo"] if config.demo else []),
        *(["--demo-limit", config.demo_limit] if config.demo_limit else []),
        *(["--rebuild-index"] if rebuild else []),
        env={"PORTAL_ADMIN_PASSWORD": password},
    )
    write_private(password_file, password + "\n")
    built.write_text(pair)
    say("starting the processes…")


def wait_healthy(config: Config, pid: int, log: Path) -> None:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # our own self-signed certificate, on loopback
    # Only https to our own loopback address is ever opened here.
    request = urllib.request.Request(f"https://127.0.0.1:{config.https_port}{HEALTH_PATH}", headers={"Host": config.host})
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if not alive(pid):
            break
        try:
            with urllib.request.urlopen(request, timeout=5, context=context) as response:  # noqa: S310  # nosec B310
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    tail = log.read_text(errors="replace")[-4000:] if log.exists() else ""
    stop(config)
    sys.exit(f"The stack did not become healthy within {START_TIMEOUT:.0f} s; its log ({log}):\n{tail}")


def start(config: Config) -> int:
    config.dir.mkdir(parents=True, exist_ok=True)
    if pid := honcho_pid(config):
        say(f"already running (honcho pid {pid}): {config.url}/")
        return 0
    ensure_debian_command("nginx", "nginx")
    for port in filter(None, (config.https_port, config.http_port, config.web_port)):
        if not port_free(port):
            sys.exit(f"Port {port} is in use: choose others with HTTPS_PORT, HTTP_PORT, WEB_PORT.")
    services = read_services(config)
    start_database(config, services)
    start_search(config, services)
    config.services_file.write_text(json.dumps(services))
    ensure_certificate(config)
    (config.nginx_prefix / "temp").mkdir(parents=True, exist_ok=True)
    (config.nginx_prefix / "nginx.conf").write_text(nginx_config(config))
    env = app_environment(config)
    env_file = config.dir / "env"
    write_private(env_file, "".join(f"{name}={value}\n" for name, value in env.items()))
    prepare(config)

    log = config.dir / "serve.log"
    with open(log, "ab") as output:
        process = subprocess.Popen(
            [PYTHON, "-m", "honcho", "start", "-f", str(ROOT / "Procfile"), "-e", str(env_file), "-d", str(ROOT)],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # outlives this script; `stop` ends it
        )
    config.pid_file.write_text(str(process.pid))
    wait_healthy(config, process.pid, log)
    password = (config.dir / "admin-password").read_text().strip()
    print(f"The portal runs at {config.url}/ (admin: {config.url}/admin/, user admin, password {password}).")
    print(f"Password kept in {config.dir / 'admin-password'}; logs in {log}; stop with `make serve-stop`.")
    return 0


def terminate(pids: list[int], timeout: float) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in pids:
        if alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def stop(config: Config) -> int:
    pid = honcho_pid(config)
    if pid:
        terminate([pid], STOP_TIMEOUT)  # honcho passes SIGTERM on to every process it runs
    # Anything left (a worker that ignored SIGTERM, or honcho itself killed earlier). nginx
    # overwrites its environment with its process title, so its own pid file finds it.
    nginx_pid = config.nginx_prefix / "nginx.pid"
    for _ in range(3):
        leftovers = stack_processes(config)
        with contextlib.suppress(OSError, ValueError):
            pid = int(nginx_pid.read_text())
            if alive(pid) and b"nginx" in Path(f"/proc/{pid}/cmdline").read_bytes() and pid not in leftovers:
                leftovers.append(pid)
        if not leftovers:
            break
        terminate(leftovers, 5)
    config.pid_file.unlink(missing_ok=True)
    services = read_services(config)
    if home := services.get("search_home"):
        subprocess.run([PYTHON, str(ROOT / "tools" / "search_node.py"), "stop", "--home", home], capture_output=True)
    if state := services.get("postgres_state"):
        test_postgres.stop(quiet=True, state=Path(state))
    config.services_file.unlink(missing_ok=True)
    say("stopped" if pid else "not running")
    return 0


def status(config: Config) -> int:
    pid = honcho_pid(config)
    if not pid:
        print("not running")
        return 1
    print(f"running at {config.url}/ (honcho pid {pid}; processes: {len(stack_processes(config))})")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in ("start", "stop", "status"):
        print(__doc__, file=sys.stderr)
        return 2
    config = Config.from_environment()
    return {"start": start, "stop": stop, "status": status}[argv[0]](config)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
