"""Migration 0006 on a database of its own, both ways: the English names of an existing
database become Wagtail translations of the Thai rows, and going back restores the columns."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BEFORE = "0005_merge_0004_case_study_external_id_0004_centre_website"
COLUMNS = "select slug, name_th, name_en from learning_centres_focusarea order by slug"
ROWS = (
    "select slug, label, l.language_code from learning_centres_focusarea f"
    " join wagtailcore_locale l on l.id = f.locale_id order by slug, l.language_code"
)


def manage(database: Path, *args: str) -> str:
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{database}", DJANGO_SETTINGS_MODULE="portal.settings.test")
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def query(database: Path, sql: str) -> list[tuple]:
    import sqlite3

    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


def test_english_names_move_to_translations_and_back(tmp_path):
    database = tmp_path / "upgrade.sqlite3"
    manage(database, "migrate", "--no-input", "-v", "0")
    manage(database, "migrate", "learning_centres", BEFORE, "--no-input", "-v", "0")
    columns = query(database, COLUMNS)
    assert len(columns) == 8 and all(name_en for _slug, _th, name_en in columns)

    manage(database, "migrate", "--no-input", "-v", "0")
    rows = query(database, ROWS)
    assert rows == sorted([(slug, th, "th") for slug, th, _en in columns] + [(slug, en, "en") for slug, _th, en in columns])
    keys = query(database, "select count(distinct translation_key) from learning_centres_focusarea")
    assert keys == [(8,)]  # each English row shares its Thai original's key

    manage(database, "migrate", "learning_centres", BEFORE, "--no-input", "-v", "0")
    assert query(database, COLUMNS) == columns
