"""The restore drill: back up a portal with content, restore it into a fresh database and
media folder, and find every table's rows and every media file again."""

import contextlib
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.deployed_site import ROOT, Site


def run_tool(site: Site, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "backup.py"), *args], env=site.env, cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def row_counts(database_url: str) -> dict[str, int]:
    """Every table's row count, read straight from the database (not through the tool)."""
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            return {table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608
    import psycopg

    with psycopg.connect(database_url) as connection:
        tables = [row[0] for row in connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return {table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608


def media_digests(media_root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(media_root)): hashlib.sha256(path.read_bytes()).hexdigest() for path in media_root.rglob("*") if path.is_file()
    }


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("original"), f"portal_backup_original_{os.getpid()}").install(demo_limit=4)
    yield site
    site.drop()


@pytest.fixture
def sites(original, tmp_path):
    restored = Site(tmp_path, f"portal_backup_restored_{os.getpid()}")
    yield original, restored
    restored.drop()


def test_restore_drill_brings_back_every_row_and_media_file(sites, tmp_path):
    original, restored = sites
    backup = run_tool(original, "backup", "--dest", str(tmp_path / "backups"))
    assert backup.returncode == 0, backup.stderr
    folder = Path(backup.stdout.strip().splitlines()[-1])
    expected_database = "database.dump" if original.database_url.startswith("postgres") else "database.sqlite3"
    assert {path.name for path in folder.iterdir()} == {expected_database, "media.tar.gz", "manifest.json"}
    assert folder.stat().st_mode & 0o077 == 0  # only the owner can read a backup

    result = run_tool(restored, "restore", str(folder))
    assert result.returncode == 0, result.stderr
    assert "all match the backup" in result.stdout

    counts = row_counts(original.database_url)
    # Four demo case studies and their English versions (aliases, one a translation).
    assert counts["learning_centres_casestudypage"] == 8 and counts["wagtailimages_image"] > 0
    assert "portal_ratelimitcounter" in counts  # migrate created the rate-limit table
    assert row_counts(restored.database_url) == counts
    assert media_digests(restored.media_root) == media_digests(original.media_root) != {}

    # The restored portal works: it serves the case studies it had.
    originals = (
        "from learning_centres.models import CaseStudyPage; print(CaseStudyPage.objects.live().filter(locale__language_code='th').count())"
    )
    listing = restored.manage("shell", "-c", originals)
    assert listing.stdout.strip().endswith("4")


def test_restore_refuses_to_overwrite_a_database_without_replace(sites, tmp_path):
    original, _restored = sites
    folder = Path(run_tool(original, "backup", "--dest", str(tmp_path / "backups")).stdout.strip().splitlines()[-1])
    refused = run_tool(original, "restore", str(folder))
    assert refused.returncode != 0
    assert "--replace" in refused.stderr
    replaced = run_tool(original, "restore", str(folder), "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert "all match the backup" in replaced.stdout


def live_state(site: Site) -> tuple[dict[str, int], dict[str, str], list[str]]:
    return row_counts(site.database_url), media_digests(site.media_root), sorted(path.name for path in site.directory.iterdir())


@contextlib.contextmanager
def writing_all_along(site: Site):
    """A visitor searching while the backup runs: a row is added every few milliseconds."""
    stop = threading.Event()

    def write() -> None:
        number = 0
        if site.database_url.startswith("sqlite"):
            connection = sqlite3.connect(site.database_url.removeprefix("sqlite:///"), timeout=30, isolation_level=None)
            insert = lambda text: connection.execute("INSERT INTO wagtailsearchpromotions_query (query_string) VALUES (?)", [text])  # noqa: E731
        else:
            import psycopg

            connection = psycopg.connect(site.database_url, autocommit=True)
            insert = lambda text: connection.execute("INSERT INTO wagtailsearchpromotions_query (query_string) VALUES (%s)", [text])  # noqa: E731
        while not stop.is_set():
            number += 1
            insert(f"คำค้นระหว่างสำรอง {number}")
            time.sleep(0.005)
        connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        yield
    finally:
        stop.set()
        writer.join()


def test_the_manifest_counts_the_same_snapshot_as_the_dump_on_a_live_site(sites, tmp_path):
    original, restored = sites
    with writing_all_along(original):
        backup = run_tool(original, "backup", "--dest", str(tmp_path / "backups"))
    assert backup.returncode == 0, backup.stderr
    folder = Path(backup.stdout.strip().splitlines()[-1])
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"]["wagtailsearchpromotions_query"] < row_counts(original.database_url)["wagtailsearchpromotions_query"]

    result = run_tool(restored, "restore", str(folder))
    assert result.returncode == 0, result.stderr
    restored_counts = {table: count for table, count in row_counts(restored.database_url).items() if not table.startswith("sqlite_")}
    assert restored_counts == manifest["tables"]


@pytest.mark.parametrize("damage", ["a count", "the database file", "the media archive"])
def test_a_backup_that_fails_its_checks_changes_nothing(sites, tmp_path, damage):
    original, _restored = sites
    folder = Path(run_tool(original, "backup", "--dest", str(tmp_path / "backups")).stdout.strip().splitlines()[-1])
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    if damage == "a count":
        manifest["tables"]["learning_centres_casestudypage"] += 1
        manifest_path.write_text(json.dumps(manifest))
    else:
        database_file = "database.dump" if manifest["database"] == "postgresql" else "database.sqlite3"
        name = "media.tar.gz" if damage == "the media archive" else database_file
        with (folder / name).open("r+b") as handle:
            handle.seek(200)
            handle.write(b"\x00damaged\x00")
    before = live_state(original)

    result = run_tool(original, "restore", str(folder), "--replace")
    assert result.returncode != 0
    assert "nothing was changed" in result.stderr
    assert live_state(original) == before  # the same rows, the same media, no files set aside
