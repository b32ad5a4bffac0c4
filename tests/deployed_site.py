"""A portal installed the way a server has it: its own database (a SQLite file, or a fresh
PostgreSQL database when DATABASE_URL names a server), migrated, with demo content and
media files, and driven through `manage.py` subprocesses that see what they commit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]


def fresh_database_url(directory: Path, name: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{directory / (name + '.sqlite3')}"
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def drop_database(url: str) -> None:
    if url.startswith("postgres"):
        import psycopg

        name = urlsplit(url).path.lstrip("/")
        admin_url = urlunsplit(urlsplit(url)._replace(path="/postgres"))
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Site:
    def __init__(self, directory: Path, name: str, **env: str):
        self.directory = directory
        self.database_url = fresh_database_url(directory, name)
        self.media_root = directory / f"{name}-media"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(self.media_root),
            "SEARCH_URL": "",
            **env,
        }

    def command(self, *args: str) -> list[str]:
        return [sys.executable, str(ROOT / "manage.py"), *args]

    def manage(self, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess:
        result = subprocess.run(self.command(*args), env={**self.env, **env}, cwd=ROOT, capture_output=True, text=True, timeout=900)
        if check:
            assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr[-3000:]}"
        return result

    def install(self, demo_limit: int | None = None) -> Site:
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("load_demo_content", *(["--limit", str(demo_limit)] if demo_limit else []))
        return self

    def drop(self) -> None:
        drop_database(self.database_url)
