"""Back up and restore the portal: its database and its media files (uploaded images and
documents). `make backup` and `make restore BACKUP=…` call this.

    python tools/backup.py backup [--dest var/backups]     # → var/backups/<UTC timestamp>/
    python tools/backup.py restore var/backups/<timestamp> [--replace]

The database and media folder are the ones the settings name (DATABASE_URL, MEDIA_ROOT;
DJANGO_SETTINGS_MODULE, default portal.settings.dev). A backup folder holds:
- database.dump: PostgreSQL's custom format (pg_dump -Fc), or database.sqlite3: a consistent
  copy made with SQLite's online backup API (safe while the portal runs);
- media.tar.gz: the media folder;
- manifest.json: when, from which kind of database, and the row count of every table.

A restore refuses a database that already has tables unless --replace is given (then the
old media folder is kept beside the new one as <media>.replaced-<timestamp>). After a
restore the row counts are compared with the manifest; any difference is an error.
The search index is not backed up: it is rebuilt from the database (rebuild_search_index).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from django.conf import settings

    return settings


def database() -> dict:
    from django.db import connection

    return connection.settings_dict


def is_postgres() -> bool:
    return database()["ENGINE"].endswith("postgresql")


def pg_tool(name: str) -> str:
    bindir = os.environ.get("PG_BINDIR")
    found = str(Path(bindir) / name) if bindir else shutil.which(name)
    if not found:
        sys.exit(f"{name} was not found: install PostgreSQL's client programs (Debian: postgresql-client) or set PG_BINDIR.")
    return found


def pg_environment() -> dict[str, str]:
    """Connection settings for pg_dump/pg_restore, passed in the environment so that the
    password never appears on a command line."""
    db = database()
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD"), ("PGDATABASE", "NAME")):
        if db.get(key):
            env[variable] = str(db[key])
    return env


def table_counts() -> dict[str, int]:
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            # Names come from the database's own catalogue and are quoted: no user input.
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608  # nosec B608
            counts[table] = cursor.fetchone()[0]
    return counts


def media_files(media_root: Path) -> list[str]:
    if not media_root.exists():
        return []
    return sorted(str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file())


def backup(destination: Path) -> Path:
    settings = setup_django()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = destination / stamp
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = destination / f"{stamp}-{suffix}"
    folder.mkdir(parents=True, mode=0o700)  # personal data: readable by the owner only

    if is_postgres():
        subprocess.run(
            [pg_tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", "-f", str(folder / "database.dump")],
            env=pg_environment(),
            check=True,
        )
        kind = "postgresql"
    else:
        if not Path(database()["NAME"]).exists():
            folder.rmdir()
            sys.exit(f"There is no database at {database()['NAME']} to back up.")
        source = sqlite3.connect(database()["NAME"])
        target = sqlite3.connect(folder / "database.sqlite3")
        with target:
            source.backup(target)
        source.close()
        target.close()
        kind = "sqlite"

    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname="media")
    manifest = {
        "created_at": stamp,
        "database": kind,
        "tables": table_counts(),
        "media_files": len(media_files(media_root)),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return folder


def restore(folder: Path, replace: bool) -> None:
    settings = setup_django()
    from django.db import connection

    manifest = json.loads((folder / "manifest.json").read_text())
    kind = "postgresql" if is_postgres() else "sqlite"
    if manifest["database"] != kind:
        sys.exit(f"This backup is of a {manifest['database']} database; the settings name a {kind} one.")
    with connection.cursor() as cursor:
        existing = connection.introspection.table_names(cursor)
    if existing and not replace:
        sys.exit("The database already has tables: give --replace to overwrite it with the backup.")
    connection.close()

    if kind == "postgresql":
        command = [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
        if existing:
            command += ["--clean", "--if-exists"]
        subprocess.run([*command, "-d", database()["NAME"], str(folder / "database.dump")], env=pg_environment(), check=True)
    else:
        Path(database()["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(folder / "database.sqlite3")
        target = sqlite3.connect(database()["NAME"])
        with target:
            source.backup(target)
        source.close()
        target.close()

    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists() and any(media_root.iterdir()):
        if not replace:
            sys.exit(f"{media_root} is not empty: give --replace to set it aside and restore the backup's media.")
        media_root.rename(media_root.with_name(f"{media_root.name}.replaced-{manifest['created_at']}"))
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / "media.tar.gz", "r:gz") as archive:
        for member in archive.getmembers():
            if member.name == "media" or not member.name.startswith("media/"):
                continue
            member.name = member.name.removeprefix("media/")
            archive.extract(member, media_root, filter="data")  # refuses absolute paths, .., links out

    counts = table_counts()
    different = {table: (manifest["tables"].get(table), counts.get(table)) for table in set(counts) | set(manifest["tables"])}
    different = {table: pair for table, pair in different.items() if pair[0] != pair[1]}
    files = len(media_files(media_root))
    if different or files != manifest["media_files"]:
        sys.exit(f"Restored, but it does not match the backup: tables {different}, media files {files} of {manifest['media_files']}.")
    print(f"Restored {folder.name}: {len(counts)} tables, {sum(counts.values())} rows, {files} media files; all match the backup.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="action", required=True)
    make = commands.add_parser("backup", help="write a new backup folder")
    make.add_argument("--dest", type=Path, default=ROOT / "var" / "backups")
    back = commands.add_parser("restore", help="restore a backup folder")
    back.add_argument("folder", type=Path)
    back.add_argument("--replace", action="store_true", help="overwrite a database that has tables, set existing media aside")
    arguments = parser.parse_args()
    if arguments.action == "backup":
        print(backup(arguments.dest.resolve()))
    else:
        restore(arguments.folder.resolve(), arguments.replace)


if __name__ == "__main__":
    main()
