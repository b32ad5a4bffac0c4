"""Back up and restore the portal: its database and its media files (uploaded images and
documents). `make backup` and `make restore BACKUP=…` call this.

    python tools/backup.py backup [--dest var/backups]     # → var/backups/<UTC timestamp>/
    python tools/backup.py restore var/backups/<timestamp> [--replace]

The database and media folder are the ones the settings name (DATABASE_URL, MEDIA_ROOT;
DJANGO_SETTINGS_MODULE, default portal.settings.dev). A backup folder holds:
- database.dump: PostgreSQL's custom format (pg_dump -Fc), or database.sqlite3: a consistent
  copy made with SQLite's online backup API (safe while the portal runs);
- media.tar.gz: the media folder;
- manifest.json: when, from which kind of database, the row count of every table taken from
  the same snapshot as the dump (PostgreSQL: counted in a REPEATABLE READ transaction whose
  exported snapshot pg_dump --snapshot reads; SQLite: counted in the copy), the number of
  media files in the archive, and the SHA-256 of both files.

A restore refuses a database that already has tables, or a non-empty media folder, unless
--replace is given. It checks the whole backup before touching anything live: checksums, the
database restored into a scratch database (PostgreSQL; the role needs CREATEDB) or a copy of
the file (SQLite) and every table counted against the manifest, the media extracted beside the
live folder and counted. Only then does it swap in: PostgreSQL in one pg_restore transaction,
SQLite by renaming the checked copy into place (the old file kept as <db>.replaced-<stamp>),
the media by renaming (the old folder kept as <media>.replaced-<timestamp>). A backup that
fails a check changes nothing.

The search index is not backed up: it is rebuilt from the database (rebuild_search_index).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import hashlib
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


def count_rows(cursor, tables: list[str], quote) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        # Names come from the database's own catalogue and are quoted: no user input.
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608  # nosec B608
        counts[table] = cursor.fetchone()[0]
    return counts


def table_counts() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        return count_rows(cursor, connection.introspection.table_names(cursor), connection.ops.quote_name)


def sqlite_counts(path: Path) -> dict[str, int]:
    """Every table's rows in a SQLite file (a copy, not the live database)."""
    with contextlib.closing(sqlite3.connect(path)) as copy:
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"{path.name} is damaged (integrity_check failed)")
        tables = [name for (name,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return count_rows(copy.cursor(), tables, lambda name: '"' + name.replace('"', '""') + '"')


def media_files(media_root: Path) -> list[str]:
    if not media_root.exists():
        return []
    return sorted(str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file())


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


class BackupError(Exception):
    """The backup cannot be used; nothing live has been touched."""


def _dump_postgres(target: Path) -> dict[str, int]:
    """pg_dump of one snapshot, and every table's rows counted in that same snapshot: a
    REPEATABLE READ transaction exports its snapshot, counts, and pg_dump --snapshot reads it."""
    from django.db import connection

    connection.ensure_connection()
    connection.set_autocommit(True)
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = count_rows(cursor, connection.introspection.table_names(cursor), connection.ops.quote_name)
            subprocess.run(
                [pg_tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}", "-f", str(target)],
                env=pg_environment(),
                check=True,
            )
        finally:
            cursor.execute("COMMIT")
    return counts


def _copy_sqlite(target: Path) -> dict[str, int]:
    """A copy by SQLite's online backup API, counted from the copy (the live file may change)."""
    with contextlib.closing(sqlite3.connect(database()["NAME"])) as source, contextlib.closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return sqlite_counts(target)


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
        database_file, kind = folder / "database.dump", "postgresql"
        counts = _dump_postgres(database_file)
    else:
        if not Path(database()["NAME"]).exists():
            folder.rmdir()
            sys.exit(f"There is no database at {database()['NAME']} to back up.")
        database_file, kind = folder / "database.sqlite3", "sqlite"
        counts = _copy_sqlite(database_file)

    media_root = Path(settings.MEDIA_ROOT)
    media_count = 0
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname="media")
    with tarfile.open(folder / "media.tar.gz", "r:gz") as archive:  # what the archive holds, not the folder now
        media_count = sum(1 for member in archive.getmembers() if member.isfile())
    manifest = {
        "created_at": stamp,
        "database": kind,
        "tables": counts,
        "media_files": media_count,
        "sha256": {path.name: sha256(path) for path in (database_file, folder / "media.tar.gz")},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return folder


# --- Restore: check everything first, then swap in -------------------------------------------


def _read_manifest(folder: Path, kind: str) -> dict:
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"manifest.json cannot be read: {error}") from error
    if manifest.get("database") != kind:
        raise BackupError(f"This backup is of a {manifest.get('database')} database; the settings name a {kind} one.")
    database_file = "database.dump" if kind == "postgresql" else "database.sqlite3"
    for name in (database_file, "media.tar.gz"):
        if not (folder / name).is_file():
            raise BackupError(f"{name} is missing")
    for name, digest in manifest.get("sha256", {}).items():
        if sha256(folder / name) != digest:
            raise BackupError(f"{name} does not match its checksum in the manifest: the file is damaged")
    if "sha256" not in manifest:
        print("Note: this backup predates checksums; its row counts are still checked before anything is replaced.", file=sys.stderr)
    return manifest


def _compare(what: str, expected: dict[str, int], found: dict[str, int]) -> None:
    different = {table: (expected.get(table), found.get(table)) for table in set(expected) | set(found)}
    different = {table: pair for table, pair in different.items() if pair[0] != pair[1]}
    if different:
        raise BackupError(f"{what} does not match the manifest (table: manifest, found): {different}")


def _scratch_database_name() -> str:
    return f"{database()['NAME']}_restore_check_{os.getpid()}"


def _check_postgres_dump(folder: Path, manifest: dict) -> None:
    """Restore the dump into a scratch database, count its rows, drop it (needs CREATEDB)."""
    import psycopg
    from psycopg import sql

    scratch = _scratch_database_name()
    env = pg_environment()
    admin = psycopg.connect(dbname=database()["NAME"], **_pg_connect_kwargs(), autocommit=True)
    try:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
        try:
            result = subprocess.run(
                [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "-d", scratch, str(folder / "database.dump")],
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise BackupError(f"database.dump cannot be restored: {result.stderr.strip()[-500:]}")
            with psycopg.connect(dbname=scratch, **_pg_connect_kwargs()) as check:
                tables = [name for (name,) in check.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
                counts = count_rows(check.cursor(), tables, lambda name: sql.Identifier(name).as_string(check))
            _compare("database.dump", manifest["tables"], counts)
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch)))
    finally:
        admin.close()


def _pg_connect_kwargs() -> dict[str, str]:
    db = database()
    return {key.lower(): str(db[key]) for key in ("HOST", "PORT", "USER", "PASSWORD") if db.get(key)}


def _extract_media(folder: Path, target: Path, expected_files: int) -> None:
    target.mkdir(parents=True)
    with tarfile.open(folder / "media.tar.gz", "r:gz") as archive:
        for member in archive.getmembers():
            if member.name == "media" or not member.name.startswith("media/"):
                continue
            member.name = member.name.removeprefix("media/")
            archive.extract(member, target, filter="data")  # refuses absolute paths, .., links out
    files = len(media_files(target))
    if files != expected_files:
        raise BackupError(f"media.tar.gz holds {files} files; the manifest says {expected_files}")


def restore(folder: Path, replace: bool) -> None:
    """Check the backup completely (checksums; the database restored into a scratch copy and
    counted; the media extracted beside the live folder and counted) before touching anything
    live; then swap in the database (one transaction, or one rename) and the media (renames),
    keeping the old ones until the new are in place."""
    settings = setup_django()
    from django.db import connection

    kind = "postgresql" if is_postgres() else "sqlite"
    media_root = Path(settings.MEDIA_ROOT)
    with connection.cursor() as cursor:
        existing = connection.introspection.table_names(cursor)
    connection.close()
    if existing and not replace:
        sys.exit("The database already has tables: give --replace to overwrite it with the backup.")
    if media_root.exists() and any(media_root.iterdir()) and not replace:
        sys.exit(f"{media_root} is not empty: give --replace to set it aside and restore the backup's media.")

    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    incoming_media = media_root.with_name(f"{media_root.name}.restoring-{stamp}")
    live_sqlite = Path(database()["NAME"]) if kind == "sqlite" else None
    incoming_sqlite = live_sqlite.with_name(f"{live_sqlite.name}.restoring-{stamp}") if live_sqlite else None
    try:
        manifest = _read_manifest(folder, kind)
        if kind == "postgresql":
            _check_postgres_dump(folder, manifest)
        else:
            live_sqlite.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / "database.sqlite3", incoming_sqlite)
            _compare("database.sqlite3", manifest["tables"], sqlite_counts(incoming_sqlite))
        media_root.parent.mkdir(parents=True, exist_ok=True)
        _extract_media(folder, incoming_media, manifest["media_files"])
    except BackupError as error:
        shutil.rmtree(incoming_media, ignore_errors=True)
        if incoming_sqlite:
            incoming_sqlite.unlink(missing_ok=True)
        sys.exit(f"The backup failed its checks; nothing was changed. {error}")

    # Everything checked: swap in. The database first (all or nothing), then the media.
    if kind == "postgresql":
        command = [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
        if existing:
            command += ["--clean", "--if-exists"]
        result = subprocess.run([*command, "-d", database()["NAME"], str(folder / "database.dump")], env=pg_environment())
        if result.returncode:
            shutil.rmtree(incoming_media, ignore_errors=True)
            sys.exit("pg_restore failed; its single transaction was rolled back, nothing was changed.")
    else:
        kept = _set_aside_sqlite(live_sqlite, stamp)
        os.replace(incoming_sqlite, live_sqlite)
        if kept:
            print(f"The previous database is kept as {kept}.")

    if media_root.exists():
        if any(media_root.iterdir()):
            media_root.rename(media_root.with_name(f"{media_root.name}.replaced-{manifest['created_at']}"))
        else:
            media_root.rmdir()
    incoming_media.rename(media_root)

    counts, files = table_counts(), len(media_files(media_root))
    connection.close()
    print(f"Restored {folder.name}: {len(counts)} tables, {sum(counts.values())} rows, {files} media files; all match the backup.")


def _set_aside_sqlite(live: Path, stamp: str) -> Path | None:
    """Rename the live SQLite file (and its -wal/-shm, which must not meet the new file) aside."""
    if not live.exists():
        return None
    kept = live.with_name(f"{live.name}.replaced-{stamp}")
    for suffix in ("-wal", "-shm", "-journal"):
        companion = live.with_name(live.name + suffix)
        if companion.exists():
            companion.rename(kept.with_name(kept.name + suffix))
    live.rename(kept)
    return kept


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
